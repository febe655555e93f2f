import { parseOperator, type ConditionOperator } from './condition-operators';
import { substituteVariables, variableKeys } from './policy-variables';
import { contextValues, type RequestContext } from './request-context';

/** A statement's `Condition` block, ready to test a request context. */
export type CompiledCondition = (context: RequestContext) => boolean;

/**
 * What compiling a `Condition` block gives: a test, or why the local runtime cannot evaluate it
 * (an operator it does not know, or a key it cannot supply, such as `aws:SourceIp` or
 * `aws:ResourceTag/…`). What the policy loader does with an unevaluable statement is the
 * fail-closed rule: an Allow grants nothing, a Deny denies (see `policy.ts`).
 */
export type ConditionCompilation = { test: CompiledCondition } | { unevaluable: string };

type Clause = { operator: ConditionOperator; key: string; values: string[] };

/**
 * Compiles a `Condition` block with IAM's logic: operators AND-ed, keys of one operator AND-ed,
 * the values of one key OR-ed (NOR-ed for a "Not" operator). `knownKeys` are the context keys
 * the runtime can supply, in lower case.
 */
export function compileCondition(block: unknown, knownKeys: ReadonlySet<string>): ConditionCompilation {
  if (block === undefined) return { test: () => true };
  if (!isObject(block)) return { unevaluable: 'a Condition that is not an object' };
  const clauses: Clause[] = [];
  for (const [operatorName, keys] of Object.entries(block)) {
    const operator = parseOperator(operatorName);
    if (!operator) return { unevaluable: `the condition operator ${operatorName}` };
    if (!isObject(keys)) return { unevaluable: `${operatorName} without keys` };
    for (const [key, raw] of Object.entries(keys)) {
      if (!knownKeys.has(key.toLowerCase())) return { unevaluable: `the condition key ${key}` };
      const values = (Array.isArray(raw) ? raw : [raw]).map((v) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined));
      if (values.some((v) => v === undefined)) return { unevaluable: `a value of ${key} that is not a string, number or boolean` };
      const unknownVariable = values.flatMap((v) => variableKeys(v as string)).find((k) => !knownKeys.has(k.toLowerCase()));
      if (unknownVariable) return { unevaluable: `the policy variable \${${unknownVariable}}` };
      clauses.push({ operator, key, values: values as string[] });
    }
  }
  return { test: (context) => clauses.every((clause) => holds(clause, context)) };
}

function holds({ operator, key, values }: Clause, context: RequestContext): boolean {
  const requestValues = contextValues(context, key) ?? [];
  const present = requestValues.length > 0;
  const { base } = operator;
  if (base.kind === 'null') {
    return values.some((v) => (v.toLowerCase() === 'true' ? !present : present));
  }
  // A policy value whose variable the request cannot fill matches nothing.
  const policyValues = values.map((v) => substituteVariables(v, context)).filter((v): v is string => v !== undefined);
  const matchesAny = (requestValue: string) => policyValues.some((p) => base.matches(requestValue, p));
  // For a "Not" operator, a request value passes when it matches none of the policy's values.
  const passes = (requestValue: string) => (base.negated ? !matchesAny(requestValue) : matchesAny(requestValue));
  switch (operator.setOperator) {
    case 'ForAllValues':
      // True for a missing or empty key: there is no value that fails.
      return requestValues.every(passes);
    case 'ForAnyValue':
      return present ? requestValues.some(passes) : operator.ifExists;
    default:
      // A missing key fails a positive operator and passes a "Not" one, unless …IfExists passes it anyway.
      if (!present) return operator.ifExists || base.negated;
      // A single-valued operator on several values (not IAM's advice): any value may match.
      return base.negated ? !requestValues.some(matchesAny) : requestValues.some(matchesAny);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
