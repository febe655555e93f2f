/**
 * The local OIDC issuer: a persisted RS256 signing key, Cognito-shaped tokens minted with it,
 * the discovery document and key set the edge serves, and the verifier the local HTTP API's JWT
 * authorizer uses. Tools (`npm run token`) and tests import from here.
 */
export { SIGNING_ALGORITHM } from './algorithm';
export { createSigningKey, loadOrCreateSigningKey, SigningKeyFileError, type SigningKey } from './signing-key';
export { mintToken, type MintOptions } from './mint-token';
export { tokenVerifier } from './verify-token';
export { discoveryUrl, issuerDocuments, keySetDocument, openIdConfiguration } from './discovery';
export { readRuntimeAuth, RuntimeAuthError, type LocalAuthInfo } from './runtime-auth';
