import type { SFNClient } from '@aws-sdk/client-sfn';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EventSchemas } from '../../functions/platform/eventstore';
import type { ApiOperation } from '../../functions/platform/http/openapi/operation';
import type { ZodMiniType } from '../../functions/platform/http/zod';
import type { Projection, ProjectionPorts } from '../../functions/platform/projections/projection';

/** A view `npm run rebuild` can replay from its context's events table. */
export type RebuildableView = {
  /** The stack output that names the view's table. */
  output: string;
  projection: (ports: ProjectionPorts) => Projection;
};

/** What `npm run reconcile` hands a context's reconciler: the system's outputs and clients, and what the operator asked. */
export type ReconcileRun = {
  output: (name: string) => string;
  /** An output only some deployments have (an Express saga's runs table), undefined when absent. */
  optionalOutput: (name: string) => string | undefined;
  client: DynamoDBDocumentClient;
  sfn: SFNClient;
  graceMs: number;
  lookbackMs: number;
  /** Only these ids (the operator's `--<idFlag>`); every one of the window when undefined; none when empty. */
  ids?: string[];
};

/**
 * What the operator tools (tools/) can do with one bounded context: each context describes itself
 * in `lib/<context>/operations.ts`, and the tools find every context there, so a tool names no
 * context and a new context needs no change to them.
 */
export type ContextOperations = {
  name: string;
  /** The stack output naming the context's events table. */
  eventsOutput: string;
  /** The context's event schemas, to read its events in today's shapes. */
  schemas: EventSchemas;
  /** Its views, by the name `npm run rebuild -- <view>` takes. */
  views: Record<string, RebuildableView>;
  /** Its reconciler, with the flag naming the things it checks (`order` takes `--order <id>`). */
  reconcile?: { idFlag: string; run: (run: ReconcileRun) => Promise<{ findings: { repaired: boolean }[] }> };
  /** Its part of the OpenAPI document (`npm run openapi`): its operations and the answer schemas it names. */
  api: ContextApi;
  /** What it tells the bus: the aggregates its events come from (source `orderline.<aggregate>`) and the event types it publishes. */
  bus: { aggregates: readonly string[]; published: readonly string[] };
};

/** A context's part of the API document, from `functions/<context>/http/openapi.ts`. */
export type ContextApi = { operations: readonly ApiOperation[]; schemas: Readonly<Record<string, ZodMiniType>> };
