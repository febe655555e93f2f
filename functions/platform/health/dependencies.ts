/**
 * What a request may need, as a context's stack declares it for the readiness check: its tables,
 * its saga state machines; the platform adds its bus. Pure: shared by lib/ (which writes the
 * list into a stack export) and the readiness function (which reads it).
 */
export type Dependency = { kind: 'table'; name: string } | { kind: 'state-machine'; arn: string } | { kind: 'bus'; name: string };

/** How one dependency is named in a readiness report. */
export function dependencyName(dependency: Dependency): string {
  switch (dependency.kind) {
    case 'table':
      return `table ${dependency.name}`;
    case 'state-machine':
      return `state machine ${dependency.arn.split(':').at(-1)}`;
    case 'bus':
      return `event bus ${dependency.name}`;
    default: {
      const unknown: never = dependency;
      throw new Error(`unknown dependency ${JSON.stringify(unknown)}`);
    }
  }
}

/** The dependencies of every context, from the readiness function's environment: one JSON list per line (one line per context). */
export function parseDependencies(lines: string): Dependency[] {
  return lines
    .split('\n')
    .filter((line) => line.trim())
    .flatMap((line) => JSON.parse(line) as Dependency[]);
}
