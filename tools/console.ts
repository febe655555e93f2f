import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { SFNClient } from '@aws-sdk/client-sfn';
import { CONSOLE_PATH } from '../local/console/console-path';
import { sagaConsole } from '../local/console/saga-console';
import { listenOnLoopback } from '../local/edge/loopback-server';

const USAGE = `usage: npm run console -- --aws [--port 4600] [--api-url https://…]

Serves the saga console over the Step Functions API of your AWS account and region (the usual
credentials: AWS_PROFILE or AWS_ACCESS_KEY_ID…, and AWS_REGION), so the state machines of a
deployed stack can be looked at as they are locally. --api-url (the stack's ApiUrl output) adds
the order's curl lines to each execution. Locally there is no need: \`npm start\` serves the same
console on its AWS endpoint (see the banner).`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { aws: { type: 'boolean', default: false }, port: { type: 'string', default: '4600' }, 'api-url': { type: 'string' }, help: { type: 'boolean', default: false } } });
  if (values.help || !values.aws) return void console.log(USAGE);
  const sfn = new SFNClient({});
  const render = sagaConsole(sfn, { base: CONSOLE_PATH, apiUrl: values['api-url'] });
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (req.method !== 'GET' || !(url === CONSOLE_PATH || url.startsWith(`${CONSOLE_PATH}/`) || url.startsWith(`${CONSOLE_PATH}?`))) {
      res.writeHead(302, { location: `${CONSOLE_PATH}/` }).end();
      return;
    }
    void render(url).then(({ status, contentType, body }) => res.writeHead(status, { 'content-type': contentType }).end(body));
  });
  const base = await listenOnLoopback(server, Number(values.port));
  console.log(`saga console over AWS Step Functions (${await sfn.config.region()}): ${base}${CONSOLE_PATH}/   Ctrl-C stops it`);
}

main().catch((error: Error) => {
  console.error(`console: ${error.message}`);
  process.exit(1);
});
