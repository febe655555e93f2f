import { synthTemplates, type SynthesizedTemplates } from '../../../support/app';

type Resource = { Type: string; Properties: Record<string, any> };
const resourcesOf = (app: SynthesizedTemplates) => app.templates.flatMap((t) => Object.entries(t.toJSON().Resources as Record<string, Resource>));

/** Every function behind a route: the integrations' targets, by logical id, in the stack of the route. */
function routeFunctions(app: SynthesizedTemplates): Resource[] {
  return app.templates.flatMap((template) => {
    const resources = template.toJSON().Resources as Record<string, Resource>;
    return Object.values(resources)
      .filter((r) => r.Type === 'AWS::ApiGatewayV2::Integration')
      .map((integration) => resources[JSON.stringify(integration.Properties.IntegrationUri).match(/"Fn::GetAtt":\["([^"]+)","Arn"\]/)![1]!]!);
  });
}

describe("the callers' budgets", () => {
  const app = synthTemplates();

  it('put every route function but the constant ones (liveness, the document, the 404) on the budgets, with one UpdateItem on the counters table', () => {
    const functions = routeFunctions(app);
    const unbudgeted = functions.filter((fn) => !fn.Properties.Environment.Variables.CALLER_BUDGETS).map((fn) => fn.Properties.Description);
    expect(unbudgeted.sort()).toEqual(['$default: 404 problem for unknown routes', 'GET /health: the API answers', 'GET /openapi.json: the OpenAPI 3.1 document of the API'].sort());
    for (const fn of functions.filter((f) => f.Properties.Environment.Variables.CALLER_BUDGETS)) {
      expect(JSON.parse(fn.Properties.Environment.Variables.CALLER_BUDGETS)).toEqual({ default: { commands: 300, queries: 1200 } });
    }
    const grants = resourcesOf(app)
      .filter(([, r]) => r.Type === 'AWS::IAM::Policy')
      .flatMap(([, r]) => r.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[])
      .filter((s) => JSON.stringify(s.Resource).includes('CallerBudgets'));
    for (const grant of grants) expect(grant.Action).toBe('dynamodb:UpdateItem');
    expect(grants.length).toBe(functions.length - unbudgeted.length);
  });

  it('take the budgets from -c callerBudgets, and refuse a malformed value at synth', () => {
    const tiers = { default: { commands: 100 }, free: { commands: 10, queries: 60 } };
    const [fn] = routeFunctions(synthTemplates({ callerBudgets: JSON.stringify(tiers) })).filter((f) => f.Properties.Environment.Variables.CALLER_BUDGETS);
    expect(JSON.parse(fn!.Properties.Environment.Variables.CALLER_BUDGETS)).toEqual(tiers);
    expect(() => synthTemplates({ callerBudgets: '{"default":{"commands":-1}}' })).toThrow(/context callerBudgets must be JSON/);
    expect(() => synthTemplates({ callerBudgets: '{"default":{"writes":5}}' })).toThrow(/context callerBudgets must be JSON/);
  });
});
