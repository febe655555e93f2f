import type * as z from '../zod';
import { RESPONSE_HEADERS, REQUEST_HEADERS } from './headers';
import { jsonSchemaOf, type JsonSchema } from './json-schema';
import type { ApiOperation, ResponseSpec } from './operation';
import { EVERY_ROUTE_PROBLEMS, GATEWAY_STATUSES, GatewayMessageSchema, PROBLEM_TITLES, ProblemSchema, SIGNED_IN_PROBLEMS } from './problem-schema';

export type OpenApiDocument = { openapi: '3.1.0'; paths: Record<string, Record<string, Record<string, unknown>>> } & Record<string, unknown>;

export type DocumentInfo = { title: string; version: string; description: string };

const BEARER = 'bearerJwt';
const ref = (kind: string, name: string) => ({ $ref: `#/components/${kind}/${name}` });

/**
 * The OpenAPI 3.1 document of the operations the contexts and the platform describe: each
 * operation's parameters, body and answers from its zod schemas, every error as a problem
 * document (or, where API Gateway answers itself, its `{"message"}`), the headers and the JWT
 * bearer scheme. The platform composes no context: the caller hands every part in.
 */
export function openApiDocument(info: DocumentInfo, operations: readonly ApiOperation[], schemas: Readonly<Record<string, z.ZodMiniType>> = {}): OpenApiDocument {
  const names = new Map(Object.entries(schemas).map(([name, schema]) => [schema, name]));
  // A named schema is written once, under components, and referred to wherever an answer has it.
  const schemaOf = (schema: z.ZodMiniType) => (names.has(schema) ? ref('schemas', names.get(schema)!) : jsonSchemaOf(schema, 'output'));
  const paths: OpenApiDocument['paths'] = {};
  for (const operation of [...operations].sort((a, b) => a.path.localeCompare(b.path))) {
    const item = (paths[operation.path] ??= {});
    if (item[operation.method]) throw new Error(`${operation.method.toUpperCase()} ${operation.path} is described twice`);
    item[operation.method] = operationObject(operation, schemaOf);
  }
  return {
    openapi: '3.1.0',
    info: { ...info, license: { name: 'MIT', identifier: 'MIT' } },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    security: [{ [BEARER]: [] }],
    paths,
    components: {
      securitySchemes: {
        [BEARER]: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An access or ID token of the Cognito user pool (locally: `npm run token`). Admins are in the `admin` group.' },
      },
      schemas: {
        Problem: jsonSchemaOf(ProblemSchema, 'output'),
        GatewayMessage: jsonSchemaOf(GatewayMessageSchema, 'output'),
        ...Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, jsonSchemaOf(schema, 'output')])),
      },
      // Each error status once, as a problem (and as API Gateway's `{"message"}` where it answers itself).
      responses: Object.fromEntries(Object.keys(PROBLEM_TITLES).map((status) => [`Problem${status}`, problemResponse(Number(status))])),
      headers: Object.fromEntries(Object.entries(RESPONSE_HEADERS).map(([key, { name: _name, ...header }]) => [key, header])),
      parameters: REQUEST_HEADERS,
    },
  };
}

function operationObject(operation: ApiOperation, schemaOf: (schema: z.ZodMiniType) => unknown): Record<string, unknown> {
  const problems = [...new Set([...operation.problems, ...(operation.access === 'public' ? EVERY_ROUTE_PROBLEMS : SIGNED_IN_PROBLEMS)])].sort();
  const responses: Record<string, unknown> = {};
  for (const [status, spec] of Object.entries(operation.responses)) if (spec) responses[status] = responseObject(spec, schemaOf, operation.access !== 'public');
  for (const status of problems) responses[String(status)] = ref('responses', `Problem${status}`);
  return {
    operationId: operation.operationId,
    tags: [operation.tag],
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    ...(operation.access === 'public' ? { security: [] } : {}),
    ...(operation.access === 'admin' ? { 'x-access': 'admin' } : {}),
    parameters: [...pathParameters(operation), ...queryParameters(operation), ...headerParameters(operation)],
    ...(operation.body ? { requestBody: { required: true, content: { 'application/json': withExample(jsonSchemaOf(operation.body.schema, 'input'), operation.body.example) } } } : {}),
    responses,
  };
}

function pathParameters(operation: ApiOperation): unknown[] {
  const names = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
  return names.map((name) => {
    const schema = operation.pathParameters?.[name];
    if (!schema) throw new Error(`${operation.operationId}: path parameter {${name}} has no schema`);
    return { name, in: 'path', required: true, schema: jsonSchemaOf(schema, 'input') };
  });
}

function queryParameters(operation: ApiOperation): unknown[] {
  if (!operation.query) return [];
  const schema = jsonSchemaOf(operation.query, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({ name, in: 'query', required: schema.required?.includes(name) ?? false, schema: property }));
}

function headerParameters(operation: ApiOperation): unknown[] {
  const idempotency = operation.idempotencyKey && (operation.idempotencyKey === 'required' ? { ...REQUEST_HEADERS.IdempotencyKey, required: true } : ref('parameters', 'IdempotencyKey'));
  return [ref('parameters', 'CorrelationId'), ...(operation.ifMatch ? [ref('parameters', 'IfMatch')] : []), ...(idempotency ? [idempotency] : []), ...(operation.preferWait ? [ref('parameters', 'Prefer')] : [])];
}

/** `correlated`: the answer comes through the route middleware, which echoes the correlation id (the public routes answer without it). */
function responseObject(spec: ResponseSpec, schemaOf: (schema: z.ZodMiniType) => unknown, correlated: boolean): Record<string, unknown> {
  return {
    description: spec.description,
    headers: headersOf([...(spec.headers ?? [])], correlated),
    ...(spec.schema ? { content: { 'application/json': withExample(schemaOf(spec.schema), spec.example) } } : {}),
  };
}

function problemResponse(status: number): Record<string, unknown> {
  const problem = { schema: ref('schemas', 'Problem') };
  return {
    description: PROBLEM_TITLES[status] ?? 'A problem',
    headers: headersOf(status === 503 ? ['retry-after'] : []),
    content: { 'application/problem+json': problem, ...(GATEWAY_STATUSES.has(status) ? { 'application/json': { schema: ref('schemas', 'GatewayMessage') } } : {}) },
  };
}

function headersOf(names: (keyof typeof RESPONSE_HEADERS)[], correlated = true): Record<string, unknown> {
  return Object.fromEntries([...names, ...(correlated ? ['correlation-id' as const] : [])].map((name) => [RESPONSE_HEADERS[name].name, ref('headers', name)]));
}

function withExample(schema: unknown, example: unknown): Record<string, unknown> {
  return example === undefined ? { schema } : { schema, example };
}
