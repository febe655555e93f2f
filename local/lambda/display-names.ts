/** A function as its display name is made of: its physical name and the stack it is in. */
export type NamedFunction = { name: string; stackName: string };

/**
 * How logs and usage name each function: its physical name without its own stack's prefix
 * (`<stackName>-`), as a one-stack assembly always named them. Where two stacks' functions
 * would then share a name (construct paths repeat across stacks, and so do logical ids), each
 * of them gets its stack's last name segment in front (`Orders-ProjectorFn…` for
 * `Orderline-dev-Orders`); should even that repeat, its physical name, unique by itself.
 */
export function functionDisplayNames(functions: readonly NamedFunction[]): Map<string, string> {
  const stripped = (fn: NamedFunction) => (fn.name.startsWith(`${fn.stackName}-`) ? fn.name.slice(fn.stackName.length + 1) : fn.name);
  const withStack = (fn: NamedFunction) => `${fn.stackName.split('-').at(-1)}-${stripped(fn)}`;
  let names = functions.map(stripped);
  for (const rename of [withStack, (fn: NamedFunction) => fn.name]) {
    const repeated = new Set(names.filter((name, i) => names.indexOf(name) !== i));
    names = functions.map((fn, i) => (repeated.has(names[i]!) ? rename(fn) : names[i]!));
  }
  return new Map(functions.map((fn, i) => [fn.name, names[i]!]));
}
