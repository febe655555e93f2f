import { CfnOutput, Stack } from 'aws-cdk-lib';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Construct } from 'constructs';
import type { EventStore } from './event-store';
import { HandlerFunction } from './handler-function';
import type { Notifications } from './notifications';
import type { OrderSaga } from './order-saga';
import type { ReadModels } from './read-models';

export type HttpApiProps = { eventStore: EventStore; readModels: ReadModels; saga: OrderSaga; notifications: Notifications };

type Access = 'command' | 'history' | 'query' | 'saga' | 'notifications';
type Route = { method: HttpMethod; path: string; id: string; entry: string; description: string; access: Access };

/** The routes: commands append to the store, queries read the views, history reads the store. */
const ROUTES: Route[] = [
  { method: HttpMethod.POST, path: '/products', id: 'AddProduct', entry: 'commands/add-product.ts', description: 'POST /products: adds a product with its stock', access: 'command' },
  { method: HttpMethod.POST, path: '/products/{sku}/restock', id: 'Restock', entry: 'commands/restock.ts', description: 'POST /products/{sku}/restock: adds stock', access: 'command' },
  { method: HttpMethod.GET, path: '/products', id: 'ListProducts', entry: 'queries/list-products.ts', description: 'GET /products: the catalogue, a page at a time', access: 'query' },
  { method: HttpMethod.GET, path: '/products/{sku}', id: 'GetProduct', entry: 'queries/get-product.ts', description: 'GET /products/{sku}: one product with its stock', access: 'query' },
  { method: HttpMethod.POST, path: '/orders', id: 'CreateOrder', entry: 'commands/create-order.ts', description: 'POST /orders: creates a draft order', access: 'command' },
  { method: HttpMethod.POST, path: '/orders/{id}/items', id: 'AddItem', entry: 'commands/add-item.ts', description: 'POST /orders/{id}/items: adds a line to a draft', access: 'command' },
  { method: HttpMethod.DELETE, path: '/orders/{id}/items/{sku}', id: 'RemoveItem', entry: 'commands/remove-item.ts', description: 'DELETE /orders/{id}/items/{sku}: removes a line from a draft', access: 'command' },
  { method: HttpMethod.POST, path: '/orders/{id}/place', id: 'PlaceOrder', entry: 'commands/place-order.ts', description: 'POST /orders/{id}/place: places an order and starts its saga', access: 'command' },
  { method: HttpMethod.POST, path: '/orders/{id}/cancel', id: 'CancelOrder', entry: 'commands/cancel-order.ts', description: 'POST /orders/{id}/cancel: the customer cancels an order', access: 'command' },
  { method: HttpMethod.POST, path: '/orders/{id}/ship', id: 'ShipOrder', entry: 'commands/ship-order.ts', description: 'POST /orders/{id}/ship: ships a confirmed order', access: 'command' },
  { method: HttpMethod.POST, path: '/orders/{id}/deliver', id: 'DeliverOrder', entry: 'commands/deliver-order.ts', description: 'POST /orders/{id}/deliver: records the delivery', access: 'command' },
  { method: HttpMethod.GET, path: '/orders', id: 'ListOrders', entry: 'queries/list-orders.ts', description: 'GET /orders: orders by customer or status, newest first', access: 'query' },
  { method: HttpMethod.GET, path: '/stats', id: 'GetStats', entry: 'queries/get-stats.ts', description: 'GET /stats: orders by status, revenue by day, saga outcomes', access: 'query' },
  { method: HttpMethod.GET, path: '/orders/{id}', id: 'GetOrder', entry: 'queries/get-order.ts', description: 'GET /orders/{id}: one order from the orders view', access: 'query' },
  { method: HttpMethod.GET, path: '/orders/{id}/saga', id: 'GetOrderSaga', entry: 'queries/get-order-saga.ts', description: 'GET /orders/{id}/saga: the order saga execution and its steps', access: 'saga' },
  { method: HttpMethod.GET, path: '/orders/{id}/notifications', id: 'GetOrderNotifications', entry: 'queries/get-order-notifications.ts', description: 'GET /orders/{id}/notifications: notifications sent about an order', access: 'notifications' },
  { method: HttpMethod.GET, path: '/orders/{id}/events', id: 'GetOrderEvents', entry: 'queries/get-order-events.ts', description: 'GET /orders/{id}/events: the order stream, oldest first', access: 'history' },
];

/** What answers a request that matches no route: a problem, like every other error. */
const NO_ROUTE = { id: 'NoRoute', entry: 'queries/no-route.ts', description: '$default: 404 problem for unknown routes' };

/** The HTTP API (API Gateway HTTP API, payload format 2.0) with one function per route. */
export class OrderlineHttpApi extends Construct {
  readonly api: HttpApi;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    const noRoute = new HandlerFunction(this, NO_ROUTE.id, { entry: NO_ROUTE.entry, description: NO_ROUTE.description });
    this.api = new HttpApi(this, 'Api', {
      apiName: `${Stack.of(this).stackName}-api`,
      description: 'Orderline commands and queries',
      defaultIntegration: new HttpLambdaIntegration('NoRouteIntegration', noRoute),
    });
    for (const route of ROUTES) {
      const fn = new HandlerFunction(this, route.id, { entry: route.entry, description: route.description });
      const bind: Record<Access, () => void> = {
        command: () => props.eventStore.bindAppend(fn),
        history: () => props.eventStore.bindRead(fn),
        query: () => props.readModels.bindRead(fn),
        saga: () => props.saga.bindInspect(fn),
        notifications: () => {
          props.notifications.bindRead(fn);
          props.readModels.bindRead(fn);
        },
      };
      bind[route.access]();
      this.api.addRoutes({
        path: route.path,
        methods: [route.method],
        integration: new HttpLambdaIntegration(`${route.id}Integration`, fn),
      });
    }
    new CfnOutput(scope, 'ApiUrl', { value: this.api.apiEndpoint });
  }
}
