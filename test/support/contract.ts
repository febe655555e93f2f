import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Json = Record<string, any>;
type Operation = { method: string; template: string; pattern: RegExp; responses: Json };

/** Where a response broke the contract, said so a reader can fix the document or the handler. */
export class ContractViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContractViolation';
  }
}

/**
 * The API's contract, an OpenAPI document: checks a response against the operation its request
 * matched: the status is one the operation documents, the content type one that status documents,
 * and the body valid by its schema.
 */
export function apiContract(document: Json) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(document, 'openapi');
  const validators = new Map<string, ValidateFunction>();
  const operations: Operation[] = Object.entries(document.paths as Json).flatMap(([template, item]) =>
    Object.entries(item as Json).map(([method, operation]) => ({
      method: method.toUpperCase(),
      template,
      // A static segment wins over a parameter: /orders/{id} never matches /orders.
      pattern: new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`),
      responses: (operation as Json).responses,
    })),
  );
  const resolve = (object: Json): Json => (typeof object.$ref === 'string' ? pointerAt(document, object.$ref) : object);
  const validatorAt = (pointer: string) => {
    let validate = validators.get(pointer);
    if (!validate) validators.set(pointer, (validate = ajv.compile({ $ref: `openapi#${pointer}` })));
    return validate;
  };

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
      const pointer = documented.$ref
        ? `${String(documented.$ref).slice(1)}/content/${escape(type)}/schema`
        : `/paths/${escape(operation.template)}/${operation.method.toLowerCase()}/responses/${response.status}/content/${escape(type)}/schema`;
      const validate = validatorAt(pointer);
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
export const contract = async (): Promise<ReturnType<typeof apiContract>> => (shared ??= apiContract(JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi.json'), 'utf8')) as Json));
