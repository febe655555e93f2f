import type { ContextValue } from '../request-context';

/** One access a call needs: an IAM action on a resource ARN, with the context keys of that part of the call. */
export type RequiredAccess = { action: string; resource: string; context?: Record<string, ContextValue | undefined> };

/** The partition key attribute of a table, and of each of its indexes (for `dynamodb:LeadingKeys`). */
export type TableKeys = { partitionKey: string; indexes: Readonly<Record<string, string>> };

/** What a mapping needs to name resources as AWS does, with the local account's values. */
export type ResourceNaming = {
  partition: string;
  region: string;
  accountId: string;
  /** The template's key schema of a table, by table name. */
  tableKeys: (tableName: string) => TableKeys | undefined;
};

/** A call the runtime cannot turn into actions and resources: refused (fail closed), saying why. */
export class UnmappableRequest extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnmappableRequest';
  }
}

/**
 * How the calls of one service (in the AWS JSON protocol, routed by `X-Amz-Target`) are
 * authorized: which IAM actions on which resources each call needs, and how the service says
 * no. A new service is one such map, added to `requests/index.ts`.
 */
export type ServiceAccessMap = {
  /** The service's prefix in IAM actions (`dynamodb`, `states`…). */
  service: string;
  /** The `X-Amz-Target` prefixes of the service's calls, e.g. `DynamoDB_20120810`. */
  targetPrefixes: readonly string[];
  /** The `__type` of the service's AccessDeniedException (the SDK keeps what follows `#`). */
  accessDeniedType: string;
  /** Service-specific condition keys the map puts in the context (others are unevaluable). */
  contextKeys: readonly string[];
  /** Every access the call needs, in the order the service checks them; throws {@link UnmappableRequest}. */
  requiredAccess: (operation: string, body: Readonly<Record<string, unknown>>, naming: ResourceNaming) => RequiredAccess[];
  /** How the service writes the action in its AccessDenied message, if not as the policy does. */
  messageAction?: (action: string) => string;
};

/** A string field of a request body, if it is one. */
export const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
