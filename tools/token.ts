import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadOrCreateSigningKey, mintToken, readRuntimeAuth, RuntimeAuthError, type MintOptions } from '../local/oidc';

const USAGE = `usage: npm run -s token -- --customer <id> | --admin [--sub <id>]  [--ttl <seconds>] [--runtime .local/runtime.json]

Mints an ID token the local system's JWT authorizer accepts (issuer, audience and signing key from
the runtime file \`npm start\` writes) and prints only the token, so that
  ADMIN=$(npm run -s token -- --admin)
works. --customer makes a token for that customer id (its sub); --admin one for sub "admin" (or
--sub) in the admin group. --ttl is its lifetime in seconds (default 3600).`;

class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const OPTIONS = {
  customer: { type: 'string' },
  admin: { type: 'boolean', default: false },
  sub: { type: 'string' },
  ttl: { type: 'string', default: '3600' },
  runtime: { type: 'string', default: join(__dirname, '..', '.local', 'runtime.json') },
  help: { type: 'boolean', default: false },
} as const;

async function main(): Promise<void> {
  const values = parseOptions();
  if (values.help) return void console.error(USAGE);
  const who = subject(values);
  const ttlSeconds = Number(values.ttl);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) throw new UsageError(`--ttl takes a whole number of seconds, not ${values.ttl}`);

  const auth = readRuntimeAuth(values.runtime);
  // Never make a key here: a new key would sign tokens the running system does not accept.
  if (!existsSync(auth.keyFile)) throw new RuntimeAuthError(`${auth.keyFile} does not exist: start the local system (npm start) to make the signing key`);
  const key = await loadOrCreateSigningKey(auth.keyFile);
  process.stdout.write(`${await mintToken(key, { ...who, issuer: auth.issuer, audience: auth.audiences[0]!, ttlSeconds })}\n`);
}

function parseOptions() {
  try {
    return parseArgs({ options: OPTIONS }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function subject(values: { customer?: string; admin: boolean; sub?: string }): Pick<MintOptions, 'sub' | 'groups'> {
  if (values.customer !== undefined && values.admin) throw new UsageError('give --customer <id> or --admin, not both');
  if (values.customer !== undefined) {
    if (!values.customer.trim()) throw new UsageError('--customer takes a customer id');
    if (values.sub !== undefined) throw new UsageError('--sub goes with --admin; a customer token\'s sub is the --customer id');
    return { sub: values.customer };
  }
  if (values.admin) return { sub: values.sub ?? 'admin', groups: ['admin'] };
  throw new UsageError('say whose token: --customer <id> or --admin');
}

main().catch((error: Error) => {
  const hint = error instanceof UsageError ? `\n\n${USAGE}` : '';
  console.error(`token: ${error.message}${hint}`);
  process.exit(1);
});
