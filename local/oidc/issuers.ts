import type { JwtAuthorizer } from '../http-api/route-auth';
import type { StackResource } from '../template/stack-resource';
import { discoveryUrl, issuerDocuments } from './discovery';
import type { LocalAuthInfo } from './runtime-auth';
import type { SigningKey } from './signing-key';

/**
 * Maps an issuer as the template resolves it to the issuer tokens carry locally. A user pool's
 * issuer written out (`https://cognito-idp.<region>.amazonaws.com/<pool id>`, as CDK's
 * `HttpUserPoolAuthorizer` joins it) becomes that pool's local ProviderURL on the edge, as
 * `GetAtt ProviderURL` already is, whichever stack the pool is in; any other issuer is kept,
 * and the runtime stands in for it.
 */
export function localIssuerOf(resources: readonly StackResource[], region: string): (issuer: string) => string {
  const aliases = new Map<string, string>();
  for (const r of resources) {
    const pool = r.resource.Type === 'AWS::Cognito::UserPool' ? r.physical : undefined;
    if (pool?.attributes.ProviderURL) aliases.set(`https://cognito-idp.${region}.amazonaws.com/${pool.ref}`, pool.attributes.ProviderURL);
  }
  return (issuer) => aliases.get(issuer.replace(/\/+$/, '')) ?? issuer;
}

/**
 * Serves each issuer whose URL is on the edge (its discovery document and key set); an issuer
 * elsewhere cannot be served, since there is no network, so the runtime stands in for it and says
 * so. Returns the issuers served.
 */
export function serveIssuers(
  issuers: Iterable<string>,
  edge: { serveDocument(path: string, body: unknown): void },
  edgeUrl: string,
  key: SigningKey,
  log: (line: string) => void,
): Set<string> {
  const served = new Set<string>();
  for (const issuer of new Set(issuers)) {
    const documents = issuerDocuments(issuer, edgeUrl, [key]);
    if (!documents) {
      log(`auth: issuer ${issuer} is not on this machine, and there is no network: the local runtime stands in for it, accepting tokens signed with its own key (npm run token) and refusing that issuer's real tokens`);
      continue;
    }
    for (const [path, body] of documents) edge.serveDocument(path, body);
    served.add(issuer);
  }
  return served;
}

/** What `runtime.json` and tools learn about the first JWT authorizer; undefined when the API has none. */
export function localAuthInfo(authorizers: JwtAuthorizer[], servedIssuers: Set<string>, keyFile: string): LocalAuthInfo | undefined {
  const [first] = authorizers;
  if (!first) return undefined;
  return { issuer: first.issuer, audiences: first.audiences, keyFile, ...(servedIssuers.has(first.issuer) ? { discoveryUrl: discoveryUrl(first.issuer) } : {}) };
}
