import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { banner, type BannerTokens } from './banner';
import { localCorsOrigins } from './cors-origins';
import { matches, type LogEntry, type LogFilter } from './logs/function-logs';
import { terminalLine } from './logs/terminal-line';
import { loadOrCreateSigningKey, mintToken, type LocalAuthInfo } from './oidc';
import type { ReadyInfo } from './spawn-system';
import { synthesize } from './template/synth';
import { startLocalSystem } from './system';

const USAGE = `usage: npm start -- [--port 3000] [--edge-port 4599] [--synth] [--ready-file .local/runtime.json] [--verbose] [--no-iam] [--no-reload]
                    [--correlation-id <id>] [--order-id <id>]   (show only the function logs of one request or one order)
                    [--cors-origins <origin>,…]   (the web origins that may call the API; default its own and the console's, '' for none)
                    [--caller-budgets <json>]     (each caller's requests a minute, e.g. '{"default":{"commands":300,"queries":1200}}'; default the stack's)
                    [--saga-type standard|express] (the sagas' workflow type, synthesized in as context sagaType; default standard)
                    [--retry-wait-ms <ms>]        (every state machine retry pauses this long instead of its interval, backoff and jitter: the test suite's setting)`;

// The SDK's warning about Node 20 support says nothing about this program; Lambda runs Node 22.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** The --retry-wait-ms value: a whole number of milliseconds, or absent. */
function retryWaitMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new Error(`--retry-wait-ms takes a whole number of milliseconds, not ${JSON.stringify(value)}`);
  return Number(value);
}

async function main(): Promise<void> {
  const started = Date.now();
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '3000' },
      'edge-port': { type: 'string', default: '4599' },
      synth: { type: 'boolean', default: false },
      'ready-file': { type: 'string', default: join(__dirname, '..', '.local', 'runtime.json') },
      verbose: { type: 'boolean', default: false },
      'correlation-id': { type: 'string' },
      'order-id': { type: 'string' },
      // The assembly's IAM is enforced unless --no-iam (a run without it proves nothing about grants).
      iam: { type: 'boolean', default: true },
      // A saved function is rebuilt and live on its next invocation, unless --no-reload.
      reload: { type: 'boolean', default: true },
      // The origins whose pages may call the API, synthesized in as context corsOrigins.
      'cors-origins': { type: 'string' },
      // Each caller's requests a minute (JSON, functions/platform/http/caller-budgets.ts), synthesized in as context callerBudgets.
      'caller-budgets': { type: 'string' },
      // Standard or Express sagas, synthesized in as context sagaType.
      'saga-type': { type: 'string' },
      // A fixed pause before every state machine retry (the test suite's system): retries without their real waits.
      'retry-wait-ms': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    allowNegative: true,
  });
  if (values.help) return console.log(USAGE);
  const projectDir = join(__dirname, '..');
  const log = (line: string) => console.log(`[orderline] ${line}`);
  const quietLog = values.verbose ? log : (line: string) => (/^(api|auth|iam|dead letter|reload)/.test(line) || /error|fail/i.test(line) ? log(line) : undefined);

  const corsOrigins = values['cors-origins'] ?? localCorsOrigins({ api: Number(values.port), edge: Number(values['edge-port']) }).join(',');
  const budgets: Record<string, string> = values['caller-budgets'] ? { callerBudgets: values['caller-budgets'] } : {};
  const sagaType: Record<string, string> = values['saga-type'] ? { sagaType: values['saga-type'] } : {};
  const assemblyDir = await synthesize(projectDir, { force: values.synth, context: { corsOrigins, ...budgets, ...sagaType }, log });
  const system = await startLocalSystem({
    assemblyDir,
    apiPort: Number(values.port),
    edgePort: Number(values['edge-port']),
    stateDir: join(projectDir, '.local'),
    iam: values.iam,
    reload: values.reload ? { projectDir } : undefined,
    retryWaitMs: retryWaitMs(values['retry-wait-ms']),
    log: quietLog,
    showFunctionLog: functionLogPrinter({ correlationId: values['correlation-id'], orderId: values['order-id'] }, values.verbose),
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping…`);
    await system.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  // Where the running system is, for tests and tools (npm run rebuild) to find it.
  const readyFile = values['ready-file'];
  mkdirSync(dirname(readyFile), { recursive: true });
  const { stackNames, apiUrl, edgeUrl, dynamodbEndpoint, outputs, stackOutputs, physicalNames, auth } = system;
  const ready: ReadyInfo = { stackNames, apiUrl, edgeUrl, dynamodbEndpoint, outputs, stackOutputs, physicalNames, ...(auth ? { auth } : {}), iam: system.iam.enforced, liveReload: system.liveReload, pid: process.pid };
  // Written whole, then renamed: whoever waits for the file never reads half of it.
  writeFileSync(`${readyFile}.partial`, JSON.stringify(ready, null, 2));
  renameSync(`${readyFile}.partial`, readyFile);
  console.log(banner(system, Date.now() - started, auth && (await demoTokens(auth))));
}

/**
 * How the functions' log lines reach the terminal, one line each, coloured by level in a terminal
 * (not with NO_COLOR): with a filter, every line of that correlation id or order; without, warnings
 * and errors (and everything with --verbose).
 */
function functionLogPrinter(filter: LogFilter, verbose: boolean): (entry: LogEntry) => void {
  const colour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  const filtered = filter.correlationId !== undefined || filter.orderId !== undefined;
  return (entry) => {
    const wanted = filtered ? matches(entry, filter) : verbose || entry.level === 'WARN' || entry.level === 'ERROR' || entry.level === 'CRITICAL';
    if (wanted) console.log(terminalLine(entry, colour));
  };
}

/** A customer's and an admin's token for the banner's walkthrough, valid for a working day. */
async function demoTokens(auth: LocalAuthInfo): Promise<BannerTokens> {
  const key = await loadOrCreateSigningKey(auth.keyFile);
  const common = { issuer: auth.issuer, audience: auth.audiences[0]!, ttlSeconds: 24 * 3600 };
  return {
    customer: await mintToken(key, { ...common, sub: 'c-1' }),
    admin: await mintToken(key, { ...common, sub: 'admin', groups: ['admin'] }),
  };
}

main().catch((error: Error) => {
  console.error(`[orderline] could not start: ${error.message}`);
  process.exit(1);
});
