import type { LocalSystem } from './system';

/** What `npm start` prints once the system is up: where it is and how to try it. */
export function banner(system: LocalSystem, startupMs: number): string {
  const api = system.apiUrl;
  return `
Orderline is running locally (stack ${system.stackName}, ready in ${(startupMs / 1000).toFixed(1)} s)

  HTTP API        ${api}
  AWS endpoint    ${system.edgeUrl}   (Step Functions, EventBridge; AWS_ENDPOINT_URL for SDK clients)
  DynamoDB Local  ${system.dynamodbEndpoint}

Try it (paste as is; details in README.md):
  API=${api}
  curl -s -X POST $API/products -H 'content-type: application/json' \\
    -d '{"sku":"KB-1","name":"Keyboard","price":{"amount":4999,"currency":"EUR"},"stock":5}'; echo
  ORDER=$(curl -s -X POST $API/orders -H 'content-type: application/json' \\
    -d '{"customerId":"c-1","currency":"EUR","items":[{"sku":"KB-1","quantity":2}]}' \\
    | node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8")).orderId')
  curl -s -X POST $API/orders/$ORDER/place -H 'content-type: application/json' -d '{"paymentMethod":"tok_visa"}'; echo
  curl -s $API/orders/$ORDER; echo          # "status":"confirmed" a moment later
  curl -s $API/orders/$ORDER/events; echo   # OrderCreated, OrderPlaced, OrderConfirmed
  curl -s $API/orders/$ORDER/saga; echo     # the saga's path: ReserveStock, ChargePayment, ConfirmOrder, CommitStock…
  curl -s $API/orders/$ORDER/notifications; echo   # "Your order is confirmed." (through EventBridge)
  curl -s $API/products/KB-1; echo          # "sold":2, "available":3

Ctrl-C stops everything.
`;
}
