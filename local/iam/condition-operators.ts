import { arnLike, stringLike } from './wildcard';

/** How a base operator compares one request value with one policy value, and whether it is a "Not" operator. */
type Comparison = { kind: 'compare'; negated: boolean; matches: (requestValue: string, policyValue: string) => boolean };
type NullCheck = { kind: 'null' };
type BaseOperator = Comparison | NullCheck;

/** An operator as a policy writes it: `ForAllValues:StringLike`, `ArnEqualsIfExists`, `Null`… */
export type ConditionOperator = {
  name: string;
  base: BaseOperator;
  setOperator?: 'ForAllValues' | 'ForAnyValue';
  ifExists: boolean;
};

const number = (value: string) => (/^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : Number.NaN);
/** A date as IAM takes it: ISO 8601, or seconds since the epoch. */
const date = (value: string) => (/^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value));

function ordered(parse: (value: string) => number, test: (a: number, b: number) => boolean) {
  return (requestValue: string, policyValue: string) => {
    const [a, b] = [parse(requestValue), parse(policyValue)];
    return Number.isFinite(a) && Number.isFinite(b) && test(a, b);
  };
}

const positive = (matches: Comparison['matches']): Comparison => ({ kind: 'compare', negated: false, matches });
const negative = (matches: Comparison['matches']): Comparison => ({ kind: 'compare', negated: true, matches });

const equals = (a: string, b: string) => a === b;
const equalsIgnoringCase = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const like = (value: string, pattern: string) => stringLike(pattern, value);
const arn = (value: string, pattern: string) => arnLike(pattern, value);
const numberEquals = ordered(number, (a, b) => a === b);
const dateEquals = ordered(date, (a, b) => a === b);

/**
 * The operators the local evaluator knows. Not here, so unevaluable (see `conditions.ts`):
 * `IpAddress`/`NotIpAddress` (the runtime has no caller IP to offer) and `Binary*`.
 */
const BASE_OPERATORS: Record<string, BaseOperator> = {
  StringEquals: positive(equals),
  StringNotEquals: negative(equals),
  StringEqualsIgnoreCase: positive(equalsIgnoringCase),
  StringNotEqualsIgnoreCase: negative(equalsIgnoringCase),
  StringLike: positive(like),
  StringNotLike: negative(like),
  NumericEquals: positive(numberEquals),
  NumericNotEquals: negative(numberEquals),
  NumericLessThan: positive(ordered(number, (a, b) => a < b)),
  NumericLessThanEquals: positive(ordered(number, (a, b) => a <= b)),
  NumericGreaterThan: positive(ordered(number, (a, b) => a > b)),
  NumericGreaterThanEquals: positive(ordered(number, (a, b) => a >= b)),
  DateEquals: positive(dateEquals),
  DateNotEquals: negative(dateEquals),
  DateLessThan: positive(ordered(date, (a, b) => a < b)),
  DateLessThanEquals: positive(ordered(date, (a, b) => a <= b)),
  DateGreaterThan: positive(ordered(date, (a, b) => a > b)),
  DateGreaterThanEquals: positive(ordered(date, (a, b) => a >= b)),
  Bool: positive(equalsIgnoringCase),
  // AWS documents ArnEquals and ArnLike as the same comparison, wildcards included.
  ArnEquals: positive(arn),
  ArnLike: positive(arn),
  ArnNotEquals: negative(arn),
  ArnNotLike: negative(arn),
  Null: { kind: 'null' },
};

/** Reads an operator name; undefined for one the evaluator does not know (including `NullIfExists`). */
export function parseOperator(name: string): ConditionOperator | undefined {
  const [, prefix, rest = ''] = /^(?:(ForAllValues|ForAnyValue):)?(.*)$/s.exec(name) ?? [];
  const ifExists = rest.endsWith('IfExists');
  const baseName = ifExists ? rest.slice(0, -'IfExists'.length) : rest;
  const base = BASE_OPERATORS[baseName];
  if (!base || (base.kind === 'null' && (ifExists || prefix))) return undefined;
  return { name, base, ifExists, ...(prefix ? { setOperator: prefix as 'ForAllValues' | 'ForAnyValue' } : {}) };
}
