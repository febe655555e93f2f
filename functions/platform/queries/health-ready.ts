import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { requireEnv } from '../config';
import { ENV } from '../contract/environment';
import { awsProbe } from '../health/aws-probe';
import { parseDependencies, type Dependency } from '../health/dependencies';
import { checkReadiness } from '../health/readiness';
import { tokenCaller } from '../health/token-caller';
import type { ApiResult } from '../http/api-handler';
import { callerBudget } from '../http/caller-budget';
import { correlation } from '../http/correlation';
import { problemResponse, problemType } from '../http/problem';
import { problemErrors } from '../http/problem-errors';
import { json } from '../http/responses';
import { logger } from '../observability/logger';
import type * as z from '../http/zod';
import type { Ready } from './readiness-schema';

/** Each check's bound: the whole answer comes within about this, well inside a load balancer's usual 5 s probe timeout. */
const CHECK_TIMEOUT_MS = 2000;

/** Read on first use: the list is the deployment's, the same for every request. */
let dependencies: Dependency[] | undefined;
const dependenciesOf = () => (dependencies ??= [...parseDependencies(requireEnv(ENV.readinessDependencies)), { kind: 'bus', name: requireEnv(ENV.eventBusName) }]);
const probe = awsProbe();
const callerOfToken = tokenCaller(requireEnv(ENV.jwtIssuer), requireEnv(ENV.jwtAudiences).split(','));

/**
 * GET /health/ready: whether the API can serve requests, from one cheap call to each dependency
 * a request needs (every context's tables and sagas, the bus), all at once. Open, like
 * GET /health: anyone learns ready (200) or not (503); an admin's token also shows each check.
 */
export const handler = middy<APIGatewayProxyEventV2, ApiResult>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(correlation())
  .use(problemErrors())
  .use(callerBudget())
  .handler(async (event) => {
    const [readiness, caller] = await Promise.all([checkReadiness(dependenciesOf(), probe, CHECK_TIMEOUT_MS), callerOfToken(event.headers?.authorization)]);
    const shown = caller?.admin ? { checks: readiness.checks } : {};
    if (readiness.ready) return json(200, { status: 'ready', ...shown } satisfies z.output<typeof Ready>);
    const down = readiness.checks.filter((check) => !check.ok);
    logger.warn('not ready', { down });
    const detail = caller?.admin
      ? `not ready: ${down.map((check) => `${check.name} (${check.detail})`).join('; ')}`
      : 'not ready: a dependency of the API does not answer (an admin token shows which)';
    return problemResponse({ type: problemType('Not ready'), title: 'Not ready', status: 503, detail, ...shown });
  });
