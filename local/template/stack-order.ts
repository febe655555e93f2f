/** A stack artifact of the manifest: its artifact id, its stack name and the artifacts it depends on. */
export type StackArtifact = { id: string; stackName: string; dependencies: readonly string[] };

/** A stack artifact in run order, with the stacks (by name) it depends on directly. */
export type OrderedStack<T extends StackArtifact> = T & { dependsOn: string[] };

/**
 * The stacks in the order CloudFormation would deploy them: every stack after the stacks it
 * depends on, and otherwise in the manifest's order. A dependency on another kind of artifact
 * (an asset manifest) is no stack's concern and is ignored; one on an artifact the manifest does
 * not have, or a cycle, is an error naming the stacks, since no order would deploy them.
 */
export function orderStacks<T extends StackArtifact>(stacks: readonly T[], isArtifact: (id: string) => boolean): OrderedStack<T>[] {
  const byId = new Map(stacks.map((stack) => [stack.id, stack]));
  const missing = stacks.flatMap((stack) => stack.dependencies.filter((d) => !byId.has(d) && !isArtifact(d)).map((d) => `${stack.stackName} depends on ${d}, which is not in the cloud assembly`));
  if (missing.length) throw new Error(`the stacks cannot run: ${missing.join('; ')}`);
  const sameName = stacks.filter((stack, i) => stacks.findIndex((s) => s.stackName === stack.stackName) !== i);
  if (sameName.length) throw new Error(`the cloud assembly has several stacks named ${[...new Set(sameName.map((s) => s.stackName))].join(', ')}; the local runtime runs one account and region`);

  const ordered: OrderedStack<T>[] = [];
  const done = new Set<string>();
  // The path being visited: meeting one of its stacks again is a cycle, and the path names it.
  const visiting: string[] = [];
  const visit = (stack: T) => {
    if (done.has(stack.id)) return;
    const seen = visiting.indexOf(stack.id);
    if (seen >= 0) {
      const cycle = [...visiting.slice(seen), stack.id].map((id) => byId.get(id)!.stackName);
      throw new Error(`the stacks depend on each other in a cycle, so no order deploys them: ${cycle.join(' → ')}`);
    }
    visiting.push(stack.id);
    const dependencies = stack.dependencies.flatMap((d) => byId.get(d) ?? []);
    for (const dependency of dependencies) visit(dependency);
    visiting.pop();
    done.add(stack.id);
    ordered.push({ ...stack, dependsOn: dependencies.map((d) => d.stackName) });
  };
  for (const stack of stacks) visit(stack);
  return ordered;
}
