import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { requireEnv } from '../config';
import { ENV } from '../contract/environment';
import { routeHandler } from '../http/api-handler';
import { requestCaller } from '../http/caller';
import { pathParameter } from '../http/path-parameter';
import { json } from '../http/responses';
import { inboxFromEnv } from './inbox-from-env';
import { InboxItemId } from './inbox-schemas';
import { viewOf } from './inbox-views';
import { retryItem } from './retry-item';

const inbox = inboxFromEnv();
const clients = { sqs: new SQSClient({}), events: new EventBridgeClient({}), busName: requireEnv(ENV.eventBusName) };

/**
 * POST /inbox/{id}/retry (admins): a dead letter goes back to the queue it came from (200, done);
 * a failed saga's remaining work is asked of its context's reconciler (202; the item records the
 * outcome). Once at a time: a retry under way answers 409; an item already done, 200 unchanged.
 */
export const handler = routeHandler('admin', async (event) => {
  const itemId = pathParameter(event, 'id', InboxItemId);
  const outcome = await retryItem(inbox, itemId, `admin:${requestCaller(event).id}`, clients);
  return json(outcome.status, viewOf(outcome.item));
});
