import type { TemplateResource } from './cloud-assembly';

/** Where this machine pretends to be: the local "account" every stack runs in. */
export type LocalAccount = { region: string; accountId: string; partition: 'aws'; urlSuffix: string };

/** The pseudo parameters of one stack of the local account. */
export type Pseudo = LocalAccount & { stackName: string };

/** The value an `Fn::ImportValue` of this export name reads; throws when it cannot (see `StackExports`). */
export type ImportValue = (exportName: string, path: string) => string;

/** What a resource resolves to locally: its Ref value and its GetAtt attributes. */
export type PhysicalResource = { ref: string; attributes: Record<string, string> };

export class UnresolvableError extends Error {
  constructor(message: string, readonly path: string) {
    super(`${path}: ${message}`);
    this.name = 'UnresolvableError';
  }
}

/**
 * Resolves CloudFormation intrinsic functions (Ref, Fn::GetAtt, Fn::Join, Fn::Sub, Fn::Select,
 * Fn::Split, Fn::ImportValue) and pseudo parameters against the local physical resources of one
 * stack, and other stacks' exports. Anything else is an error naming where it stands: the
 * runtime never guesses a value.
 */
export class IntrinsicResolver {
  constructor(
    private readonly pseudo: Pseudo,
    private readonly resources: Record<string, TemplateResource>,
    private readonly physical: (logicalId: string) => PhysicalResource | undefined,
    private readonly importValue: ImportValue = (name, path) => {
      throw new UnresolvableError(`Fn::ImportValue of ${name}: no other stack exports anything here`, path);
    },
  ) {}

  resolve(value: unknown, path = '$'): unknown {
    if (Array.isArray(value)) return value.map((item, i) => this.resolve(item, `${path}[${i}]`));
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value);
    const [first] = entries;
    if (entries.length === 1 && first && (first[0] === 'Ref' || first[0].startsWith('Fn::'))) {
      return this.intrinsic(first[0], first[1], `${path}.${first[0]}`);
    }
    return Object.fromEntries(entries.map(([key, item]) => [key, this.resolve(item, `${path}.${key}`)]));
  }

  /** Resolves a value that must come out as a string. */
  resolveString(value: unknown, path = '$'): string {
    const resolved = this.resolve(value, path);
    if (typeof resolved !== 'string' && typeof resolved !== 'number') {
      throw new UnresolvableError(`expected a string, got ${JSON.stringify(resolved)}`, path);
    }
    return String(resolved);
  }

  private intrinsic(name: string, argument: unknown, path: string): unknown {
    switch (name) {
      case 'Ref':
        return this.ref(String(argument), path);
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = Array.isArray(argument) ? argument.map(String) : String(argument).split(/\.(.*)/s);
        return this.getAtt(logicalId ?? '', attribute ?? '', path);
      }
      case 'Fn::Join': {
        const [delimiter, parts] = this.args(argument, 2, path);
        const list = this.resolve(parts, path);
        if (!Array.isArray(list)) throw new UnresolvableError('Fn::Join takes a list', path);
        return list.map((part, i) => this.asString(part, `${path}[${i}]`)).join(String(delimiter));
      }
      case 'Fn::Sub':
        return this.sub(argument, path);
      case 'Fn::Select': {
        const [index, list] = this.args(argument, 2, path);
        const items = this.resolve(list, path);
        if (!Array.isArray(items)) throw new UnresolvableError('Fn::Select takes a list', path);
        return items[Number(this.resolve(index, path))];
      }
      case 'Fn::Split': {
        const [delimiter, source] = this.args(argument, 2, path);
        return this.resolveString(source, path).split(String(delimiter));
      }
      case 'Fn::ImportValue':
        return this.importValue(this.resolveString(argument, path), path);
      default:
        throw new UnresolvableError(`the local runtime does not support ${name}`, path);
    }
  }

  private ref(name: string, path: string): string {
    const pseudo: Record<string, string> = {
      'AWS::Region': this.pseudo.region,
      'AWS::AccountId': this.pseudo.accountId,
      'AWS::StackName': this.pseudo.stackName,
      'AWS::Partition': this.pseudo.partition,
      'AWS::URLSuffix': this.pseudo.urlSuffix,
      'AWS::StackId': `arn:aws:cloudformation:${this.pseudo.region}:${this.pseudo.accountId}:stack/${this.pseudo.stackName}/local`,
      'AWS::NoValue': '',
    };
    if (name in pseudo) return pseudo[name] as string;
    return this.resource(name, path).ref;
  }

  private getAtt(logicalId: string, attribute: string, path: string): string {
    const value = this.resource(logicalId, path).attributes[attribute];
    if (value === undefined) {
      throw new UnresolvableError(`${this.resources[logicalId]?.Type ?? logicalId} has no local value for attribute ${attribute}`, path);
    }
    return value;
  }

  private resource(logicalId: string, path: string): PhysicalResource {
    const resource = this.resources[logicalId];
    if (!resource) throw new UnresolvableError(`no resource or parameter named ${logicalId} in the template`, path);
    const physical = this.physical(logicalId);
    if (!physical) throw new UnresolvableError(`${resource.Type} ${logicalId} has no local counterpart`, path);
    return physical;
  }

  private sub(argument: unknown, path: string): string {
    const [text, variables] = typeof argument === 'string' ? [argument, {}] : this.args(argument, 2, path);
    const vars = (this.resolve(variables, path) ?? {}) as Record<string, unknown>;
    return String(text).replace(/\$\{([^}!]+)\}/g, (_, name: string) => {
      if (name in vars) return this.asString(vars[name], path);
      const [logicalId, attribute] = name.split(/\.(.*)/s);
      return attribute ? this.getAtt(logicalId ?? '', attribute, path) : this.ref(name, path);
    });
  }

  private args(argument: unknown, count: number, path: string): unknown[] {
    if (!Array.isArray(argument) || argument.length !== count) {
      throw new UnresolvableError(`expected ${count} arguments, got ${JSON.stringify(argument)}`, path);
    }
    return argument;
  }

  private asString(value: unknown, path: string): string {
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    throw new UnresolvableError(`expected a string, got ${JSON.stringify(value)}`, path);
  }
}
