/** A JWT authorizer of the template (`AWS::ApiGatewayV2::Authorizer`), resolved to local values. */
export type JwtAuthorizer = {
  /** Its local AuthorizerId (`<stackName>-<logicalId>`, unique in the assembly), by which routes name it. */
  id: string;
  name: string;
  /** `iss` a token must carry, exactly. */
  issuer: string;
  /** Accepted `aud` (or, without `aud`, `client_id`) values. */
  audiences: string[];
  /** Where the token is, as the template says it: `$request.header.Authorization`. */
  identitySource: string[];
};

/** How a route is authorized: open, or by a JWT authorizer with optional route scopes. */
export type RouteAuth = { type: 'NONE' } | { type: 'JWT'; authorizer: JwtAuthorizer; scopes: string[] };

/** A verifier's answer: the token's claims, or why it was refused (for `www-authenticate`). */
export type TokenVerdict = { valid: true; claims: Record<string, unknown> } | { valid: false; reason: string };

/** Checks a token's signature and claims against an authorizer's issuer and audiences. */
export type TokenVerifier = (token: string, expected: { issuer: string; audiences: string[] }) => Promise<TokenVerdict>;
