import { CfnOutput, Fn, Stack } from 'aws-cdk-lib';
import { HttpApi, HttpAuthorizer, HttpAuthorizerType, type IHttpApi, type IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { Table, type ITable } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, type IEventBus } from 'aws-cdk-lib/aws-events';
import { Topic, type ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { Budgets } from '../../functions/platform/http/caller-budgets';

/**
 * What the platform stack exports for the contexts, each under a fixed name: few and permanent,
 * because CloudFormation refuses to remove or change an export another stack still imports. A
 * context imports them by name (Fn::ImportValue), never by reference to a platform construct,
 * so no context stack reaches into the platform's construct tree and no stack depends on a context.
 */
const EXPORTS = {
  apiId: 'ApiId',
  authorizerId: 'JwtAuthorizerId',
  busArn: 'EventBusArn',
  alarmTopicArn: 'AlarmTopicArn',
  storeFiguresTableName: 'StoreFiguresTableName',
  /** The issuer and audiences (comma-separated) the JWT authorizer trusts: for an open route that verifies a token itself. */
  jwtIssuer: 'JwtIssuerUrl',
  jwtAudiences: 'JwtAudiences',
  /** The callers' budget counters: every HTTP route's function counts its caller there. */
  callerBudgetsTableName: 'CallerBudgetsTableName',
  /** The operator's inbox: each context's dead letters and failed sagas are put there. */
  inboxTableName: 'InboxTableName',
} as const;

export type PlatformExportName = keyof typeof EXPORTS;

/** The export name of one platform value for a stage: `Orderline-<stage>-<Name>`. */
export const platformExportName = (stage: string, name: PlatformExportName): string => `Orderline-${stage}-${EXPORTS[name]}`;

/** Exports the platform's values (in the platform stack). */
export function exportPlatform(stack: Stack, stage: string, values: Record<PlatformExportName, string>): void {
  for (const [name, value] of Object.entries(values) as [PlatformExportName, string][]) {
    new CfnOutput(stack, `${EXPORTS[name]}Export`, { value, exportName: platformExportName(stage, name) });
  }
}

/** The platform as a context stack sees it: imported by export name. */
export type Platform = {
  stage: string;
  /** The shared HTTP API: a context adds its own routes (see contextRoutes). */
  api: IHttpApi;
  /** The JWT authorizer every route of a context names. */
  authorizer: IHttpRouteAuthorizer;
  /** The domain event bus: a context forwards its events to it and hangs its effects off it. */
  bus: IEventBus;
  /** Where every alarm goes. */
  alarmTopic: ITopic;
  /** The event stores' figures, which every context's events are counted into. */
  storeFigures: ITable;
  /** The callers' budget counters, and the budgets (the deployment's context, not an export). */
  callerBudgets: { table: ITable; budgets: Budgets };
  /** The operator's inbox, where the context's intake and saga failure records put what needs a person. */
  inbox: ITable;
};

/** Imports the platform into a context stack. */
export function importPlatform(scope: Construct, stage: string, budgets: Budgets): Platform {
  const value = (name: PlatformExportName) => Fn.importValue(platformExportName(stage, name));
  return {
    stage,
    api: HttpApi.fromHttpApiAttributes(scope, 'PlatformApi', { httpApiId: value('apiId') }),
    authorizer: HttpAuthorizer.fromHttpAuthorizerAttributes(scope, 'PlatformJwtAuthorizer', { authorizerId: value('authorizerId'), authorizerType: HttpAuthorizerType.JWT }),
    bus: EventBus.fromEventBusArn(scope, 'PlatformBus', value('busArn')),
    alarmTopic: Topic.fromTopicArn(scope, 'PlatformAlarmTopic', value('alarmTopicArn')),
    storeFigures: Table.fromTableName(scope, 'PlatformStoreFigures', value('storeFiguresTableName')),
    callerBudgets: { table: Table.fromTableName(scope, 'PlatformCallerBudgets', value('callerBudgetsTableName')), budgets },
    inbox: Table.fromTableName(scope, 'PlatformInbox', value('inboxTableName')),
  };
}
