import type { Template } from 'aws-cdk-lib/assertions';

/** A saga's definition, by its state machine's logical id prefix. The definition is a Fn::Join of strings and function ARNs; the ARNs do not matter here. */
export function definitionOf(template: Template, idPrefix: string): Record<string, any> {
  const [machine] = Object.entries(template.findResources('AWS::StepFunctions::StateMachine')).filter(([id]) => id.startsWith(idPrefix)).map(([, m]) => m);
  const text = machine?.Properties.DefinitionString['Fn::Join'][1].map((part: unknown) => (typeof part === 'string' ? part : 'arn')).join('');
  return JSON.parse(text);
}

type State = { Type: string; Next?: string; Default?: string; Choices?: { Next: string }[]; Catch?: { Next: string }[]; TimeoutSeconds?: number; Retry?: { MaxAttempts?: number; IntervalSeconds?: number; BackoffRate?: number; MaxDelaySeconds?: number }[] };

/** The longest a state can take: every try timing out, with the longest retrier's waits between them. */
function worstSeconds(state: State): number {
  if (state.Type !== 'Task') return 0;
  const retries = state.Retry ?? [];
  // Different retriers count their attempts apart: the worst case uses each one's to the end.
  const waits = retries.reduce((sum, r) => {
    let total = 0;
    for (let n = 0; n < (r.MaxAttempts ?? 3); n++) total += Math.min((r.IntervalSeconds ?? 1) * (r.BackoffRate ?? 2) ** n, r.MaxDelaySeconds ?? Infinity);
    return sum + total;
  }, 0);
  const attempts = 1 + retries.reduce((sum, r) => sum + (r.MaxAttempts ?? 3), 0);
  return attempts * (state.TimeoutSeconds ?? 60) + waits;
}

/** The slowest path from a state to an end, over Next, Choice and Catch edges (the graph has no cycles). */
export function longestFrom(states: Record<string, State>, name: string, memo = new Map<string, number>()): number {
  if (memo.has(name)) return memo.get(name)!;
  const state = states[name]!;
  const next = [state.Next, state.Default, ...(state.Choices ?? []).map((c) => c.Next), ...(state.Catch ?? []).map((c) => c.Next)].filter((n): n is string => Boolean(n));
  const longest = worstSeconds(state) + Math.max(0, ...next.map((n) => longestFrom(states, n, memo)));
  memo.set(name, longest);
  return longest;
}
