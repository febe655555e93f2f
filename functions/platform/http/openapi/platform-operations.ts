import * as z from '../zod';
import { Health } from '../../queries/health-schema';
import { Ready } from '../../queries/readiness-schema';
import { SagaListing, SagaListingQuery } from '../../queries/saga-listing';
import { InboxItemId, InboxItemView, InboxPage, InboxQuery, ResolveInboxItem } from '../../inbox/inbox-schemas';
import type { ApiOperation } from './operation';

/** The document itself, as `GET /openapi.json` answers it. */
const OpenApiDocumentSchema = z.looseObject({ openapi: z.string(), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) });

const itemExample = {
  itemId: 'dl-5f0c1d2e-7a8b-4c3d-9e0f-1a2b3c4d5e6f',
  state: 'open',
  kind: 'effect',
  source: 'StartSaga',
  concerns: { type: 'order', id: '7c0e4c38-1f5e-4c65-9a43-5b8f0d1b6a2e' },
  at: '2026-12-02T10:00:00.000Z',
  error: 'RetriesExhausted',
  cause: 'StartSaga failed on it 1000 time(s); its own log lines say why (search by the message\'s correlation id)',
  attempts: 1000,
  retryable: true,
};
const inboxItem = { id: InboxItemId };

/** The platform's own routes: liveness, this document, the sagas of every context, and the operator's inbox. */
export const PLATFORM_OPERATIONS: readonly ApiOperation[] = [
  {
    method: 'get',
    path: '/health',
    operationId: 'Health',
    tag: 'platform',
    summary: 'The API answers (no token)',
    access: 'public',
    responses: { 200: { description: 'The API answers', schema: Health, example: { status: 'ok' } } },
    problems: [],
  },
  {
    method: 'get',
    path: '/health/ready',
    operationId: 'HealthReady',
    tag: 'platform',
    summary: 'Whether every dependency of the API answers (no token; an admin token shows each check)',
    description:
      'One control-plane read of each table, saga and the bus, all at once, each bounded by 2 s. 200 when all answer; 503 problem otherwise, naming what is down (`detail`, and `checks`) only to an admin. Anonymous callers are counted by source address for the per-caller budget.',
    access: 'public',
    responses: {
      200: { description: 'Ready (with `checks` for an admin)', schema: Ready, example: { status: 'ready' } },
    },
    problems: [],
  },
  {
    method: 'get',
    path: '/openapi.json',
    operationId: 'OpenApiDocument',
    tag: 'platform',
    summary: 'This document (no token)',
    access: 'public',
    responses: { 200: { description: 'The OpenAPI 3.1 document of the API', schema: OpenApiDocumentSchema } },
    problems: [],
  },
  {
    method: 'get',
    path: '/sagas',
    operationId: 'ListSagas',
    tag: 'platform',
    summary: "One saga's executions, newest first, by status (admins)",
    description: 'From Step Functions (ListExecutions). `saga` names the saga (`order`, the default, or `transfer`); each item names what it is about as `<saga>Id`. A cursor belongs to its saga and status filter.',
    access: 'admin',
    query: SagaListingQuery,
    responses: {
      200: {
        description: 'A page of executions',
        schema: SagaListing,
        example: { items: [{ orderId: '7c0e4c38-1f5e-4c65-9a43-5b8f0d1b6a2e', status: 'SUCCEEDED', startedAt: '2026-12-02T10:00:00.000Z', stoppedAt: '2026-12-02T10:00:01.200Z' }] },
      },
    },
    problems: [400, 403],
  },
  {
    method: 'get',
    path: '/inbox',
    operationId: 'ListInbox',
    tag: 'inbox',
    summary: 'What needs a person: failed compensations and dead letters, newest first (admins)',
    description: 'Open items unless `state=done` (retried or resolved); `kind` narrows to one kind. A cursor belongs to its state and kind.',
    access: 'admin',
    query: InboxQuery,
    responses: { 200: { description: 'A page of items', schema: InboxPage, example: { items: [itemExample] } } },
    problems: [400, 403],
  },
  {
    method: 'get',
    path: '/inbox/{id}',
    operationId: 'GetInboxItem',
    tag: 'inbox',
    summary: 'One item: the message itself (personal data withheld) and its history (admins)',
    access: 'admin',
    pathParameters: inboxItem,
    responses: { 200: { description: 'The item', schema: InboxItemView, example: { ...itemExample, message: { 'detail-type': 'OrderPlaced' }, history: [{ type: 'Opened', at: '2026-12-02T10:00:00.000Z' }] } } },
    problems: [400, 403, 404],
  },
  {
    method: 'post',
    path: '/inbox/{id}/retry',
    operationId: 'RetryInboxItem',
    tag: 'inbox',
    summary: 'Retries an item: a dead letter back to its queue (200), a failed saga to its context\'s reconciler (202) (admins)',
    description: 'Once at a time: a retry under way answers 409; an item already done answers 200 unchanged. A kind that only a person can mend answers 409.',
    access: 'admin',
    pathParameters: inboxItem,
    responses: {
      200: { description: 'Retried (or already done): the item', schema: InboxItemView },
      202: { description: "Asked of the saga's context; the item records the outcome", schema: InboxItemView },
    },
    problems: [400, 403, 404, 409, 503],
  },
  {
    method: 'post',
    path: '/inbox/{id}/resolve',
    operationId: 'ResolveInboxItem',
    tag: 'inbox',
    summary: 'Closes an item with a note: who, when and why are recorded (admins)',
    description: 'The item leaves the open list and stays readable. An item already done answers 200 unchanged.',
    access: 'admin',
    pathParameters: inboxItem,
    body: { schema: ResolveInboxItem, example: { note: 'refunded by hand in the gateway console, ticket 4411' } },
    responses: { 200: { description: 'The item, resolved', schema: InboxItemView } },
    problems: [400, 403, 404],
  },
];
