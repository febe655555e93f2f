import * as z from '../zod';

export type JsonSchema = Record<string, unknown>;

/**
 * A zod schema as JSON Schema 2020-12 (the dialect of OpenAPI 3.1): `input` for what a client sends
 * (defaults optional, before transforms), `output` for what the API answers.
 */
export function jsonSchemaOf(schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12', override: ({ jsonSchema }) => withoutFormatPattern(jsonSchema) }) as JsonSchema;
  return rest;
}

/** zod spells out a regular expression beside `format: uuid` or `date-time`: the format says it, readably. */
function withoutFormatPattern(schema: JsonSchema): void {
  if (schema.format === 'uuid' || schema.format === 'date-time') delete schema.pattern;
}
