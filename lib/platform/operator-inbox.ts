import { Stack } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { Grant } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ENV } from '../../functions/platform/contract/environment';
import { INBOX_BY_STATE } from '../../functions/platform/inbox/inbox-item';
import type { Budgets } from '../../functions/platform/http/caller-budgets';
import { acceptFinding } from './accepted-findings';
import { bindCallerBudgets } from './caller-budgets';
import { HandlerFunction } from './handler-function';
import type { PlatformHttpApi } from './http-api';
import { inboxTable } from './inbox-table';
import { grantTable, type TableAction } from './table-access';

export type OperatorInboxProps = { stage: string; http: PlatformHttpApi; bus: IEventBus; callerBudgets: { table: ITable; budgets: Budgets } };

/**
 * The operator's inbox: its table, which each context's intake and saga failure records fill, and
 * the admins' routes over it — GET /inbox, GET /inbox/{id}, POST /inbox/{id}/retry and
 * POST /inbox/{id}/resolve — one function each, allowed what it does and no more.
 */
export class OperatorInbox extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: OperatorInboxProps) {
    super(scope, id);
    this.table = inboxTable(this, 'Items');
    const route = (name: string, path: string, method: HttpMethod, entry: string, description: string, actions: TableAction[], indexes: string[] = []) => {
      const fn = new HandlerFunction(this, name, { entry: `platform/inbox/${entry}`, description, environment: { [ENV.inboxTable]: this.table.tableName } });
      grantTable(fn, this.table, actions, indexes);
      bindCallerBudgets(fn, props.callerBudgets.table, props.callerBudgets.budgets);
      props.http.api.addRoutes({ path, methods: [method], integration: new HttpLambdaIntegration(`${name}Integration`, fn), authorizer: props.http.routeAuthorizer });
      return fn;
    };
    route('ListInbox', '/inbox', HttpMethod.GET, 'list-inbox.ts', "GET /inbox: what needs a person, newest first (admins)", ['Query'], [INBOX_BY_STATE]);
    route('GetInboxItem', '/inbox/{id}', HttpMethod.GET, 'get-inbox-item.ts', 'GET /inbox/{id}: one item with its message and history (admins)', ['GetItem']);
    route('ResolveInboxItem', '/inbox/{id}/resolve', HttpMethod.POST, 'resolve-inbox-item.ts', 'POST /inbox/{id}/resolve: a person closes an item with a note (admins)', ['GetItem', 'UpdateItem']);
    const retry = route('RetryInboxItem', '/inbox/{id}/retry', HttpMethod.POST, 'retry-inbox-item.ts', 'POST /inbox/{id}/retry: a dead letter back to its queue, or a saga to its reconciler (admins)', ['GetItem', 'UpdateItem']);
    retry.addEnvironment(ENV.eventBusName, props.bus.eventBusName);
    props.bus.grantPutEventsTo(retry);
    // The queue an item goes back to is the one its context's intake recorded (CloudFormation
    // names a queue `<stack>-<logical id>-<suffix>`): the grant names no context.
    const queues = Stack.of(this).formatArn({ service: 'sqs', resource: `Orderline-${props.stage}-*` });
    Grant.addToPrincipal({ grantee: retry, actions: ['sqs:SendMessage'], resourceArns: [queues] });
    if (retry.role) acceptFinding(retry.role, 'inboxRetry');
  }
}
