const { readFileSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

const ROOT = join(__dirname, '..');
/**
 * Seconds each slower file took in a full run, committed: a clean clone has no timings of Jest's
 * own, and Jest would then order by file size, starting short slow files (the 16-line type check,
 * 15-30 s before TypeScript 7) last.
 * `npm run test:durations` measures them again.
 */
const DURATIONS = join(__dirname, 'durations.json');
const measured = JSON.parse(readFileSync(DURATIONS, 'utf8'));

/**
 * Jest's order (a file that failed last time first, then the slowest first, by Jest's timings or
 * else the committed ones), with the integration files and the others taken in turn. An
 * integration file spends much of its time waiting on the local system (retries, timeouts, a
 * tumbling window), which a unit file's own CPU fills better than another integration file,
 * which only adds to the system's load.
 */
class InterleavedSequencer extends Sequencer {
  time(test) {
    return super.time(test) ?? measured[relative(ROOT, test.path)] ?? 0;
  }

  sort(tests) {
    const sorted = super.sort(tests);
    const integration = sorted.filter((test) => test.context.config.displayName?.name === 'integration');
    const others = sorted.filter((test) => !integration.includes(test));
    const order = [];
    while (integration.length || others.length) {
      if (integration.length) order.push(integration.shift());
      if (others.length) order.push(others.shift());
    }
    return order;
  }

  cacheResults(tests, results) {
    super.cacheResults(tests, results);
    if (!process.env.ORDERLINE_WRITE_DURATIONS) return;
    const slower = results.testResults
      .map((result) => [relative(ROOT, result.testFilePath), Math.round((result.perfStats.end - result.perfStats.start) / 1000)])
      .filter(([, seconds]) => seconds >= 2)
      .sort(([a], [b]) => a.localeCompare(b));
    writeFileSync(DURATIONS, `${JSON.stringify(Object.fromEntries(slower), null, 2)}\n`);
  }
}

module.exports = InterleavedSequencer;
