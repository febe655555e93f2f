import { METRICS_NAMESPACE, METRICS_SERVICE } from './metric-names';

/** The log levels a deployment may choose (`-c logLevel=`), as Powertools Logger names them. */
export const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The environment every function gets for Powertools (the stack sets it, the logger and metrics
 * read it): one service name, one metrics namespace, and the log level of the deployment.
 * Pure constants, shared by lib/ and functions/.
 */
export function powertoolsEnvironment(logLevel: LogLevel): Record<string, string> {
  return { POWERTOOLS_SERVICE_NAME: METRICS_SERVICE, POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE, [LOG_LEVEL_VARIABLE]: logLevel };
}

/** The variable Powertools Logger takes its level from. */
export const LOG_LEVEL_VARIABLE = 'POWERTOOLS_LOG_LEVEL';
