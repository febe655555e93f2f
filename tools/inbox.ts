import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadOrCreateSigningKey, mintToken, readRuntimeAuth } from '../local/oidc';

const USAGE = `usage: npm run -s inbox -- <command> [--runtime .local/runtime.json | --api-url https://… --token <admin token>]

  list [--kind compensation|parked-event|effect|bus-target|stream-batch] [--state open|done] [--limit 20] [--cursor …]
  show <id>
  retry <id>
  resolve <id> --note "what was done"

The operator's inbox, through the HTTP API as an admin (GET /inbox, GET /inbox/{id},
POST /inbox/{id}/retry, POST /inbox/{id}/resolve): what you retry or resolve is recorded with the
token's subject. Against \`npm start\` it mints an admin token (sub "operator") from
.local/runtime.json; against AWS give --api-url and --token (or ORDERLINE_TOKEN) of an admin.
Prints JSON (a listing as one line per item); exits 1 on an error answer, with its detail.`;

type Target = { apiUrl: string; token: string };

async function target(values: { runtime?: string; 'api-url'?: string; token?: string }): Promise<Target> {
  const token = values.token ?? process.env.ORDERLINE_TOKEN;
  if (values['api-url']) {
    if (!token) throw new Error('--api-url needs an admin token: --token <token> or ORDERLINE_TOKEN');
    return { apiUrl: values['api-url'].replace(/\/$/, ''), token };
  }
  const runtime = values.runtime ?? join(__dirname, '..', '.local', 'runtime.json');
  const { apiUrl } = JSON.parse(readFileSync(runtime, 'utf8')) as { apiUrl: string };
  if (token) return { apiUrl, token };
  const auth = readRuntimeAuth(runtime);
  const key = await loadOrCreateSigningKey(auth.keyFile);
  return { apiUrl, token: await mintToken(key, { sub: 'operator', groups: ['admin'], issuer: auth.issuer, audience: auth.audiences[0]!, ttlSeconds: 600 }) };
}

async function call(to: Target, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${to.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${to.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as { detail?: string }) : undefined;
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${parsed?.detail ?? text}`);
  return parsed;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      runtime: { type: 'string' },
      'api-url': { type: 'string' },
      token: { type: 'string' },
      kind: { type: 'string' },
      state: { type: 'string' },
      limit: { type: 'string' },
      cursor: { type: 'string' },
      note: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const [command, id] = positionals;
  const needsId = command === 'show' || command === 'retry' || command === 'resolve';
  if (values.help) return void console.log(USAGE);
  if (!command || !['list', 'show', 'retry', 'resolve'].includes(command) || (needsId && !id)) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const to = await target(values);
  const item = `/inbox/${encodeURIComponent(id ?? '')}`;
  switch (command) {
    case 'list': {
      const query = new URLSearchParams(Object.entries({ kind: values.kind, state: values.state, limit: values.limit, cursor: values.cursor }).filter((e): e is [string, string] => e[1] !== undefined));
      const page = (await call(to, 'GET', `/inbox${query.size ? `?${query}` : ''}`)) as { items: unknown[]; nextCursor?: string };
      for (const line of page.items) console.log(JSON.stringify(line));
      if (page.nextCursor) console.error(`more: --cursor ${page.nextCursor}`);
      return;
    }
    case 'show':
      return void console.log(JSON.stringify(await call(to, 'GET', item), null, 2));
    case 'retry':
      return void console.log(JSON.stringify(await call(to, 'POST', `${item}/retry`), null, 2));
    case 'resolve':
      if (!values.note) throw new Error('resolve needs --note "what was done"');
      return void console.log(JSON.stringify(await call(to, 'POST', `${item}/resolve`, { note: values.note }), null, 2));
  }
}

main().catch((error: Error) => {
  console.error(`inbox: ${error.message}`);
  process.exit(1);
});
