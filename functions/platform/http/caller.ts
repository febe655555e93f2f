import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { callerOf, type Caller } from '../domain';
import { HttpError } from './problem';

/** What API Gateway's JWT authorizer adds to a payload 2.0 event once it has verified the token. */
type JwtAuthorizerContext = { authorizer?: { jwt?: { claims?: Record<string, unknown> } } };

/** A subject that can stand for a customer: printable ASCII, bounded (Cognito's are UUIDs). */
const SUBJECT = /^[\x21-\x7e]{1,128}$/;

/**
 * The caller of a request, from the claims API Gateway verified: `sub` and the groups claim
 * (`cognito:groups`, or `groups` for other OIDC issuers). The token itself is never read here.
 * No claims means the route was deployed without the authorizer: a 401, never an anonymous caller.
 */
export function requestCaller(event: APIGatewayProxyEventV2): Caller {
  const claims = verifiedClaims(event);
  const subject = claims?.sub;
  if (typeof subject !== 'string' || !SUBJECT.test(subject)) {
    throw new HttpError(401, 'Unauthorized', 'this request carries no verified identity: send a valid token as Authorization: Bearer <token>');
  }
  return callerOf(subject, groupsOf(claims?.['cognito:groups'] ?? claims?.groups));
}

/** The claims API Gateway's JWT authorizer verified for this request; none on a route without it. */
export function verifiedClaims(event: APIGatewayProxyEventV2): Record<string, unknown> | undefined {
  return (event.requestContext as APIGatewayProxyEventV2['requestContext'] & JwtAuthorizerContext).authorizer?.jwt?.claims;
}

/**
 * Group names from a claim as it reaches a Lambda behind an HTTP API: API Gateway renders an array
 * claim as one string, `[admin support]`; a direct invocation may pass the array itself.
 */
export function groupsOf(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.filter((group): group is string => typeof group === 'string');
  if (typeof claim !== 'string') return [];
  const inner = claim.startsWith('[') && claim.endsWith(']') ? claim.slice(1, -1) : claim;
  return inner.split(/[\s,]+/).filter(Boolean);
}
