/** Where the saga console is served: on the edge endpoint locally, on its own server with `npm run console`. */
export const CONSOLE_PATH = '/_console';
