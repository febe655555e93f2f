import { createHash } from 'node:crypto';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Caller } from '../domain';
import type { ExtraPut } from '../eventstore';
import type { ApiResult } from './api-handler';
import { HttpError } from './problem';

/**
 * A client's Idempotency-Key (`clientKey`), the record's key (`key`: the client's key scoped to
 * the caller and the route, hashed to a bounded size) and a fingerprint of the request's body.
 */
export type IdempotentRequest = { key: string; clientKey: string; requestHash: string };

type StoredResponse = { key: string; requestHash: string; response: ApiResult; expiresAt: number };

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** How long a key is remembered (the table's TTL deletes it after). */
const TTL_SECONDS = 24 * 60 * 60;

/**
 * Reads the Idempotency-Key header, if any; a malformed key is a 400. Keys are the caller's own
 * and the route's own: another caller's key (or the same key on another route) is another key,
 * so a replay can never hand one customer the answer given to another.
 */
export function idempotentRequest(event: APIGatewayProxyEventV2, caller: Caller): IdempotentRequest | undefined {
  const clientKey = event.headers['idempotency-key'];
  if (clientKey === undefined) return undefined;
  if (!KEY_PATTERN.test(clientKey)) throw new HttpError(400, 'Invalid request', 'Idempotency-Key must be 1–255 visible ASCII characters (a UUID is a good choice)');
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
  const body = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
  const key = sha256(JSON.stringify([caller.id, event.requestContext.http.method, event.rawPath, clientKey]));
  return { key, clientKey, requestHash: sha256(body) };
}

/**
 * Remembers the first response to each Idempotency-Key. The record is written in the same
 * transaction as the command's events, so "appended" and "remembered" cannot disagree.
 */
export function createIdempotencyStore(client: DynamoDBDocumentClient, tableName: string) {
  return {
    /** The first response to this key, or undefined; the same key with another request is a 422. */
    async replay(request: IdempotentRequest, now = Date.now()): Promise<ApiResult | undefined> {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: { key: request.key }, ConsistentRead: true }));
      const stored = Item as StoredResponse | undefined;
      // TTL deletes an expired key within days, not at once: until then it counts as absent.
      if (!stored || stored.expiresAt <= Math.floor(now / 1000)) return undefined;
      if (stored.requestHash !== request.requestHash) {
        throw new HttpError(422, 'Idempotency key reused', `Idempotency-Key ${request.clientKey} was used for a different request; use a new key for a new request`);
      }
      return stored.response;
    },

    /** The put that remembers `response`, for the command's transaction. */
    record(request: IdempotentRequest, response: ApiResult, now = Date.now()): ExtraPut {
      const nowSeconds = Math.floor(now / 1000);
      const item: StoredResponse = { ...request, response, expiresAt: nowSeconds + TTL_SECONDS };
      // An expired record not yet deleted by TTL may be replaced.
      return { tableName, item, condition: 'attribute_not_exists(#key) OR expiresAt <= :now', names: { '#key': 'key' }, values: { ':now': nowSeconds } };
    },
  };
}

export type IdempotencyStore = ReturnType<typeof createIdempotencyStore>;
