import { DEFAULT_CALLER_BUDGETS } from './caller-budgets';
import { checkedOrigins } from './cors';
import { parseBudgets, type Budgets } from '../../functions/platform/http/caller-budgets';
import type { Throttle } from './http-api';
import { SAGA_TYPES, type SagaType } from './saga-state-machine';
import type { IdentityProps } from './identity';
import { LOG_LEVELS, type LogLevel } from '../../functions/platform/observability/powertools-settings';

/** Each saga's workflow type, by saga (`order`, `transfer`): Standard unless `-c sagaType=express` or `-c <saga>SagaType=express`. */
export type SagaTypes = (saga: string) => SagaType;

export type StackContext = { sagaTypes: SagaTypes; stage: string; identity?: IdentityProps; throttle: Throttle; alarmEmail?: string; logLevel: LogLevel; corsOrigins?: string[]; callerBudgets: Budgets };

/**
 * The stack's settings from CDK context (`-c key=value` or cdk.json):
 * `stage` (default dev); `jwtIssuer` and `jwtAudience` (comma-separated) for another OIDC issuer
 * than the stack's own Cognito user pool; `throttleRate` and `throttleBurst` for the stage;
 * `alarmEmail`, the address the alarm topic e-mails (it must confirm the subscription);
 * `logLevel`, the functions' log level (DEBUG, INFO, WARN or ERROR; default INFO);
 * `corsOrigins` (comma-separated), the web origins whose pages may call the API (none by default:
 * no CORS configuration; `npm start` passes the local origins); `callerBudgets`, each caller's
 * requests a minute by tier and route group as JSON (functions/platform/http/caller-budgets.ts;
 * default {@link DEFAULT_CALLER_BUDGETS}); `sagaType` (standard or express, default standard) for
 * every saga, or `<saga>SagaType` (`orderSagaType`, `transferSagaType`) for one.
 */
export function stackContext(get: (key: string) => unknown, defaults: Throttle): StackContext {
  const text = (key: string) => {
    const value = get(key);
    return value === undefined || value === '' ? undefined : String(value);
  };
  const count = (key: string, fallback: number) => {
    const value = text(key);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < 1) throw new Error(`context ${key} must be a whole number of at least 1 (got ${value})`);
    return n;
  };
  const email = (key: string) => {
    const value = text(key);
    // Refused at synth, not halfway through a deployment (SNS rejects a malformed endpoint).
    if (value !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) throw new Error(`context ${key} must be an e-mail address (got ${value})`);
    return value;
  };
  const level = (key: string): LogLevel => {
    const value = text(key)?.toUpperCase() ?? 'INFO';
    const known = LOG_LEVELS.find((l) => l === value);
    if (!known) throw new Error(`context ${key} must be one of ${LOG_LEVELS.join(', ')} (got ${value})`);
    return known;
  };
  const sagaType = (key: string, fallback: SagaType): SagaType => {
    const value = text(key)?.toLowerCase() ?? fallback;
    const known = SAGA_TYPES.find((t) => t === value);
    if (!known) throw new Error(`context ${key} must be one of ${SAGA_TYPES.join(', ')} (got ${value})`);
    return known;
  };
  const everySaga = sagaType('sagaType', 'standard');
  const issuer = text('jwtIssuer');
  const list = (key: string) => text(key)?.split(',').map((a) => a.trim()).filter(Boolean);
  const audience = list('jwtAudience');
  const origins = list('corsOrigins');
  if (!issuer !== !audience) throw new Error('give both jwtIssuer and jwtAudience (-c jwtIssuer=https://… -c jwtAudience=…), or neither for the Cognito user pool');
  return {
    sagaTypes: (saga) => sagaType(`${saga}SagaType`, everySaga),
    stage: text('stage') ?? 'dev',
    identity: issuer ? { issuer, audience } : undefined,
    throttle: { rateLimit: count('throttleRate', defaults.rateLimit), burstLimit: count('throttleBurst', defaults.burstLimit) },
    alarmEmail: email('alarmEmail'),
    logLevel: level('logLevel'),
    ...(origins?.length ? { corsOrigins: checkedOrigins(origins) } : {}),
    callerBudgets: budgets(text('callerBudgets')),
  };
}

/** The budgets of `-c callerBudgets=<json>`, refused at synth when malformed; the defaults without it. */
function budgets(json: string | undefined): Budgets {
  if (json === undefined) return DEFAULT_CALLER_BUDGETS;
  try {
    return parseBudgets(json);
  } catch (error) {
    throw new Error(`context callerBudgets must be JSON such as {"default":{"commands":300,"queries":1200},"free":{"commands":60}} (got ${json}): ${String(error)}`);
  }
}
