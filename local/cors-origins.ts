/**
 * The web origins `npm start` lets call its HTTP API (context `corsOrigins`), unless
 * `--cors-origins` says otherwise: the API's own origin and the saga console's (the edge's), each
 * as http://127.0.0.1:<port> and http://localhost:<port> (a page on one name calling the other is
 * cross-origin). A port picked at random (0) is not known when the app is synthesized: it gives none.
 */
export function localCorsOrigins(ports: { api: number; edge: number }): string[] {
  return [ports.api, ports.edge].filter((port) => port > 0).flatMap((port) => [`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
}
