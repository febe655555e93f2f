/** Reads a setting the stack put in the function's environment; a missing one is a deployment bug. */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set: the stack should provide it`);
  return value;
}
