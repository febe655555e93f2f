import type { StackTemplate } from './cloud-assembly';
import { UnresolvableError } from './intrinsics';

/** An export: the stack and output that define it, and its value, resolved when it is read. */
export type StackExport = { name: string; stackName: string; outputKey: string; value: () => string };

/** Where a stack reads an export: the resource (or `Outputs.<key>`) and the export's name as written. */
export type ImportSite = { where: string; exportName: unknown };

/**
 * The exports of the assembly's stacks (`Outputs` with `Export.Name`), which `Fn::ImportValue`
 * reads as CloudFormation does: by name, in the whole account and region. A value is resolved
 * when it is read, in its own stack, so an export of a stream ARN reads the table's real one.
 */
export class StackExports {
  private readonly byName = new Map<string, StackExport>();

  /** Adds an export; CloudFormation refuses a name another stack already exports, and so does this. */
  add(entry: StackExport): void {
    const other = this.byName.get(entry.name);
    if (other) {
      throw new Error(`export ${entry.name} is defined twice, by ${other.stackName} (output ${other.outputKey}) and by ${entry.stackName} (output ${entry.outputKey}): export names are unique in an account and region`);
    }
    this.byName.set(entry.name, entry);
  }

  /** The stack that exports `name`, if one does. */
  exporter(name: string): string | undefined {
    return this.byName.get(name)?.stackName;
  }

  /** What `Fn::ImportValue` of `name` reads. */
  value(name: string, path: string): string {
    const entry = this.byName.get(name);
    if (!entry) throw new UnresolvableError(`Fn::ImportValue of ${name}: no stack of the assembly exports it`, path);
    return entry.value();
  }
}

/** Every `Fn::ImportValue` of a template, in its resources' properties and its outputs. */
export function importSites(template: StackTemplate): ImportSite[] {
  const sites: ImportSite[] = [];
  const walk = (value: unknown, where: string): void => {
    if (Array.isArray(value)) return value.forEach((item) => walk(item, where));
    if (value === null || typeof value !== 'object') return;
    for (const [key, item] of Object.entries(value)) {
      if (key === 'Fn::ImportValue') sites.push({ where, exportName: item });
      else walk(item, where);
    }
  };
  for (const [id, resource] of Object.entries(template.Resources)) walk(resource.Properties, id);
  for (const [key, output] of Object.entries(template.Outputs ?? {})) walk(output.Value, `Outputs.${key}`);
  return sites;
}

/**
 * What is wrong with a stack's imports, checked before anything runs, each naming the stack, the
 * resource and the export: an export no stack has, or one from a stack this one does not depend
 * on (CloudFormation could deploy the importer first, and then it fails; its own exports included).
 */
export function importProblems(
  stackName: string,
  sites: readonly ImportSite[],
  exportName: (written: unknown, path: string) => string,
  exports: StackExports,
  dependsOn: ReadonlySet<string>,
): string[] {
  return sites.flatMap(({ where, exportName: written }) => {
    let name: string;
    try {
      name = exportName(written, `${stackName}/${where}`);
    } catch (error) {
      return [`${stackName}: ${where} imports an export whose name cannot be resolved: ${(error as Error).message}`];
    }
    const exporter = exports.exporter(name);
    if (!exporter) return [`${stackName}: ${where} imports ${name}, which no stack of the assembly exports`];
    if (!dependsOn.has(exporter)) {
      return [`${stackName}: ${where} imports ${name}, which ${exporter} exports, but ${stackName} does not depend on ${exporter} (add the dependency, so that ${exporter} deploys first)`];
    }
    return [];
  });
}
