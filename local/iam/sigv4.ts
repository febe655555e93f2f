import type { IncomingHttpHeaders } from 'node:http';

/** What a call's SigV4 credential scope says: who signed it, for which region and service. */
export type SigV4Credential = { accessKeyId: string; region?: string; service?: string };

/**
 * Reads the credential of a SigV4-signed call, from the `Authorization` header
 * (`AWS4-HMAC-SHA256 Credential=<AKID>/<date>/<region>/<service>/aws4_request, …`) or a presigned
 * URL's `X-Amz-Credential`. The signature is NOT verified: the local runtime has no secrets to
 * check it with, and needs only to know which function is calling.
 */
export function sigV4Credential(headers: IncomingHttpHeaders, url = '/'): SigV4Credential | undefined {
  const header = String(headers.authorization ?? '');
  const scope = /Credential=([^,\s]+)/.exec(header)?.[1] ?? new URL(url, 'http://localhost').searchParams.get('X-Amz-Credential') ?? undefined;
  if (!scope) return undefined;
  const [accessKeyId = '', , region, service] = scope.split('/');
  return accessKeyId ? { accessKeyId, ...(region ? { region } : {}), ...(service ? { service } : {}) } : undefined;
}
