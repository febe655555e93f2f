import * as z from '../zod';
import { Health } from '../../queries/health-schema';
import { Ready } from '../../queries/readiness-schema';
import { SagaListing, SagaListingQuery } from '../../queries/saga-listing';
import type { ApiOperation } from './operation';

/** The document itself, as `GET /openapi.json` answers it. */
const OpenApiDocumentSchema = z.looseObject({ openapi: z.string(), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) });

/** The platform's own routes: liveness, this document, and the sagas of every context. */
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
];
