/**
 * The wildcards of IAM policies, compiled once per pattern: `*` (any run of characters) and `?`
 * (one character). Where they may reach differs by element, as AWS documents it:
 * - actions: anywhere, case-insensitive (`dynamodb:get*` matches `dynamodb:GetItem`);
 * - resources (the `Resource` element): case-sensitive, within one colon-separated segment of
 *   the ARN, except that a `*` ending a segment may run on past colons (so
 *   `arn:aws:states:*:*:execution:Saga:*` matches an execution ARN, and `*` matches anything);
 * - ARN conditions (`ArnLike`…): each of the six components of the ARN matched on its own;
 * - `StringLike`: anywhere, case-sensitive.
 */

const cache = new Map<string, RegExp>();

function compiled(key: string, build: () => RegExp): RegExp {
  let regExp = cache.get(key);
  if (!regExp) {
    regExp = build();
    cache.set(key, regExp);
  }
  return regExp;
}

const escape = (char: string) => char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** `*` and `?` anywhere; everything else literal. */
function globSource(pattern: string): string {
  let source = '';
  for (const char of pattern) source += char === '*' ? '.*' : char === '?' ? '.' : escape(char);
  return source;
}

/** Whether an action pattern (`dynamodb:*`, `states:Describe*`) covers an action, ignoring case. */
export function actionMatches(pattern: string, action: string): boolean {
  return compiled(`a:${pattern}`, () => new RegExp(`^${globSource(pattern)}$`, 'is')).test(action);
}

/** Whether a `StringLike` pattern covers a value (case-sensitive). */
export function stringLike(pattern: string, value: string): boolean {
  return compiled(`s:${pattern}`, () => new RegExp(`^${globSource(pattern)}$`, 's')).test(value);
}

/** Whether a `Resource` element's ARN pattern covers a resource ARN (case-sensitive, segment-aware). */
export function resourceMatches(pattern: string, resource: string): boolean {
  if (pattern === '*') return true;
  return compiled(`r:${pattern}`, () => {
    let source = '';
    for (let i = 0; i < pattern.length; i++) {
      const char = pattern[i] as string;
      const next = pattern[i + 1];
      if (char === '*') source += next === undefined || next === ':' ? '.*' : '[^:]*';
      else if (char === '?') source += '[^:]';
      else source += escape(char);
    }
    return new RegExp(`^${source}$`, 's');
  }).test(resource);
}

/** The six components of an ARN (the last keeps its colons), or undefined for something else. */
function arnComponents(value: string): string[] | undefined {
  const parts = value.split(':');
  if (parts.length < 6) return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

/** `ArnLike`/`ArnEquals`: each of the six components matched on its own, wildcards allowed. */
export function arnLike(pattern: string, arn: string): boolean {
  if (pattern === '*') return true;
  const expected = arnComponents(pattern);
  const actual = arnComponents(arn);
  if (!expected || !actual) return false;
  return expected.every((part, i) => stringLike(part, actual[i] as string));
}
