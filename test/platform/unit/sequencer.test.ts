import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import HasteMap from 'jest-haste-map';
import { scratchDir } from '../../support/scratch';

// The sequencer is Jest's plain CommonJS module (jest.config.js names it), with no types of its own.
const InterleavedSequencer = require('../../sequencer.cjs') as new (options: object) => { sort(tests: FakeTest[]): FakeTest[] };

const ROOT = join(__dirname, '..', '..', '..');
type FakeTest = { path: string; context: { config: object; hasteFS: { getSize(path: string): number } } };

/** A test file as Jest hands it to the sequencer: its project's config (where Jest keeps its timings) and file sizes. */
function fileOf(path: string, project: 'unit' | 'integration', cacheDirectory: string): FakeTest {
  return { path: join(ROOT, path), context: { config: { id: project, cache: true, cacheDirectory, haste: {}, displayName: { name: project } }, hasteFS: { getSize: (p) => (p.endsWith('typecheck.test.ts') ? 500 : 5000) } } };
}
const names = (tests: FakeTest[]) => tests.map((t) => t.path.slice(ROOT.length + 1));

/**
 * The order a run takes its files in (test/sequencer.cjs): slowest first, by Jest's own timings or,
 * in a clean clone where Jest has none, by the committed ones (test/durations.json); integration
 * files and the others in turn.
 */
describe('the test sequencer', () => {
  const files = (cacheDirectory: string) => [
    fileOf('test/platform/unit/suites-system.test.ts', 'unit', cacheDirectory),
    fileOf('test/platform/unit/typecheck.test.ts', 'unit', cacheDirectory),
    fileOf('test/system/integration/readiness.test.ts', 'integration', cacheDirectory),
    fileOf('test/system/integration/hostile-input.test.ts', 'integration', cacheDirectory),
  ];

  it('starts the files the committed durations call slow first when Jest has no timings (a clean clone), not the biggest', () => {
    const order = new InterleavedSequencer({}).sort(files(scratchDir('jest-cache-')));
    expect(names(order)).toEqual(['test/system/integration/hostile-input.test.ts', 'test/platform/unit/typecheck.test.ts', 'test/system/integration/readiness.test.ts', 'test/platform/unit/suites-system.test.ts']);
  });

  it("goes by Jest's own timings when it has them", () => {
    const cacheDirectory = scratchDir('jest-cache-');
    const timings = { unit: { 'test/platform/unit/suites-system.test.ts': 90_000, 'test/platform/unit/typecheck.test.ts': 1 }, integration: { 'test/system/integration/readiness.test.ts': 90_000, 'test/system/integration/hostile-input.test.ts': 1 } };
    for (const [project, byFile] of Object.entries(timings)) {
      writeFileSync(HasteMap.getCacheFilePath(cacheDirectory, `perf-cache-${project}`), JSON.stringify(Object.fromEntries(Object.entries(byFile).map(([file, ms]) => [join(ROOT, file), [0, ms]]))));
    }
    expect(names(new InterleavedSequencer({}).sort(files(cacheDirectory)))).toEqual(['test/system/integration/readiness.test.ts', 'test/platform/unit/suites-system.test.ts', 'test/system/integration/hostile-input.test.ts', 'test/platform/unit/typecheck.test.ts']);
  });
});
