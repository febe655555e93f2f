import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * How long an idle keep-alive connection stays open. Node's default (5 s) races a client that
 * reuses the connection just as the server closes it: a test worker busy compiling its next file
 * for a few seconds misses its own 4 s idle timer and sends on a socket the server is closing
 * ("other side closed"). A minute, like a load balancer's idle timeout, leaves the closing to the client.
 */
const IDLE_CONNECTION_MS = 65_000;

/** Listens on loopback only (nothing here is for other machines); port 0 picks a free one. Returns the base URL. */
export async function listenOnLoopback(server: Server, port: number): Promise<string> {
  server.keepAliveTimeout = IDLE_CONNECTION_MS;
  server.headersTimeout = IDLE_CONNECTION_MS + 1_000;
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Closes a server now, keep-alive connections included. */
export async function closeServer(server: Server | undefined): Promise<void> {
  if (!server) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
