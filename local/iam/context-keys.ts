/**
 * Global condition keys the local runtime puts in every request's context (see `principal.ts`
 * and `enforcer.ts`): a condition on any other key, or one a service mapping does not add, cannot
 * be evaluated here (see `conditions.ts` for what that means).
 */
export const GLOBAL_CONTEXT_KEYS = [
  'aws:PrincipalArn',
  'aws:PrincipalAccount',
  'aws:PrincipalType',
  'aws:userid',
  'aws:RequestedRegion',
  'aws:CurrentTime',
  'aws:EpochTime',
  'aws:SecureTransport',
  // Only for a service acting for a resource (EventBridge or API Gateway invoking a function).
  'aws:SourceArn',
  'aws:SourceAccount',
] as const;
