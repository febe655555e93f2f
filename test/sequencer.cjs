const Sequencer = require('@jest/test-sequencer').default;

/**
 * Jest's order (a file that failed last time first, then the slowest first), with the integration
 * files and the others taken in turn. An integration file spends much of its time waiting on the
 * local system (retries, timeouts, a tumbling window), which a unit file's own CPU fills better
 * than another integration file, which only adds to the system's load.
 */
class InterleavedSequencer extends Sequencer {
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
}

module.exports = InterleavedSequencer;
