import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenApiDocument } from '../../../functions/platform/http/openapi/document';
import { apiDocument, documentText } from '../../../tools/openapi/api-document';
import { synthTemplates } from '../../support/app';
import { apiContract, contract as keptContract } from '../../support/contract';

const ROOT = join(__dirname, '..', '..', '..');
let document: OpenApiDocument;
beforeAll(async () => {
  document = await apiDocument();
});
const operationsOf = (doc: OpenApiDocument) => Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
/** The app's routes (API Gateway route keys, `$default` aside) the document lacks, and the operations no stack routes. */
const mismatch = (doc: OpenApiDocument, routeKeys: string[]) => {
  const routes = routeKeys.filter((key) => key !== '$default');
  const operations = operationsOf(doc);
  return { undocumented: routes.filter((route) => !operations.includes(route)), unrouted: operations.filter((operation) => !routes.includes(operation)) };
};

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document, by the validator (@seriousme/openapi-schema-validator)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'openapi-'));
    try {
      writeFileSync(join(dir, 'openapi.json'), documentText(document));
      // The validator is an ES module Jest cannot load: its own command line runs it.
      const output = execFileSync(process.execPath, [join(ROOT, 'node_modules/@seriousme/openapi-schema-validator/bin/validate-api-cli.js'), join(dir, 'openapi.json')], { encoding: 'utf8' });
      expect(JSON.parse(output)).toEqual({ valid: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is the committed openapi.json (run `npm run openapi` after changing a route or a schema)', () => {
    expect(readFileSync(join(ROOT, 'openapi.json'), 'utf8') === documentText(document)).toBe(true);
  });

  describe('against the synthesized app', () => {
    let routeKeys: string[];
    beforeAll(() => {
      const { templates } = synthTemplates();
      routeKeys = templates.flatMap((template) => Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((route) => String(route.Properties.RouteKey)));
    });

    it('describes every route of every stack, and no route the stacks lack', () => {
      expect(routeKeys.length).toBeGreaterThan(30);
      expect(mismatch(document, routeKeys)).toEqual({ undocumented: [], unrouted: [] });
    });

    it('names a route the document lacks, and an operation no stack routes', () => {
      const { ['/orders/{id}/place']: _left, ...paths } = document.paths;
      expect(mismatch({ ...document, paths }, routeKeys)).toEqual({ undocumented: ['POST /orders/{id}/place'], unrouted: [] });
      expect(mismatch(document, [...routeKeys.filter((key) => key !== 'GET /stats')])).toEqual({ undocumented: [], unrouted: ['GET /stats'] });
    });
  });

  it('has examples that fit their schemas', () => {
    const contract = apiContract(document);
    const escape = (token: string) => encodeURIComponent(token.replace(/~/g, '~0').replace(/\//g, '~1'));
    let checked = 0;
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item) as [string, any][]) {
        const media = [
          ...Object.entries(operation.responses as Record<string, any>).map(([status, response]) => [`responses/${status}`, response] as const),
          ...(operation.requestBody ? [['requestBody', operation.requestBody] as const] : []),
        ];
        for (const [where, part] of media) {
          const json = part.content?.['application/json'];
          if (!json || json.example === undefined) continue;
          const pointer = `/paths/${escape(path)}/${method}/${where}/content/${escape('application/json')}/schema`;
          expect([`${method.toUpperCase()} ${path} ${where}`, contract.errorsAt(pointer, json.example)]).toEqual([`${method.toUpperCase()} ${path} ${where}`, []]);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('names the bearer JWT scheme, opens only the health checks and /openapi.json, and answers errors as problems', () => {
    expect((document.components as any).securitySchemes.bearerJwt).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    const open = Object.entries(document.paths).flatMap(([path, item]) => Object.entries(item).filter(([, operation]) => JSON.stringify(operation.security) === '[]').map(([method]) => `${method.toUpperCase()} ${path}`));
    expect(open.sort()).toEqual(['GET /health', 'GET /health/ready', 'GET /openapi.json']);
    const place = document.paths['/orders/{id}/place']!.post as any;
    expect(Object.keys(place.responses)).toEqual(expect.arrayContaining(['200', '202', '400', '401', '404', '409', '412', '503']));
    expect((document.components as any).responses.Problem409.content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });
    expect(place.parameters).toEqual(expect.arrayContaining([{ $ref: '#/components/parameters/IfMatch' }, { $ref: '#/components/parameters/Prefer' }]));
  });
});

// The integration tests' contract is the committed file's, with validators compiled once and kept
// for every test file; the same checks hold with validators compiled as they are needed.
describe.each([
  ['compiled as needed', async () => apiContract(document)],
  ['kept for every test file', () => keptContract()],
])('the contract check of the integration tests (test/support/contract.ts), its validators %s', (_how, made) => {
  let contract: ReturnType<typeof apiContract>;
  let example: Record<string, unknown>;
  let path: string;
  let ok: { status: number; contentType: string; body: unknown };
  beforeAll(async () => {
    contract = await made();
    example = (document.paths['/orders/{id}']!.get as any).responses['200'].content['application/json'].example;
    path = `/orders/${String(example.orderId)}`;
    ok = { status: 200, contentType: 'application/json', body: example };
  });

  it('passes an answer the document allows, problems and API Gateway\'s own answers included', () => {
    expect(() => contract.check('GET', `${path}?x=1`, ok)).not.toThrow();
    expect(() => contract.check('GET', path, { status: 404, contentType: 'application/problem+json', body: { type: 'https://orderline.dev/problems/not-found', title: 'Not Found', status: 404, detail: 'order … does not exist' } })).not.toThrow();
    expect(() => contract.check('GET', path, { status: 401, contentType: 'application/json', body: { message: 'Unauthorized' } })).not.toThrow();
  });

  it('fails a status, a content type or a body the document does not allow, saying which', () => {
    expect(() => contract.check('GET', path, { ...ok, status: 201 })).toThrow(/status 201 is not documented for GET \/orders\/\{id\}/);
    expect(() => contract.check('GET', path, { ...ok, contentType: 'text/html' })).toThrow(/content type "text\/html" is not documented/);
    expect(() => contract.check('GET', path, { ...ok, body: { ...example, currency: 978 } })).toThrow(/\/currency must be string/);
    expect(() => contract.check('GET', path, { ...ok, body: { ...example, internal: true } })).toThrow(/must NOT have additional properties "internal"/);
    expect(() => contract.check('GET', path, { status: 409, contentType: 'application/problem+json', body: { title: 'Conflict', status: 409 } })).toThrow(/status 409 is not documented/);
    expect(() => contract.check('PUT', '/orders', ok)).toThrow(/the document has no operation for it/);
  });
});

it('the contract check fails an answer once its schema in the document changes', () => {
  const example = (document.paths['/orders/{id}']!.get as any).responses['200'].content['application/json'].example;
  const changed = structuredClone(document) as any;
  changed.components.schemas.OrderView.properties.currency = { type: 'number' };
  expect(() => apiContract(changed).check('GET', `/orders/${String(example.orderId)}`, { status: 200, contentType: 'application/json', body: example })).toThrow(
    /GET \/orders\/[\w-]+ answered 200: the body does not match the schema of GET \/orders\/\{id\} 200 application\/json:\n {2}\/currency must be number/,
  );
});
