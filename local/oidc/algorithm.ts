/** The only algorithm the local issuer signs with: Cognito signs with RS256, and API Gateway verifies RSA only. */
export const SIGNING_ALGORITHM = 'RS256';
