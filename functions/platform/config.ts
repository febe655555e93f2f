import type { EnvName } from './contract/environment';

/** Reads a setting the stack put in the function's environment (a name of the contract); a missing one is a deployment bug. */
export function requireEnv(name: EnvName): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set: the stack should provide it`);
  return value;
}
