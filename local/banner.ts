import { CONSOLE_PATH } from './console/console-path';
import { EXPLORER_PATH } from './explorer/explorer-path';
import type { LocalSystem } from './system';

/** Ready-to-paste tokens for the walkthrough: a customer's (`sub` c-1) and an admin's (group `admin`). */
export type BannerTokens = { customer: string; admin: string };

/**
 * What `npm start` prints once the system is up: where it is, tokens to call it with when its
 * API has a JWT authorizer, and a walkthrough to paste (the admin adds a product, the customer
 * orders it).
 */
export function banner(system: LocalSystem, startupMs: number, tokens?: BannerTokens): string {
  const api = system.apiUrl;
  const as = (who: 'CUSTOMER' | 'ADMIN') => (tokens ? ` -H "authorization: Bearer $${who}"` : '');
  const json = `-H 'content-type: application/json'`;
  const auth = system.auth;
  const identity =
    auth && tokens
      ? `  OIDC issuer     ${auth.issuer}   (audience ${auth.audiences.join(', ')}${auth.discoveryUrl ? `; discovery ${auth.discoveryUrl}` : '; stood in for locally'})

Tokens, valid 24 h (mint more: npm run token -- --customer <id>   or   npm run token -- --admin):
  CUSTOMER=${tokens.customer}
  ADMIN=${tokens.admin}
`
      : '';
  return `
Orderline is running locally (${stacksLine(system.stackNames)}, ready in ${(startupMs / 1000).toFixed(1)} s)

  HTTP API        ${api}
  AWS endpoint    ${system.edgeUrl}   (Step Functions, EventBridge; AWS_ENDPOINT_URL for SDK clients)
  DynamoDB Local  ${system.dynamodbEndpoint}
  IAM             ${iamLine(system)}
  Live reload     ${system.liveReload ? 'on: a saved change under functions/ runs on the next invocation (lib/ or bin/: restart)' : 'off (--no-reload): restart to run changed code'}
  API explorer    ${system.edgeUrl}${EXPLORER_PATH}/   (the OpenAPI document, ${api}/openapi.json, rendered; Authorize with a token below)
  Saga console    ${system.edgeUrl}${CONSOLE_PATH}/   (every state machine's executions; each one's graph and path)
  Operator inbox  ${system.edgeUrl}${CONSOLE_PATH}/inbox   (what needs a person: failed compensations, dead letters; npm run -s inbox -- list)
  Metrics         ${system.edgeUrl}/_local/metrics   (the business metrics the functions emitted)
  Logs            ${system.edgeUrl}/_local/logs?correlationId=…   (or orderId=; in the terminal: npm start -- --order-id <id>)
${identity}
Try it (paste as is, after the token lines; details in README.md):
  API=${api}
  curl -s $API/health; echo                 # no token needed
  curl -s -X POST $API/products${as('ADMIN')} ${json} \\
    -d '{"sku":"KB-1","name":"Keyboard","price":{"amount":4999,"currency":"EUR"},"stock":5}'; echo
  ORDER=$(curl -s -X POST $API/orders${as('CUSTOMER')} ${json} \\
    -d '{"currency":"EUR","items":[{"sku":"KB-1","quantity":2}]}' \\
    | node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8")).orderId')
  curl -s -X POST $API/orders/$ORDER/place${as('CUSTOMER')} ${json} -d '{"paymentMethod":"tok_visa"}'; echo
  curl -s $API/orders/$ORDER${as('CUSTOMER')}; echo          # "status":"confirmed" a moment later
  curl -s $API/orders/$ORDER/events${as('CUSTOMER')}; echo   # OrderCreated, OrderPlaced, OrderConfirmed
  curl -s $API/orders/$ORDER/saga${as('ADMIN')}; echo        # the saga's path (admins): ReserveStock, ChargePayment, CommitStock, ConfirmOrder…
  curl -s $API/orders/$ORDER/notifications${as('CUSTOMER')}; echo   # "Your order is confirmed." (through EventBridge)
  curl -s "${system.edgeUrl}/_local/logs?orderId=$ORDER"; echo      # every function's log lines for it, one correlation id
  curl -s $API/products/KB-1${as('CUSTOMER')}; echo          # "sold":2, "available":3

Ctrl-C stops everything.
`;
}

/** Every stack run, in the order they started (each after those it depends on). */
function stacksLine(stackNames: readonly string[]): string {
  return stackNames.length === 1 ? `stack ${stackNames[0]}` : `stacks ${stackNames.join(', ')}`;
}

/** Whether the assembly's IAM is enforced, and what of it was loaded. */
function iamLine(system: LocalSystem): string {
  const { enforced, summary } = system.iam;
  if (!enforced || !summary) return 'NOT enforced (--no-iam): a missing grant shows up only in AWS';
  return `enforced from the ${system.stackNames.length === 1 ? 'template' : 'templates'} (${summary.policies} policies, ${summary.statements} statements on ${summary.roles} roles; denials logged as "iam: AccessDeniedException")`;
}
