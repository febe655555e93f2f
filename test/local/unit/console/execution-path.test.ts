import { aslGraph } from '../../../../local/console/asl-graph';
import { executionPath, type ConsoleHistoryEvent } from '../../../../local/console/execution-path';
import { layoutGraph } from '../../../../local/console/layout';

const definition = {
  StartAt: 'Charge',
  States: {
    Charge: { Type: 'Task', Next: 'Done', Retry: [{ ErrorEquals: ['GatewayDown'], MaxAttempts: 2 }], Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Undo' }] },
    Undo: { Type: 'Task', Next: 'Which' },
    Which: { Type: 'Choice', Choices: [{ Next: 'Rejected' }], Default: 'Failed' },
    Rejected: { Type: 'Succeed' },
    Failed: { Type: 'Fail' },
    Done: { Type: 'Succeed' },
  },
};

const entered = (name: string, input = '{}'): ConsoleHistoryEvent => ({ type: `${name === 'Which' ? 'Choice' : 'Task'}StateEntered`, stateEnteredEventDetails: { name, input } });
const exited = (name: string, output = '{}'): ConsoleHistoryEvent => ({ type: 'TaskStateExited', stateExitedEventDetails: { name, output } });
const scheduled: ConsoleHistoryEvent = { type: 'LambdaFunctionScheduled' };
const failed = (error: string, cause: string): ConsoleHistoryEvent => ({ type: 'LambdaFunctionFailed', lambdaFunctionFailedEventDetails: { error, cause } });

describe('the saga console reads a definition and a history', () => {
  const graph = aslGraph(definition);

  it('draws Next, Choice, Default, Catch and Retry edges apart', () => {
    expect(graph.edges).toEqual([
      { from: 'Charge', to: 'Done', kind: 'next' },
      { from: 'Charge', to: 'Undo', kind: 'catch', label: 'catch States.ALL' },
      { from: 'Charge', to: 'Charge', kind: 'retry', label: 'retry ×2 GatewayDown' },
      { from: 'Undo', to: 'Which', kind: 'next' },
      { from: 'Which', to: 'Rejected', kind: 'choice', label: 'rule 1' },
      { from: 'Which', to: 'Failed', kind: 'default', label: 'default' },
    ]);
  });

  it('lights the path: a retried step caught into its undo, with attempts, errors, input, output and cause', () => {
    const history = [
      entered('Charge', '{"orderId":"o-1"}'),
      scheduled,
      failed('GatewayDown', 'timeout'),
      scheduled,
      failed('GatewayDown', 'timeout again'),
      scheduled,
      failed('PaymentDeclined', 'the card was declined'),
      exited('Charge', '{"failure":{}}'),
      entered('Undo'),
      scheduled,
      exited('Undo', '{"undone":true}'),
      entered('Which'),
      exited('Which'),
      { type: 'SucceedStateEntered', stateEnteredEventDetails: { name: 'Rejected', input: '{}' } },
    ];
    const { steps, taken } = executionPath(graph, history, 'SUCCEEDED');
    expect(steps.map((s) => [s.name, s.status, s.attempts])).toEqual([
      ['Charge', 'caught', 3],
      ['Undo', 'succeeded', 1],
      ['Which', 'succeeded', 0],
      ['Rejected', 'succeeded', 0],
    ]);
    expect(steps[0]).toMatchObject({ errors: ['GatewayDown', 'GatewayDown', 'PaymentDeclined'], error: 'PaymentDeclined', cause: 'the card was declined', input: '{"orderId":"o-1"}', output: '{"failure":{}}' });
    expect(taken.map((e) => `${e.from}->${e.to}:${e.kind}`)).toEqual(['Charge->Charge:retry', 'Charge->Undo:catch', 'Undo->Which:next', 'Which->Rejected:choice']);
  });

  it('lays the graph out with ELK: every state placed without overlap, every routed edge with points', async () => {
    const layout = await layoutGraph(graph);
    expect(layout.states).toHaveLength(6);
    for (const [i, a] of layout.states.entries()) {
      for (const b of layout.states.slice(i + 1)) {
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect([a.name, b.name, apart]).toEqual([a.name, b.name, true]);
      }
    }
    for (const edge of layout.edges) expect([edge.from, edge.to, edge.points.length >= 2]).toEqual([edge.from, edge.to, true]);
  });
});
