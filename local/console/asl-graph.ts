/** A state of an Amazon States Language definition: the fields that make the graph. */
type AslState = {
  Type: string;
  Next?: string;
  Default?: string;
  Choices?: { Next: string }[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
  Retry?: { ErrorEquals: string[]; MaxAttempts?: number }[];
};

/** How one state leads to another: its Next, a Choice's rule or default, a Catch, or a Retry (back to itself). */
export type EdgeKind = 'next' | 'choice' | 'default' | 'catch' | 'retry';
export type GraphEdge = { from: string; to: string; kind: EdgeKind; label?: string };
export type GraphState = { name: string; type: string };
export type AslGraph = { startAt: string; states: GraphState[]; edges: GraphEdge[] };

/**
 * The graph of a state machine's definition (top-level states): every state, and an edge for each
 * way out of it. Catch and Retry edges are kept apart from the Next edges so they can be drawn
 * apart; a Retry is an edge from the state to itself, labelled with what it retries.
 */
export function aslGraph(definition: { StartAt: string; States: Record<string, AslState> }): AslGraph {
  const states = Object.entries(definition.States).map(([name, state]) => ({ name, type: state.Type }));
  const edges: GraphEdge[] = [];
  for (const [name, state] of Object.entries(definition.States)) {
    if (state.Next) edges.push({ from: name, to: state.Next, kind: 'next' });
    state.Choices?.forEach((choice, index) => edges.push({ from: name, to: choice.Next, kind: 'choice', label: `rule ${index + 1}` }));
    if (state.Default) edges.push({ from: name, to: state.Default, kind: 'default', label: 'default' });
    for (const caught of state.Catch ?? []) edges.push({ from: name, to: caught.Next, kind: 'catch', label: `catch ${caught.ErrorEquals.join(', ')}` });
    for (const retry of state.Retry ?? []) edges.push({ from: name, to: name, kind: 'retry', label: `retry ×${retry.MaxAttempts ?? 3} ${retryWhat(retry.ErrorEquals)}` });
  }
  return { startAt: definition.StartAt, states, edges };
}

/** What a retrier retries, short enough for a label: the error, or how many kinds. */
function retryWhat(errors: string[]): string {
  if (errors.includes('States.ALL')) return 'any error';
  return errors.length === 1 ? errors[0]! : `${errors.length} kinds of error`;
}
