import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bin, copyProject } from '../../support/project-copy';

/**
 * The boundaries between the bounded contexts are checked by a maintained checker
 * (dependency-cruiser, .dependency-cruiser.cjs). Here it passes on the project as it is, and fails
 * on a copy of the project into which an import across each boundary is planted, naming each with its rule.
 */
describe('the boundaries of the bounded contexts (dependency-cruiser)', () => {
  const copy = copyProject();
  afterAll(() => copy.remove());
  const check = () => copy.run(bin('depcruise'), ['functions', 'lib', 'bin', 'test', '--config', '.dependency-cruiser.cjs']);
  const plant = (file: string, text: string) => writeFileSync(join(copy.dir, file), text);

  it('hold in the project as it is', async () => {
    const { code, output } = await check();
    expect([code, output]).toEqual([0, expect.stringContaining('no dependency violations found')]);
  });

  describe('with one import across each boundary planted (one check over all of them)', () => {
    const plants: [string, string, string, string][] = [
      ['a context importing another context', 'functions/bank/planted.ts', "import { orderStreamId } from '../orders/domain/streams';\nexport const x = orderStreamId('o');\n", 'context-imports-another-context'],
      ['the platform importing a context', 'functions/platform/planted.ts', "import { accountStreamId } from '../bank/domain/streams';\nexport const x = accountStreamId('a');\n", 'platform-imports-a-context'],
      ["the platform's constructs importing a context's", 'lib/platform/planted.ts', "import { ORDER_INDEXES } from '../orders/indexes';\nexport const x = ORDER_INDEXES;\n", 'platform-imports-a-context'],
      ['a function importing the CDK app', 'functions/orders/planted.ts', "import { ORDER_INDEXES } from '../../lib/orders/indexes';\nexport const x = ORDER_INDEXES;\n", 'functions-import-infrastructure'],
      ['a function importing aws-cdk-lib', 'functions/bank/planted-cdk.ts', "import { Duration } from 'aws-cdk-lib';\nexport const x = Duration.seconds(1);\n", 'functions-import-infrastructure'],
      ["a context's operations reaching the CDK", 'lib/bank/operations.ts', "import { deadLetterQueue } from '../platform/dead-letter-queue';\nexport const x = deadLetterQueue;\n", 'operations-load-the-cdk'],
      ['a domain importing the event store', 'functions/orders/domain/planted.ts', "import { ConcurrencyError } from '../../platform/eventstore/errors';\nexport const x = ConcurrencyError;\n", 'domain-imports-outside-the-domain'],
      ["a context's tests importing another context", 'test/orders/planted.ts', "import { accountStreamId } from '../../functions/bank/domain/streams';\nexport const x = accountStreamId('a');\n", 'context-imports-another-context'],
    ];
    let checked: { code: number; output: string };
    beforeAll(async () => {
      for (const [, file, text] of plants) plant(file, text);
      checked = await check();
    });

    it('fails', () => {
      expect(checked.code).not.toBe(0);
    });
    it.each(plants)('names %s, with its rule', (_what, file, _text, rule) => {
      expect(checked.output).toContain(`error ${rule}: ${file}`);
    });
  });
});
