/**
 * The environment variables of the platform's blocks, set by lib/ and read by functions/, by one
 * name each: a renamed or misspelt variable fails to compile on both sides instead of failing a
 * function at its first cold start. Each context keeps its own next to its code
 * (`functions/<context>/contract/environment.ts`). Pure constants, safe to import anywhere.
 */
export const ENV = {
  eventsTable: 'EVENTS_TABLE',
  snapshotsTable: 'SNAPSHOTS_TABLE',
  idempotencyTable: 'IDEMPOTENCY_TABLE',
  /** The event stores' figures (events and streams per aggregate), shared by every context. */
  storeFiguresTable: 'STORE_FIGURES_TABLE',
  /** What every saga state machine's ARN starts with: `…:stateMachine:<prefix>`; the saga's name follows. */
  sagaArnPrefix: 'SAGA_ARN_PREFIX',
  /** An Express saga's runs table (functions/platform/saga/saga-runs.ts); unset for a Standard saga, which Step Functions keeps. */
  sagaRunsTable: 'SAGA_RUNS_TABLE',
  /** An Express saga's log group, where its executions' events are (Express has no history API). */
  sagaLogGroup: 'SAGA_LOG_GROUP',
  eventBusName: 'EVENT_BUS_NAME',
  parkedEventsQueueUrl: 'PARKED_EVENTS_QUEUE_URL',
  effectQueueUrl: 'EFFECT_QUEUE_URL',
  deadLetterQueueUrl: 'DEAD_LETTER_QUEUE_URL',
  /** Where a reconciler's long checks keep their place between runs. */
  reconcileCheckpointsTable: 'RECONCILE_CHECKPOINTS_TABLE',
  /** What GET /health/ready checks: one JSON list of dependencies per context, a line each (functions/platform/health/dependencies.ts). */
  readinessDependencies: 'READINESS_DEPENDENCIES',
  /** The issuer and audiences (comma-separated) the API's JWT authorizer trusts, for an open route that verifies a token itself. */
  jwtIssuer: 'JWT_ISSUER',
  jwtAudiences: 'JWT_AUDIENCES',
  /** The per-caller budgets (functions/platform/http/caller-budgets.ts) and the table that counts them. */
  callerBudgets: 'CALLER_BUDGETS',
  callerBudgetsTable: 'CALLER_BUDGETS_TABLE',
  /** The operator's inbox (functions/platform/inbox/), and the dead-letter queues a context's intake reads (one JSON list). */
  inboxTable: 'INBOX_TABLE',
  inboxSources: 'INBOX_SOURCES',
  /** What a context's saga failure records name as their retry (a reconciler's target on the bus, see inbox/retry-request.ts). */
  inboxRetryTarget: 'INBOX_RETRY_TARGET',
} as const;

/**
 * The variable naming a view's parked-events queue, beside the one naming its table
 * (`ORDERS_TABLE` → `ORDERS_TABLE_PARKED_QUEUE_URL`): a context's fan-out keeps several views,
 * each parking its own poison.
 */
export const parkedQueueVariable = (tableVariable: string): string => `${tableVariable}_PARKED_QUEUE_URL`;

/** The name of an environment variable: the platform's or a context's (each keeps a typed record like {@link ENV}). */
export type EnvName = string;
