import { createServer, type Server } from 'node:http';
import { closeServer, listenOnLoopback } from './loopback-server';

/** An AWS JSON-protocol operation: the target's service prefix, the action and the parsed body. */
export type AwsJsonHandler = (action: string, body: unknown) => Promise<{ status: number; body: unknown }>;

/** A local-only endpoint under `/_local/` (test hooks), by path, given the method and parsed body. */
export type LocalHook = (method: string, body: unknown) => Promise<{ status: number; body: unknown }>;

/**
 * One endpoint for the AWS services the local runtime emulates, in the LocalStack style: SDK
 * clients reach it through `AWS_ENDPOINT_URL`, and calls are routed by their `X-Amz-Target`
 * (e.g. `AWSStepFunctions.StartExecution`), so handler code has no local special case.
 */
export class LocalEdge {
  private server: Server | undefined;

  constructor(
    private readonly services: Record<string, AwsJsonHandler>,
    private readonly hooks: Record<string, LocalHook> = {},
  ) {}

  async listen(port: number): Promise<string> {
    const server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const target = String(req.headers['x-amz-target'] ?? '');
      const [service = '', action = ''] = target.split('.');
      const handler = this.services[service];
      const hook = req.url?.startsWith('/_local/') ? this.hooks[req.url.slice('/_local/'.length)] : undefined;
      let answer: { status: number; body: unknown };
      if (hook) {
        try {
          answer = await hook(req.method ?? 'GET', chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {});
        } catch (error) {
          answer = { status: 400, body: { message: (error as Error).message } };
        }
      } else if (!handler) {
        answer = { status: 400, body: { __type: 'UnknownOperationException', message: `the local runtime does not emulate "${target || req.url}"` } };
      } else {
        try {
          answer = await handler(action, chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {});
        } catch (error) {
          answer = { status: 500, body: { __type: 'InternalFailure', message: (error as Error).message } };
        }
      }
      res.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify(answer.body));
    });
    this.server = server;
    return listenOnLoopback(server, port);
  }

  close(): Promise<void> {
    return closeServer(this.server);
  }
}
