import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bin, copyProject, tsc } from '../../support/project-copy';
import { scratchDir } from '../../support/scratch';

/**
 * The seam between the contexts, proven (a load test, `*.load.test.ts`: a copy of the whole project
 * checked through, so `npm run test:load` runs it, not `npm test`): a copy of the project without the bank (its folders
 * under functions/, lib/ and test/, and its lines in bin/) type-checks, synthesizes, keeps its
 * boundaries and passes the orders' unit tests.
 */
describe('the project without the bank', () => {
  const copy = copyProject();
  afterAll(() => copy.remove());

  beforeAll(() => {
    for (const folder of ['functions/bank', 'lib/bank', 'test/bank']) rmSync(join(copy.dir, folder), { recursive: true });
    const app = join(copy.dir, 'bin', 'app.ts');
    const lines = readFileSync(app, 'utf8').split('\n');
    const bankLines = lines.filter((line) => /bank/i.test(line));
    // The import and the stack: the one place a context is composed.
    expect(bankLines).toEqual([expect.stringContaining("from '../lib/bank/bank-stack'"), expect.stringContaining('new BankStack(')]);
    writeFileSync(app, lines.filter((line) => !/bank/i.test(line)).join('\n'));
  });

  it('type-checks', async () => {
    const { code, output } = await copy.run(...tsc(['--noEmit', '-p', '.']));
    expect([code, output]).toEqual([0, '']);
  }, 120_000);

  it('synthesizes the platform and the orders, and nothing of the bank', async () => {
    // The app as bin/ composes it, synthesized in full (bundling skipped: the bundles are the orders' own, unchanged).
    const script = "const { App } = require('aws-cdk-lib'); const { composeApp } = require('./bin/app'); const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } }); composeApp(app); console.log(JSON.stringify(app.synth().stacks.map((s) => s.stackName)));";
    const { code, output } = await copy.run(process.execPath, ['--import', 'tsx', '-e', script], { CDK_OUTDIR: scratchDir('cdk.out-') });
    expect([code, JSON.parse(output.trim().split('\n').at(-1)!)]).toEqual([0, ['Orderline-dev-Platform', 'Orderline-dev-Orders', 'Orderline-dev-Readiness']]);
  }, 120_000);

  it('keeps its boundaries', async () => {
    const { code, output } = await copy.run(bin('depcruise'), ['functions', 'lib', 'bin', 'test', '--config', '.dependency-cruiser.cjs']);
    expect([code, output]).toEqual([0, expect.stringContaining('no dependency violations found')]);
  }, 60_000);

  it("passes the orders' unit tests", async () => {
    const { code, output } = await copy.run(bin('jest'), ['--selectProjects', 'unit', '--ci', 'test/orders/'], { ORDERLINE_TEST_SYSTEM: 'dynamodb' });
    expect([code, output]).toEqual([0, expect.stringMatching(/Tests:\s+\d+ passed, \d+ total/)]);
  }, 240_000);
});
