import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnLocalSystem, type SpawnedSystem } from '../../../local/spawn-system';
import { copyCurrentAssembly } from '../../../local/template/synth';
import { eventually } from '../../support/eventually';
import { describeLocal } from '../../support/local-only';
import { copyProject } from '../../support/project-copy';
import { suitesSystemContext } from '../../support/suites-system';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * Live reload, end to end: `npm start` (local/main.ts) runs a copy of the project; a save of a
 * handler in the copy is answered through the HTTP API moments later, with no restart; a save that
 * does not build is reported and the code that was running keeps serving.
 */
describeLocal('live reload of a running system', 'starts a local system of its own from a copy of the project', () => {
  const copy = copyProject();
  const health = join(copy.dir, 'functions', 'platform', 'queries', 'health.ts');
  const logFile = join(copy.dir, '.local', 'system.log');
  let system: SpawnedSystem | undefined;

  beforeAll(async () => {
    // The assembly the suites' system runs, with the same context: the copy starts without a synth
    // of its own (`npm start` synthesizes first when cdk.out is not current, which the suites' start covers).
    if (!copyCurrentAssembly(ROOT, copy.dir)) console.log('live reload: cdk.out is not current, so the copy synthesizes first');
    system = await spawnLocalSystem({ projectDir: copy.dir, readyFile: join(copy.dir, '.local', 'runtime.json'), logFile, reload: true, deadlineMs: 240_000, ...suitesSystemContext() });
  }, 300_000);
  afterAll(async () => {
    await system?.stop();
    copy.remove();
  });

  const getHealth = async () => {
    const response = await fetch(`${system!.ready.apiUrl}/health`);
    return { status: response.status, body: await response.text() };
  };
  const logLine = (pattern: RegExp) =>
    eventually(
      async () => readFileSync(logFile, 'utf8').split('\n').find((line) => pattern.test(line)),
      (line) => line !== undefined,
      { timeoutMs: 20_000, what: `a log line like ${pattern}` },
    ) as Promise<string>;
  /** The handler as it is, answering `answer` as its body. */
  const healthAnswering = (answer: string) => {
    const source = readFileSync(health, 'utf8');
    // The body object literal (the handler checks it `satisfies` its schema; esbuild does not type-check).
    if (!/json\(200, \{[^}]*\}/.test(source)) throw new Error('the health handler no longer answers json(200, { … }): update this test');
    return source.replace(/json\(200, \{[^}]*\}/, `json(200, ${answer}`);
  };

  it('serves a saved handler on the next request, and keeps serving it through a save that does not build', async () => {
    expect(system!.ready.liveReload).toBe(true);
    expect(await getHealth()).toEqual({ status: 200, body: '{"status":"ok"}' });

    const saved = performance.now();
    writeFileSync(health, healthAnswering(`{ status: 'ok', reloaded: true }`));
    await eventually(getHealth, (answer) => answer.body === '{"status":"ok","reloaded":true}', { timeoutMs: 20_000, what: 'GET /health to answer with the saved code' });
    console.log(`live reload: the saved /health handler answered ${Math.round(performance.now() - saved)} ms after the save`);
    expect(await logLine(/reload: functions\/platform\/queries\/health\.ts changed: new code for /)).toMatch(/new code for \S*Health/);

    writeFileSync(health, readFileSync(health, 'utf8').replace('reloaded: true }', 'reloaded: true'));
    const failure = await logLine(/reload: functions\/platform\/queries\/health\.ts changed but does not build/);
    expect(failure).toMatch(/the functions keep the code they run/);
    // esbuild's message, with where the error is, follows on the next lines of the log.
    const log = readFileSync(logFile, 'utf8');
    expect(log.slice(log.indexOf(failure))).toMatch(/\[ERROR\][^\n]*\n\s*\n?\s*functions\/platform\/queries\/health\.ts:\d+:\d+/);
    expect(await getHealth()).toEqual({ status: 200, body: '{"status":"ok","reloaded":true}' });
  });

  it('says that a change under lib/ needs a restart', async () => {
    const constructFile = join(copy.dir, 'lib', 'platform', 'function-bundles.ts');
    writeFileSync(constructFile, `${readFileSync(constructFile, 'utf8')}\n// touched by the live reload test\n`);
    expect(await logLine(/reload: lib\/platform\/function-bundles\.ts changed/)).toMatch(/NOT applied live.*restart/);
  });
});
