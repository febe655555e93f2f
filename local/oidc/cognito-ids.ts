import { createHash } from 'node:crypto';

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const LOWER_ALPHANUMERIC = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * A user pool id of AWS's shape (`us-east-1_` and 9 letters or digits), the same for the same
 * stack and resource on every run, so that a pool's issuer URL, and the tokens naming it, survive
 * restarts.
 */
export function localUserPoolId(region: string, stackName: string, logicalId: string): string {
  return `${region}_${derive(`user-pool/${stackName}/${logicalId}`, 9, ALPHANUMERIC)}`;
}

/** An app client id of AWS's shape (26 lowercase letters or digits), the same on every run. */
export function localUserPoolClientId(stackName: string, logicalId: string): string {
  return derive(`user-pool-client/${stackName}/${logicalId}`, 26, LOWER_ALPHANUMERIC);
}

/** Characters picked by the bytes of a hash of `seed`: a name, not a secret (no security rests on it). */
function derive(seed: string, length: number, alphabet: string): string {
  const digest = createHash('sha256').update(seed).digest();
  return Array.from(digest.subarray(0, length), (byte) => alphabet[byte % alphabet.length]).join('');
}
