import { CfnOutput, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpNoneAuthorizer, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acceptFinding } from './accepted-findings';
import type { EventStore } from './event-store';
import type { StockLevels } from '../orders/stock-levels';
import { HandlerFunction } from './handler-function';
import type { Identity } from './identity';
import type { Notifications } from '../orders/notifications';
import type { OrderSaga } from '../orders/order-saga';
import type { PaymentMethods } from '../orders/payment-methods';
import type { ReadModels } from '../orders/read-models';
import type { TransferSaga } from '../bank/transfer-saga';

/** Stage throttling (per route, across callers): steady requests per second and burst. */
export type Throttle = { rateLimit: number; burstLimit: number };

/** Enough for a busy shop, low enough that a flood is refused at the edge, not in the tables. */
export const DEFAULT_THROTTLE: Throttle = { rateLimit: 500, burstLimit: 1000 };

export type HttpApiProps = {
  eventStore: EventStore;
  stock: StockLevels;
  readModels: ReadModels;
  saga: OrderSaga;
  transferSaga: TransferSaga;
  notifications: Notifications;
  paymentMethods: PaymentMethods;
  identity: Identity;
  throttle: Throttle;
};

/** What a route's function may touch; who may call it is decided in the handler (functions/domain/access.ts). */
type Binding = 'command' | 'product-command' | 'place' | 'history' | 'orders' | 'products' | 'stats' | 'saga' | 'saga-list' | 'notifications' | 'accounts' | 'transfers' | 'transfer';
type Route = { method: HttpMethod; path: string; id: string; entry: string; description: string; binding: Binding };

/** The routes: commands append to the store, queries read the views, history reads the store. */
const ROUTES: Route[] = [
  { method: HttpMethod.POST, path: '/products', id: 'AddProduct', entry: 'orders/commands/add-product.ts', description: 'POST /products: adds a product with its stock (admins)', binding: 'product-command' },
  { method: HttpMethod.POST, path: '/products/{sku}/restock', id: 'Restock', entry: 'orders/commands/restock.ts', description: 'POST /products/{sku}/restock: adds stock (admins)', binding: 'product-command' },
  { method: HttpMethod.GET, path: '/products', id: 'ListProducts', entry: 'orders/queries/list-products.ts', description: 'GET /products: the catalogue, a page at a time', binding: 'products' },
  { method: HttpMethod.GET, path: '/products/{sku}', id: 'GetProduct', entry: 'orders/queries/get-product.ts', description: 'GET /products/{sku}: one product with its stock', binding: 'products' },
  { method: HttpMethod.POST, path: '/orders', id: 'CreateOrder', entry: 'orders/commands/create-order.ts', description: "POST /orders: creates a draft order for the caller", binding: 'command' },
  { method: HttpMethod.POST, path: '/orders/{id}/items', id: 'AddItem', entry: 'orders/commands/add-item.ts', description: 'POST /orders/{id}/items: adds a line to a draft', binding: 'command' },
  { method: HttpMethod.DELETE, path: '/orders/{id}/items/{sku}', id: 'RemoveItem', entry: 'orders/commands/remove-item.ts', description: 'DELETE /orders/{id}/items/{sku}: removes a line from a draft', binding: 'command' },
  { method: HttpMethod.POST, path: '/orders/{id}/place', id: 'PlaceOrder', entry: 'orders/commands/place-order.ts', description: 'POST /orders/{id}/place: places an order and starts its saga', binding: 'place' },
  { method: HttpMethod.POST, path: '/orders/{id}/cancel', id: 'CancelOrder', entry: 'orders/commands/cancel-order.ts', description: 'POST /orders/{id}/cancel: the customer cancels an order', binding: 'command' },
  { method: HttpMethod.POST, path: '/orders/{id}/ship', id: 'ShipOrder', entry: 'orders/commands/ship-order.ts', description: 'POST /orders/{id}/ship: ships a confirmed order (admins)', binding: 'command' },
  { method: HttpMethod.POST, path: '/orders/{id}/deliver', id: 'DeliverOrder', entry: 'orders/commands/deliver-order.ts', description: 'POST /orders/{id}/deliver: records the delivery (admins)', binding: 'command' },
  { method: HttpMethod.GET, path: '/orders', id: 'ListOrders', entry: 'orders/queries/list-orders.ts', description: "GET /orders: the caller's orders; any customer's, by status or all for admins", binding: 'orders' },
  { method: HttpMethod.GET, path: '/stats', id: 'GetStats', entry: 'orders/queries/get-stats.ts', description: 'GET /stats: orders by status, revenue by day, saga outcomes (admins)', binding: 'stats' },
  { method: HttpMethod.GET, path: '/orders/{id}', id: 'GetOrder', entry: 'orders/queries/get-order.ts', description: 'GET /orders/{id}: one order from the orders view', binding: 'orders' },
  { method: HttpMethod.GET, path: '/sagas', id: 'ListSagas', entry: 'platform/queries/list-sagas.ts', description: 'GET /sagas: the order or transfer sagas, newest first, by status (admins)', binding: 'saga-list' },
  { method: HttpMethod.GET, path: '/orders/{id}/saga', id: 'GetOrderSaga', entry: 'orders/queries/get-order-saga.ts', description: 'GET /orders/{id}/saga: the order saga execution and its steps (admins)', binding: 'saga' },
  { method: HttpMethod.GET, path: '/orders/{id}/notifications', id: 'GetOrderNotifications', entry: 'orders/queries/get-order-notifications.ts', description: 'GET /orders/{id}/notifications: notifications sent about an order', binding: 'notifications' },
  { method: HttpMethod.GET, path: '/orders/{id}/events', id: 'GetOrderEvents', entry: 'orders/queries/get-order-events.ts', description: 'GET /orders/{id}/events: the order stream, oldest first', binding: 'history' },
  { method: HttpMethod.POST, path: '/accounts', id: 'OpenAccount', entry: 'bank/commands/open-account.ts', description: 'POST /accounts: opens an account for the caller', binding: 'command' },
  { method: HttpMethod.POST, path: '/accounts/{id}/deposit', id: 'Deposit', entry: 'bank/commands/deposit.ts', description: 'POST /accounts/{id}/deposit: puts money into an account', binding: 'command' },
  { method: HttpMethod.POST, path: '/accounts/{id}/withdraw', id: 'Withdraw', entry: 'bank/commands/withdraw.ts', description: 'POST /accounts/{id}/withdraw: takes money out of an account', binding: 'command' },
  { method: HttpMethod.POST, path: '/accounts/{id}/close', id: 'CloseAccount', entry: 'bank/commands/close-account.ts', description: 'POST /accounts/{id}/close: closes an empty account', binding: 'command' },
  { method: HttpMethod.GET, path: '/accounts', id: 'ListAccounts', entry: 'bank/queries/list-accounts.ts', description: "GET /accounts: the caller's accounts; anyone's for admins", binding: 'accounts' },
  { method: HttpMethod.GET, path: '/accounts/{id}', id: 'GetAccount', entry: 'bank/queries/get-account.ts', description: 'GET /accounts/{id}: one account from the accounts view', binding: 'accounts' },
  { method: HttpMethod.GET, path: '/accounts/{id}/transactions', id: 'GetAccountTransactions', entry: 'bank/queries/get-account-transactions.ts', description: "GET /accounts/{id}/transactions: an account's money movements, newest first", binding: 'accounts' },
  { method: HttpMethod.GET, path: '/transactions', id: 'ListTransactions', entry: 'bank/queries/list-transactions.ts', description: "GET /transactions: every account's transactions, newest first (admins)", binding: 'accounts' },
  { method: HttpMethod.GET, path: '/accounts/{id}/events', id: 'GetAccountEvents', entry: 'bank/queries/get-account-events.ts', description: 'GET /accounts/{id}/events: the account stream, oldest first', binding: 'history' },
  { method: HttpMethod.POST, path: '/transfers', id: 'RequestTransfer', entry: 'bank/commands/request-transfer.ts', description: 'POST /transfers: asks for a transfer and starts its saga', binding: 'command' },
  { method: HttpMethod.GET, path: '/transfers', id: 'ListTransfers', entry: 'bank/queries/list-transfers.ts', description: "GET /transfers: the caller's transfers by status; anyone's for admins", binding: 'transfers' },
  { method: HttpMethod.GET, path: '/transfers/{id}', id: 'GetTransfer', entry: 'bank/queries/get-transfer.ts', description: 'GET /transfers/{id}: one transfer with its saga', binding: 'transfer' },
];

/** What answers a request that matches no route: a problem, like every other error. */
const NO_ROUTE = { id: 'NoRoute', entry: 'platform/queries/no-route.ts', description: '$default: 404 problem for unknown routes' };
/** The one route without a token: liveness for load balancers and people. */
const HEALTH = { id: 'Health', entry: 'platform/queries/health.ts', description: 'GET /health: the API answers' };

/**
 * The HTTP API (API Gateway HTTP API, payload format 2.0) with one function per route. Every
 * route but `/health` needs a JWT the identity's issuer signed for its audience (API Gateway
 * answers 401 itself otherwise); routes are throttled at the stage and access-logged.
 */
export class OrderlineHttpApi extends Construct {
  readonly api: HttpApi;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    const noRoute = new HandlerFunction(this, NO_ROUTE.id, { entry: NO_ROUTE.entry, description: NO_ROUTE.description });
    this.api = new HttpApi(this, 'Api', {
      apiName: `${Stack.of(this).stackName}-api`,
      description: 'Orderline commands and queries',
      defaultIntegration: new HttpLambdaIntegration('NoRouteIntegration', noRoute),
      defaultAuthorizer: new HttpJwtAuthorizer('Jwt', props.identity.issuer, { jwtAudience: props.identity.audience }),
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    // No X-Ray tracing here: API Gateway traces REST APIs only, and an HTTP API stage has no such
    // setting. A request's trace starts at its function (active tracing, lib/handler-function.ts).
    this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // Who called what and how it went; never a header, a body or a token.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            caller: '$context.authorizer.claims.sub',
            routeKey: '$context.routeKey',
            status: '$context.status',
            authorizerError: '$context.authorizer.error',
            integrationError: '$context.integrationErrorMessage',
            latencyMs: '$context.responseLatency',
            time: '$context.requestTime',
          }),
        ),
      },
    });

    const health = new HandlerFunction(this, HEALTH.id, { entry: HEALTH.entry, description: HEALTH.description });
    for (const route of this.api.addRoutes({ path: '/health', methods: [HttpMethod.GET], integration: new HttpLambdaIntegration(`${HEALTH.id}Integration`, health), authorizer: new HttpNoneAuthorizer() })) {
      acceptFinding(route, 'publicHealthCheck');
    }

    for (const route of ROUTES) {
      const fn = new HandlerFunction(this, route.id, { entry: route.entry, description: route.description });
      this.bind(fn, route.binding, props);
      this.api.addRoutes({ path: route.path, methods: [route.method], integration: new HttpLambdaIntegration(`${route.id}Integration`, fn) });
    }
    new CfnOutput(scope, 'ApiUrl', { value: this.api.apiEndpoint });
    new CfnOutput(scope, 'JwtIssuer', { value: props.identity.issuer });
  }

  private bind(fn: LambdaFunction, binding: Binding, props: HttpApiProps): void {
    const { eventStore, readModels, saga, transferSaga, notifications, paymentMethods, stock } = props;
    switch (binding) {
      case 'command':
        return eventStore.bindAppend(fn, { idempotent: true });
      case 'product-command':
        eventStore.bindAppend(fn, { idempotent: true });
        return stock.bindCreate(fn);
      case 'place':
        eventStore.bindAppend(fn, { idempotent: true });
        return paymentMethods.bindKeep(fn);
      case 'history':
        return eventStore.bindRead(fn);
      case 'products':
        stock.bindRead(fn);
        return readModels.bindRead(fn, [binding]);
      case 'orders':
      case 'stats':
        return readModels.bindRead(fn, [binding]);
      case 'saga':
        return saga.bindInspect(fn);
      case 'saga-list':
        saga.bindList(fn);
        return transferSaga.bindList(fn);
      case 'notifications':
        notifications.bindRead(fn);
        return readModels.bindRead(fn, ['orders']);
      case 'accounts':
      case 'transfers':
        return readModels.bindRead(fn, [binding]);
      case 'transfer':
        transferSaga.bindInspect(fn);
        return readModels.bindRead(fn, ['transfers']);
    }
  }
}
