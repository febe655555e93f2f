import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { SFNClient } from '@aws-sdk/client-sfn';
import { CONSOLE_PATH } from '../local/console/console-path';
import { sagaConsole } from '../local/console/saga-console';
import { listenOnLoopback } from '../local/edge/loopback-server';
import { foreignRequest } from '../local/edge/own-origin';

const USAGE = `usage: npm run console -- --aws [--port 4600] [--api-url https://…]

Serves the saga console over the Step Functions API of your AWS account and region (the usual
credentials: AWS_PROFILE or AWS_ACCESS_KEY_ID…, and AWS_REGION), so the state machines of a
deployed stack can be looked at as they are locally. --api-url (the stack's ApiUrl output) adds
the order's curl lines to each execution and serves the operator's inbox pages (/_console/inbox),
which call the API's inbox routes through this server with the admin token you paste in the page.
Locally there is no need: \`npm start\` serves the same console on its AWS endpoint (see the banner).`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { aws: { type: 'boolean', default: false }, port: { type: 'string', default: '4600' }, 'api-url': { type: 'string' }, help: { type: 'boolean', default: false } } });
  if (values.help || !values.aws) return void console.log(USAGE);
  const sfn = new SFNClient({});
  const render = sagaConsole(sfn, { base: CONSOLE_PATH, apiUrl: values['api-url'] });
  let port = 0;
  const server = createServer(async (req, res) => {
    const url = req.url ?? '/';
    const method = req.method ?? 'GET';
    // The inbox pages' calls to the API (POST too), from this server's own pages only.
    const pageCall = url.startsWith(`${CONSOLE_PATH}/api/`);
    const refused = foreignRequest(req.headers, method, port, pageCall && method !== 'GET');
    if (refused) return void res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end(refused);
    if ((method !== 'GET' && !pageCall) || !(url === CONSOLE_PATH || url.startsWith(`${CONSOLE_PATH}/`) || url.startsWith(`${CONSOLE_PATH}?`))) {
      res.writeHead(302, { location: `${CONSOLE_PATH}/` }).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const authorization = typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined;
    const { status, contentType, body } = await render(url, { method, authorization, body: chunks.length ? Buffer.concat(chunks).toString('utf8') : undefined });
    res.writeHead(status, { 'content-type': contentType }).end(body);
  });
  const base = await listenOnLoopback(server, Number(values.port));
  port = Number(new URL(base).port);
  console.log(`saga console over AWS Step Functions (${await sfn.config.region()}): ${base}${CONSOLE_PATH}/   Ctrl-C stops it`);
}

main().catch((error: Error) => {
  console.error(`console: ${error.message}`);
  process.exit(1);
});
