import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { LocalLambda } from '../../../local/lambda';
import { buildHandlers } from '../../../local/reload/handler-build';
import { LiveReload } from '../../../local/reload/live-reload';
import { writeBundle } from '../../../local/reload/write-bundle';
import { eventually } from '../../support/eventually';

/**
 * A project of two handlers sharing one module and one using the AWS SDK (left out of bundles),
 * bundled into a cloud assembly in it as synth would, and running.
 */
type RunningProject = {
  save: (path: string, source: string) => void;
  hello: LocalLambda;
  bye: LocalLambda;
  /** Another function running Hello's very asset folder, as two functions of a template may. */
  twin: LocalLambda;
  sdk: LocalLambda;
  logged: (pattern: RegExp) => Promise<string>;
  log: string[];
};

const SOURCES: Record<string, string> = {
  'functions/shared/text.ts': `export const text = (word: string) => ({ word, from: 'shared v1' });\n`,
  'functions/greetings/hello.ts': `import { text } from '../shared/text';\nexport async function handler() {\n  return text('hello');\n}\n`,
  'functions/greetings/bye.ts': `import { text } from '../shared/text';\nexport const handler = async () => text('bye');\n`,
  'functions/clients/sdk.ts': `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const handler = async () => ({ client: DynamoDBClient.name, version: 1 });\n`,
  'lib/app.ts': `export const stage = 'test';\n`,
};

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function runningProject(): Promise<RunningProject> {
  const root = mkdtempSync(join(tmpdir(), 'orderline-live-reload-'));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  const projectDir = join(root, 'project');
  const save = (path: string, source: string) => {
    mkdirSync(dirname(join(projectDir, path)), { recursive: true });
    writeFileSync(join(projectDir, path), source);
  };
  for (const [path, source] of Object.entries(SOURCES)) save(path, source);
  symlinkSync(join(__dirname, '..', '..', '..', 'node_modules'), join(projectDir, 'node_modules'), 'dir');

  const started = async (fn: LocalLambda, warm = true) => {
    cleanups.push(() => fn.stop());
    await fn.start({ warm });
    return fn;
  };
  // The cloud assembly's asset folders, named by content as CDK names them, not by handler.
  const synthesized = await buildHandlers(projectDir, ['greetings/hello.ts', 'greetings/bye.ts', 'clients/sdk.ts'], join(root, 'bundles'));
  if (!synthesized.ok) throw new Error(synthesized.message);
  const start = async (entry: string, displayName: string, warm = true) => {
    const bundle = synthesized.bundles.get(entry)!;
    const codeDir = join(projectDir, 'cdk.out', `asset.${bundle.codeHash}`);
    await writeBundle(codeDir, bundle);
    const spec = { name: `stack-${displayName}`, displayName, arn: `arn:aws:lambda:us-east-1:000000000000:function:stack-${displayName}`, codeDir, handler: 'index.handler', environment: {}, timeoutSeconds: 5, memoryMb: 128 };
    return started(new LocalLambda(spec), warm);
  };
  // The SDK takes a while to load: that function cold-starts when a test invokes it.
  const [hello, bye, sdk] = await Promise.all([start('greetings/hello.ts', 'Hello'), start('greetings/bye.ts', 'Bye'), start('clients/sdk.ts', 'Sdk', false)]);
  const twin = await started(new LocalLambda({ ...hello.spec, name: 'stack-Twin', displayName: 'Twin' }));
  // A function whose code no handler of the project builds to.
  const echo = await started(new LocalLambda({ ...hello.spec, name: 'stack-Echo', displayName: 'Echo', codeDir: join(__dirname, 'fixtures', 'echo') }));

  const log: string[] = [];
  const reload = new LiveReload({ projectDir, log: (line) => log.push(line), quietMs: 20 });
  cleanups.push(() => reload.stop());
  expect(await reload.serve([hello, bye, twin, sdk, echo])).toBe(true);
  const logged = (pattern: RegExp) => eventually(async () => log.find((line) => pattern.test(line)), (line) => line !== undefined, { timeoutMs: 10_000, what: `a log line like ${pattern}` }) as Promise<string>;
  return { save, hello, bye, twin, sdk, logged, log };
}

describe('live reload', () => {
  it('recognises the running functions by their code, and says which it cannot', async () => {
    const { log } = await runningProject();
    expect(log).toContainEqual(expect.stringMatching(/^reload: on: .*\(4 functions from 3 handlers\)/));
    expect(log).toContainEqual(expect.stringMatching(/^reload: not reloaded until a restart: Echo, whose code no handler under functions\/ builds to now/));
  });

  it('serves a saved module to every function whose bundle includes it, on their next invocation', async () => {
    const { save, hello, bye, twin, logged } = await runningProject();
    save('functions/shared/text.ts', `export const text = (word: string) => ({ word, from: 'shared v2' });\n`);
    const line = await logged(/functions\/shared\/text\.ts changed: new code/);
    expect(line).toMatch(/new code for 3 functions \((Hello, Twin, Bye|Bye, Hello, Twin)\), live \d+ ms after the save/);
    expect(await hello.invoke({})).toEqual({ word: 'hello', from: 'shared v2' });
    expect(await twin.invoke({})).toEqual({ word: 'hello', from: 'shared v2' });
    expect(await bye.invoke({})).toEqual({ word: 'bye', from: 'shared v2' });
  });

  it('serves a new bundle that finds what bundles leave out (the AWS SDK), as the synthesized one does', async () => {
    const { save, sdk, logged } = await runningProject();
    expect(await sdk.invoke({})).toEqual({ client: 'DynamoDBClient', version: 1 });
    save('functions/clients/sdk.ts', SOURCES['functions/clients/sdk.ts']!.replace('version: 1', 'version: 2'));
    await logged(/sdk\.ts changed: new code for Sdk/);
    expect(await sdk.invoke({})).toEqual({ client: 'DynamoDBClient', version: 2 });
  });

  it('reloads only the functions whose handler includes the saved file', async () => {
    const { save, hello, bye, logged } = await runningProject();
    save('functions/greetings/hello.ts', `import { text } from '../shared/text';\nexport async function handler() {\n  return text('hi');\n}\n`);
    expect(await logged(/hello\.ts changed/)).toMatch(/new code for 2 functions \(Hello, Twin\), live/);
    expect(await hello.invoke({})).toEqual({ word: 'hi', from: 'shared v1' });
    // Bye kept its warm environment: it was not told to reload.
    expect(bye.environments).toBe(1);
  });

  it("reports a save that does not build with esbuild's message, keeps the code running, and takes the next good save", async () => {
    const { save, hello, logged } = await runningProject();
    save('functions/greetings/hello.ts', `export async function handler() {\n  return { word: 'oops' ;\n}\n`);
    const failure = await logged(/does not build/);
    expect(failure).toMatch(/ERROR\] Expected "}" but found ";"\s+functions\/greetings\/hello\.ts:2:\d+/);
    expect(await hello.invoke({})).toEqual({ word: 'hello', from: 'shared v1' });
    save('functions/greetings/hello.ts', `export async function handler() {\n  return { word: 'fixed' };\n}\n`);
    await logged(/hello\.ts changed: new code for 2 functions \(Hello, Twin\)/);
    expect(await hello.invoke({})).toEqual({ word: 'fixed' });
  });

  it('does not let a handler that does not build hold back the others of the same save', async () => {
    const { save, hello, bye, logged } = await runningProject();
    save('functions/greetings/hello.ts', `import { text } from '../shared/text';\nexport async function handler() {\n  return text('hello') +;\n}\n`);
    save('functions/shared/text.ts', `export const text = (word: string) => ({ word, from: 'shared v2' });\n`);
    await logged(/new code for Bye, live/);
    expect(await logged(/does not build/)).toMatch(/functions\/greetings\/hello\.ts:3:\d+/);
    expect(await bye.invoke({})).toEqual({ word: 'bye', from: 'shared v2' });
    expect(await hello.invoke({})).toEqual({ word: 'hello', from: 'shared v1' });
  });

  it('takes the save that mends a handler that did not build, even in a file it did not import before', async () => {
    const { save, hello, logged } = await runningProject();
    save('functions/greetings/hello.ts', `import { word } from './word';\nexport async function handler() {\n  return { word };\n}\n`);
    expect(await logged(/does not build/)).toMatch(/Could not resolve "\.\/word"/);
    save('functions/greetings/word.ts', `export const word = 'mended';\n`);
    await logged(/word\.ts changed: new code for 2 functions \(Hello, Twin\)/);
    expect(await hello.invoke({})).toEqual({ word: 'mended' });
  });

  it('says plainly that a change under lib/ needs a restart', async () => {
    const { save, logged } = await runningProject();
    save('lib/app.ts', `export const stage = 'prod';\n`);
    expect(await logged(/lib\/app\.ts changed/)).toMatch(/NOT applied live.*restart/);
  });

  it('says so when the saved file is in no running function', async () => {
    const { save, logged } = await runningProject();
    save('functions/shared/unused.ts', `export const unused = 1;\n`);
    await logged(/functions\/shared\/unused\.ts changed: no running function includes it/);
  });
});
