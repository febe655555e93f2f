import type { LocalSystem } from './system';

/** What `npm start` prints once the system is up: where it is and how to try it. */
export function banner(system: LocalSystem, startupMs: number): string {
  const api = system.apiUrl;
  return `
Orderline is running locally (stack ${system.stackName}, ready in ${(startupMs / 1000).toFixed(1)} s)

  HTTP API        ${api}
  AWS endpoint    ${system.edgeUrl}   (Step Functions; AWS_ENDPOINT_URL for SDK clients)
  DynamoDB Local  ${system.dynamodbEndpoint}

Try it:
  curl -s -X POST ${api}/products -H 'content-type: application/json' \\
    -d '{"sku":"KB-1","name":"Keyboard","price":{"amount":4999,"currency":"EUR"},"stock":5}'
  curl -s -X POST ${api}/orders -H 'content-type: application/json' \\
    -d '{"customerId":"c-1","currency":"EUR","items":[{"sku":"KB-1","quantity":2}]}'
  ORDER=<the orderId from the answer above>
  curl -s -X POST ${api}/orders/$ORDER/place
  curl -s ${api}/orders/$ORDER            # status: confirmed
  curl -s ${api}/orders/$ORDER/events     # OrderCreated, OrderPlaced, OrderConfirmed
  curl -s ${api}/products/KB-1            # reserved: 2, available: 3

Ctrl-C stops everything.
`;
}
