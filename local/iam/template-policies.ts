import type { TemplateResource } from '../template/cloud-assembly';
import type { PhysicalResource } from '../template/intrinsics';
import { awsManagedPolicy } from './aws-managed-policies';
import { compilePolicy, type CompiledPolicy, type PolicyDocument } from './policy';
import type { RolePolicies } from './role';

/** What reading the template's IAM needs: its resources, how to resolve intrinsics, the local names. */
export type TemplateIamInput = {
  resources: Readonly<Record<string, TemplateResource>>;
  /** Resolves intrinsics to local values; throws for what cannot be resolved. */
  resolve: (value: unknown, path: string) => unknown;
  physical: (logicalId: string) => PhysicalResource | undefined;
  /** The condition keys the runtime supplies, in lower case. */
  knownKeys: ReadonlySet<string>;
};

/** The template's roles with their policies, what was loaded, and the startup warnings. */
export type TemplateIam = {
  /** By role ARN. */
  roles: Map<string, RolePolicies>;
  policies: number;
  statements: number;
  warnings: string[];
};

/**
 * Reads every identity-based policy of the template and attaches it to its roles: `AWS::IAM::Policy`
 * and `AWS::IAM::ManagedPolicy` (their `Roles`), a role's inline `Policies` and its
 * `ManagedPolicyArns` (the template's own managed policies, and the few AWS managed ones in
 * `aws-managed-policies.ts`; any other grants nothing, with a warning). Each statement is
 * resolved on its own, so one the runtime cannot resolve is unevaluable (fail closed) rather
 * than a failed start.
 */
export function readTemplateIam(input: TemplateIamInput): TemplateIam {
  const { resources, physical } = input;
  const warnings: string[] = [];
  const compiled: CompiledPolicy[] = [];
  const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
  const compile = (name: string, document: unknown, path: string) => {
    const policy = compileResolved(name, document, path, input);
    compiled.push(policy);
    for (const s of policy.statements) {
      if (s.unevaluable) warnings.push(`${s.label} uses ${s.unevaluable}, which the local runtime cannot evaluate: as ${s.effect === 'Allow' ? 'an Allow it grants nothing' : 'a Deny it denies whatever it covers'} here`);
    }
    return policy;
  };

  const roles = new Map<string, RolePolicies>();
  const roleByName = new Map<string, RolePolicies>();
  for (const [id] of ofType('AWS::IAM::Role')) {
    const p = physical(id);
    if (!p?.attributes.Arn) continue;
    const role: RolePolicies = { roleName: p.ref, roleArn: p.attributes.Arn, roleId: p.attributes.RoleId ?? p.ref, policies: [] };
    roles.set(role.roleArn, role);
    roleByName.set(role.roleName, role);
  }
  const attach = (policy: CompiledPolicy, roleNames: unknown, path: string) => {
    for (const name of listOf(input.resolve(roleNames ?? [], path))) {
      const role = roleByName.get(name) ?? [...roles.values()].find((r) => r.roleArn === name);
      if (role) role.policies.push(policy);
      else warnings.push(`${policy.name} is attached to role ${name}, which is not a role of this template: ignored`);
    }
  };

  const managed = new Map<string, CompiledPolicy>();
  for (const [id, r] of ofType('AWS::IAM::ManagedPolicy')) {
    const policy = compile(id, r.Properties?.PolicyDocument, `${id}.PolicyDocument`);
    const arn = physical(id)?.ref;
    if (arn) managed.set(arn, policy);
    attach(policy, r.Properties?.Roles, `${id}.Roles`);
  }
  for (const [id, r] of ofType('AWS::IAM::Policy')) {
    attach(compile(id, r.Properties?.PolicyDocument, `${id}.PolicyDocument`), r.Properties?.Roles, `${id}.Roles`);
  }
  for (const [id, r] of ofType('AWS::IAM::Role')) {
    const role = roles.get(physical(id)?.attributes.Arn ?? '');
    if (!role) continue;
    const inline = (r.Properties?.Policies ?? []) as { PolicyName?: unknown; PolicyDocument?: unknown }[];
    inline.forEach((p, i) => role.policies.push(compile(`${id}/${String(p.PolicyName ?? i)}`, p.PolicyDocument, `${id}.Policies[${i}].PolicyDocument`)));
    for (const arn of listOf(input.resolve(r.Properties?.ManagedPolicyArns ?? [], `${id}.ManagedPolicyArns`))) {
      const known = managed.get(arn) ?? (awsManagedPolicy(arn) && compile(arn, awsManagedPolicy(arn), arn));
      if (known) role.policies.push(known);
      else warnings.push(`role ${id} has managed policy ${arn}, whose content is not in the template: it grants nothing locally`);
    }
  }
  return { roles, policies: compiled.length, statements: compiled.reduce((n, p) => n + p.statements.length, 0), warnings };
}

/** Resolves a policy document statement by statement; one that cannot be resolved becomes unevaluable. */
function compileResolved(name: string, raw: unknown, path: string, input: TemplateIamInput): CompiledPolicy {
  const document = (raw ?? {}) as { Version?: unknown; Statement?: unknown };
  const statements = document.Statement === undefined ? [] : Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  const unresolvable: Record<number, string> = {};
  const resolved = statements.map((statement, i) => {
    try {
      return input.resolve(statement, `${path}.Statement[${i}]`);
    } catch (error) {
      unresolvable[i] = `a value the local runtime cannot resolve (${(error as Error).message})`;
      // Keep what says what the statement covers, so a Deny still denies those actions.
      const { Resource: _r, NotResource: _n, Condition: _c, ...rest } = statement as Record<string, unknown>;
      return { ...rest, Resource: '*' };
    }
  });
  const resolvedDocument: PolicyDocument = { Statement: resolved, ...(typeof document.Version === 'string' ? { Version: document.Version } : {}) };
  return compilePolicy(name, resolvedDocument, input.knownKeys, unresolvable);
}

const listOf = (value: unknown): string[] => (Array.isArray(value) ? value.flat(Infinity) : value === undefined ? [] : [value]).map(String);
