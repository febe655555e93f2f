/**
 * EventBridge event patterns, also used by Lambda event-source filter criteria: a pattern's keys
 * must all match (AND); a leaf is a list of alternatives (OR); `$or` holds alternative patterns.
 * Leaf matchers: exact values, prefix, suffix, equals-ignore-case, anything-but, numeric, exists,
 * wildcard and cidr. No maintained npm library implements them, so this small one does.
 */
export type EventPattern = Record<string, unknown>;

/** A pattern uses something this matcher cannot evaluate: better a startup error than a wrong match. */
export class UnsupportedPatternError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedPatternError';
  }
}

type Matcher = Record<string, unknown>;

const MISSING = Symbol('missing');

/** Whether `event` matches `pattern`. */
export function matchesPattern(pattern: EventPattern, event: unknown): boolean {
  return matchObject(pattern, event);
}

/** Throws {@link UnsupportedPatternError} for anything {@link matchesPattern} cannot evaluate. */
export function validatePattern(pattern: EventPattern, path = ''): void {
  for (const [key, value] of Object.entries(pattern)) {
    const here = path ? `${path}.${key}` : key;
    if (key === '$or') {
      if (!Array.isArray(value) || value.length < 2) throw new UnsupportedPatternError(`${here}: $or takes a list of at least two patterns`);
      value.forEach((p, i) => validatePattern(p as EventPattern, `${here}[${i}]`));
    } else if (Array.isArray(value)) {
      value.forEach((leaf, i) => validateLeaf(leaf, `${here}[${i}]`));
    } else if (value !== null && typeof value === 'object') {
      validatePattern(value as EventPattern, here);
    } else {
      throw new UnsupportedPatternError(`${here}: a pattern value must be a list or an object, got ${JSON.stringify(value)}`);
    }
  }
}

function matchObject(pattern: EventPattern, event: unknown): boolean {
  return Object.entries(pattern).every(([key, expected]) => {
    if (key === '$or') return (expected as EventPattern[]).some((alternative) => matchObject(alternative, event));
    const actual = event !== null && typeof event === 'object' && key in event ? (event as Record<string, unknown>)[key] : MISSING;
    if (Array.isArray(expected)) return matchLeaves(expected, actual);
    if (expected !== null && typeof expected === 'object') return actual !== MISSING && matchObject(expected as EventPattern, actual);
    return false;
  });
}

/** A leaf list matches if any alternative matches the value (or, for an array value, any element). */
function matchLeaves(alternatives: unknown[], actual: unknown): boolean {
  const values = actual === MISSING ? [MISSING] : Array.isArray(actual) ? actual : [actual];
  // `anything-but` and `exists: false` speak of the whole field, not of one element.
  return alternatives.some((leaf) => {
    if (isMatcher(leaf) && 'exists' in leaf) return leaf.exists === (actual !== MISSING);
    if (isMatcher(leaf) && 'anything-but' in leaf) return actual !== MISSING && values.every((v) => !matchAnythingBut(leaf['anything-but'], v));
    return values.some((value) => value !== MISSING && matchLeaf(leaf, value));
  });
}

function matchLeaf(leaf: unknown, value: unknown): boolean {
  if (!isMatcher(leaf)) return leaf === value;
  const [operator, argument] = Object.entries(leaf)[0] ?? [];
  switch (operator) {
    case 'prefix':
      return matchString(argument, value, (v, a) => v.startsWith(a), (v, a) => v.toLowerCase().startsWith(a.toLowerCase()));
    case 'suffix':
      return matchString(argument, value, (v, a) => v.endsWith(a), (v, a) => v.toLowerCase().endsWith(a.toLowerCase()));
    case 'equals-ignore-case':
      return typeof value === 'string' && typeof argument === 'string' && value.toLowerCase() === argument.toLowerCase();
    case 'wildcard':
      return typeof value === 'string' && typeof argument === 'string' && wildcard(argument).test(value);
    case 'numeric':
      return typeof value === 'number' && matchNumeric(argument as unknown[], value);
    case 'cidr':
      return typeof value === 'string' && typeof argument === 'string' && matchCidr(argument, value);
    default:
      return false;
  }
}

function matchString(argument: unknown, value: unknown, exact: (v: string, a: string) => boolean, ignoreCase: (v: string, a: string) => boolean): boolean {
  if (typeof value !== 'string') return false;
  if (typeof argument === 'string') return exact(value, argument);
  const folded = isMatcher(argument) ? argument['equals-ignore-case'] : undefined;
  return typeof folded === 'string' && ignoreCase(value, folded);
}

function matchAnythingBut(argument: unknown, value: unknown): boolean {
  if (value === MISSING) return false;
  if (Array.isArray(argument)) return argument.includes(value);
  if (isMatcher(argument)) return matchLeaf(argument, value);
  return argument === value;
}

function matchNumeric(conditions: unknown[], value: number): boolean {
  for (let i = 0; i < conditions.length; i += 2) {
    const [operator, bound] = [conditions[i], Number(conditions[i + 1])];
    const ok =
      operator === '=' ? value === bound : operator === '<' ? value < bound : operator === '<=' ? value <= bound : operator === '>' ? value > bound : operator === '>=' ? value >= bound : false;
    if (!ok) return false;
  }
  return true;
}

function wildcard(pattern: string): RegExp {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`, 's');
}

function matchCidr(cidr: string, address: string): boolean {
  const [base = '', bitsText = '32'] = cidr.split('/');
  const [a, b] = [ipv4(base), ipv4(address)];
  const bits = Number(bitsText);
  if (a === undefined || b === undefined) return false;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (a & mask) >>> 0 === (b & mask) >>> 0;
}

function ipv4(text: string): number | undefined {
  const parts = text.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  return parts.reduce((n, p) => ((n << 8) | p) >>> 0, 0);
}

function isMatcher(value: unknown): value is Matcher {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const OPERATORS = new Set(['prefix', 'suffix', 'equals-ignore-case', 'anything-but', 'numeric', 'exists', 'wildcard', 'cidr']);

function validateLeaf(leaf: unknown, path: string): void {
  if (!isMatcher(leaf)) {
    if (leaf !== null && typeof leaf === 'object') throw new UnsupportedPatternError(`${path}: unexpected ${JSON.stringify(leaf)}`);
    return;
  }
  const keys = Object.keys(leaf);
  const [operator] = keys;
  if (keys.length !== 1 || !operator || !OPERATORS.has(operator)) {
    throw new UnsupportedPatternError(`${path}: unsupported matcher ${JSON.stringify(leaf)} (supported: ${[...OPERATORS].join(', ')})`);
  }
  const argument = leaf[operator];
  if (operator === 'numeric' && (!Array.isArray(argument) || argument.length % 2 !== 0)) {
    throw new UnsupportedPatternError(`${path}: numeric takes operator/value pairs`);
  }
  if (operator === 'cidr' && (typeof argument !== 'string' || argument.includes(':'))) {
    throw new UnsupportedPatternError(`${path}: only IPv4 cidr is supported locally`);
  }
}
