import { compileCondition, type CompiledCondition } from './conditions';
import { substituteVariables, variableKeys } from './policy-variables';
import type { RequestContext } from './request-context';
import { actionMatches, resourceMatches } from './wildcard';

/** An identity-based policy document as the template gives it, intrinsics resolved. */
export type PolicyDocument = { Version?: string; Statement?: unknown };

/** One statement, compiled: what it matches, and its condition or why it cannot be evaluated here. */
export type CompiledStatement = {
  /** `<policy> statement <Sid or #n>`, for logs and warnings. */
  label: string;
  effect: 'Allow' | 'Deny';
  /** Whether the statement covers this action and resource (conditions aside). */
  covers: (action: string, resource: string, context: RequestContext) => boolean;
  condition: CompiledCondition;
  /**
   * Set when the runtime cannot evaluate the statement (an unknown condition key or operator, a
   * resource it cannot resolve). Fail closed: such an Allow grants nothing, such a Deny denies
   * whatever it covers, whatever its condition.
   */
  unevaluable?: string;
};

export type CompiledPolicy = { name: string; statements: CompiledStatement[] };

type Patterns = { list: string[]; negated: boolean } | undefined;

const asList = (value: unknown): string[] | undefined =>
  value === undefined ? undefined : (Array.isArray(value) ? value.flat(Infinity) : [value]).map((v) => String(v));

function patterns(statement: Record<string, unknown>, element: 'Action' | 'Resource'): Patterns {
  const plain = asList(statement[element]);
  if (plain) return { list: plain, negated: false };
  const not = asList(statement[`Not${element}`]);
  return not ? { list: not, negated: true } : undefined;
}

/**
 * Compiles a policy document. `knownKeys` are the condition keys the runtime supplies (lower
 * case); `unresolvable` marks statements whose intrinsics could not be resolved (by index).
 */
export function compilePolicy(name: string, document: PolicyDocument, knownKeys: ReadonlySet<string>, unresolvable: Record<number, string> = {}): CompiledPolicy {
  const raw = document.Statement === undefined ? [] : Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  // Policy variables exist only in version 2012-10-17; in older documents `${…}` is literal text.
  const variables = document.Version === '2012-10-17';
  const statements = raw.map((s, i) => compileStatement(`${name} statement ${statementId(s, i)}`, (s ?? {}) as Record<string, unknown>, knownKeys, variables, unresolvable[i]));
  return { name, statements };
}

function statementId(statement: unknown, index: number): string {
  const sid = (statement as { Sid?: unknown } | null)?.Sid;
  return typeof sid === 'string' && sid ? sid : `#${index + 1}`;
}

function compileStatement(label: string, statement: Record<string, unknown>, knownKeys: ReadonlySet<string>, variables: boolean, unresolvable?: string): CompiledStatement {
  const effect = statement.Effect === 'Deny' ? 'Deny' : 'Allow';
  const actions = patterns(statement, 'Action');
  const resources = patterns(statement, 'Resource');
  const condition = compileCondition(statement.Condition, knownKeys);
  const unknownVariable = variables ? resources?.list.flatMap(variableKeys).find((k) => !knownKeys.has(k.toLowerCase())) : undefined;
  const unevaluable =
    unresolvable ??
    (statement.Effect !== 'Allow' && statement.Effect !== 'Deny' ? `an Effect of ${JSON.stringify(statement.Effect)}` : undefined) ??
    (!actions ? 'no Action or NotAction' : undefined) ??
    (!resources ? 'no Resource or NotResource' : undefined) ??
    (unknownVariable ? `the policy variable \${${unknownVariable}} in its resources` : undefined) ??
    ('unevaluable' in condition ? condition.unevaluable : undefined);
  const coversAction = (action: string) => (actions ? actions.list.some((p) => actionMatches(p, action)) !== actions.negated : false);
  const coversResource = (resource: string, context: RequestContext) => {
    if (!resources) return false;
    const hit = resources.list.some((p) => {
      const pattern = variables ? substituteVariables(p, context) : p;
      return pattern !== undefined && resourceMatches(pattern, resource);
    });
    return hit !== resources.negated;
  };
  return {
    label,
    effect,
    covers: (action, resource, context) => coversAction(action) && coversResource(resource, context),
    condition: 'test' in condition ? condition.test : () => false,
    ...(unevaluable ? { unevaluable } : {}),
  };
}
