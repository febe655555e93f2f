import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import standaloneCode from 'ajv/dist/standalone';
import addFormats from 'ajv-formats';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { keep, keptBuilds } from './kept-builds';

type Json = Record<string, any>;
type Operation = { method: string; template: string; pattern: RegExp; responses: Json };

/** Where {@link contract} keeps the compiled validators of the committed document. */
const CONTRACT_CACHE = keptBuilds('orderline-contract');
const AJV_VERSION = (require('ajv/package.json') as { version: string }).version;

/** Where a response broke the contract, said so a reader can fix the document or the handler. */
export class ContractViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContractViolation';
  }
}

/** The validator of the schema at a JSON pointer (URI-fragment encoded) of the document. */
type Validators = (pointer: string) => ValidateFunction;

/**
 * The API's contract, an OpenAPI document: checks a response against the operation its request
 * matched: the status is one the operation documents, the content type one that status documents,
 * and the body valid by its schema. The validators are compiled as they are needed, unless given.
 */
export function apiContract(document: Json, validatorAt: Validators = compiledValidators(document)) {
  const operations = operationsOf(document);
  const resolve = (object: Json): Json => resolved(document, object);

  return {
    /** Throws a {@link ContractViolation} unless the response is one the document allows for this request. */
    check(method: string, url: string, response: { status: number; contentType: string | null; body: unknown }): void {
      const path = new URL(url, 'http://api').pathname;
      const operation = operations.find((candidate) => candidate.method === method.toUpperCase() && candidate.pattern.test(path));
      const what = `${method.toUpperCase()} ${path} answered ${response.status}`;
      if (!operation) {
        // No route: the `$default` route's 404 problem, or API Gateway's own answer (401 without a token).
        if ([404, 401, 405].includes(response.status)) return;
        throw new ContractViolation(`${what}, but the document has no operation for it`);
      }
      const name = `${operation.method} ${operation.template}`;
      const documented = operation.responses[String(response.status)];
      if (!documented) throw new ContractViolation(`${what}: status ${response.status} is not documented for ${name} (documented: ${Object.keys(operation.responses).join(', ')})`);
      const content = resolve(documented).content as Json | undefined;
      if (!content) {
        if (response.body === undefined) return;
        throw new ContractViolation(`${what}: ${name} documents no body for ${response.status}, but one came`);
      }
      const type = (response.contentType ?? '').split(';')[0]!.trim().toLowerCase();
      if (!(type in content)) throw new ContractViolation(`${what}: content type "${type}" is not documented for ${name} ${response.status} (documented: ${Object.keys(content).join(', ')})`);
      const validate = validatorAt(responseSchemaPointer(operation, String(response.status), documented, type));
      if (!validate(response.body)) {
        const errors = (validate.errors ?? []).map((error) => `${error.instancePath || '(body)'} ${error.message}${error.params && 'additionalProperty' in error.params ? ` "${error.params.additionalProperty}"` : ''}`);
        throw new ContractViolation(`${what}: the body does not match the schema of ${name} ${response.status} ${type}:\n  ${errors.join('\n  ')}\nbody: ${JSON.stringify(response.body).slice(0, 2000)}`);
      }
    },
    /** Checks a value against the schema at a pointer of the document (e.g. an example against its schema); the errors, if any. */
    errorsAt(pointer: string, value: unknown): string[] {
      const validate = validatorAt(pointer);
      return validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '(value)'} ${error.message}`);
    },
  };
}

function operationsOf(document: Json): Operation[] {
  return Object.entries(document.paths as Json).flatMap(([template, item]) =>
    Object.entries(item as Json).map(([method, operation]) => ({
      method: method.toUpperCase(),
      template,
      // A static segment wins over a parameter: /orders/{id} never matches /orders.
      pattern: new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`),
      responses: (operation as Json).responses,
    })),
  );
}

/** Where the schema of a documented response's body is, for one content type (its own, or the shared response's it refers to). */
function responseSchemaPointer(operation: Operation, status: string, documented: Json, type: string): string {
  return documented.$ref
    ? `${String(documented.$ref).slice(1)}/content/${escape(type)}/schema`
    : `/paths/${escape(operation.template)}/${operation.method.toLowerCase()}/responses/${status}/content/${escape(type)}/schema`;
}

/** Every pointer a check may validate a body against: each documented response's schema, for each content type. */
function responseSchemaPointers(document: Json): string[] {
  const pointers = operationsOf(document).flatMap((operation) =>
    Object.entries(operation.responses as Json).flatMap(([status, documented]) =>
      Object.keys((resolved(document, documented as Json).content as Json | undefined) ?? {}).map((type) => responseSchemaPointer(operation, status, documented as Json, type)),
    ),
  );
  return [...new Set(pointers)];
}

function ajvFor(document: Json, options: { source: boolean }): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true, code: { source: options.source } });
  addFormats(ajv);
  ajv.addSchema(document, 'openapi');
  return ajv;
}

/** Validators compiled by ajv on first use. */
function compiledValidators(document: Json): Validators {
  let ajv: Ajv2020 | undefined;
  const validators = new Map<string, ValidateFunction>();
  return (pointer) => {
    let validate = validators.get(pointer);
    if (!validate) validators.set(pointer, (validate = (ajv ??= ajvFor(document, { source: false })).compile({ $ref: `openapi#${pointer}` })));
    return validate;
  };
}

/**
 * The validators of every response schema, compiled once for all test files: ajv's standalone code
 * for the document, kept by the hash of the document, ajv's version and this file. Compiling them
 * in each test file took about 0.3 s of CPU per file. A pointer the module lacks is compiled.
 */
function keptValidators(document: Json, text: string): Validators {
  const version = createHash('sha256').update(text).update(AJV_VERSION).update(readFileSync(__filename)).digest('hex').slice(0, 16);
  const file = join(CONTRACT_CACHE, `${version}.js`);
  if (!existsSync(file)) {
    const ajv = ajvFor(document, { source: true });
    const pointers = responseSchemaPointers(document);
    pointers.forEach((pointer, i) => ajv.addSchema({ $ref: `openapi#${pointer}` }, `response-${i}`));
    keep(file, standaloneCode(ajv, Object.fromEntries(pointers.map((pointer, i) => [pointer, `response-${i}`]))), version);
  }
  const kept = require(file) as Record<string, ValidateFunction | undefined>;
  const compiled = compiledValidators(document);
  return (pointer) => kept[pointer] ?? compiled(pointer);
}

function resolved(document: Json, object: Json): Json {
  return typeof object.$ref === 'string' ? pointerAt(document, object.$ref) : object;
}

/** A JSON pointer token, escaped (RFC 6901) and made safe in a URI fragment. */
function escape(token: string): string {
  return encodeURIComponent(token.replace(/~/g, '~0').replace(/\//g, '~1'));
}

function pointerAt(document: Json, ref: string): Json {
  return ref
    .slice(2)
    .split('/')
    .reduce((node: Json, token) => node[token.replace(/~1/g, '/').replace(/~0/g, '~')], document);
}

let shared: ReturnType<typeof apiContract> | undefined;
/**
 * One contract per test file: the committed openapi.json, the document `GET /openapi.json` serves
 * (the unit test test/system/unit/openapi.test.ts holds it equal to the document the code builds).
 */
export const contract = async (): Promise<ReturnType<typeof apiContract>> => {
  if (!shared) {
    const text = readFileSync(join(__dirname, '..', '..', 'openapi.json'), 'utf8');
    const document = JSON.parse(text) as Json;
    shared = apiContract(document, keptValidators(document, text));
  }
  return shared;
};
