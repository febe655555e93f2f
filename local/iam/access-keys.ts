import { createHash } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * The access key id a function's worker signs its calls with: `ASIA` (AWS's prefix for
 * temporary credentials) and 16 characters derived from the function's name, so it is the same
 * on every start and no two functions share one. The runtime reads it back from each call's
 * signature to know which function is calling.
 */
export function accessKeyIdFor(functionName: string): string {
  const digest = createHash('sha256').update(functionName).digest();
  let id = 'ASIA';
  for (let i = 0; i < 16; i++) id += BASE32[(digest[i] as number) % 32];
  return id;
}

/** A session name of AWS's shape for a service acting with a role (32 letters), stable for one `seed`. */
export function serviceSessionName(seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  let name = '';
  for (let i = 0; i < 32; i++) {
    const n = (digest[i] as number) % 52;
    name += String.fromCharCode(n < 26 ? 65 + n : 71 + n);
  }
  return name;
}
