import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { platformExportName } from '../../../../lib/platform/platform-exports';
import { synthApp, synthTemplates } from '../../../support/app';
import { SCRATCH_ENV } from '../../../support/scratch';

// Validated: the validation runs once, with the first template asked for (the other stack tests skip it, for time).
const synthesized = synthApp({}, { validate: true });
const { stacks, platform, contexts } = synthesized;
/** Every Fn::ImportValue a template makes, by the name it imports. */
const importsOf = (template: object): string[] => [...JSON.stringify(template).matchAll(/"Fn::ImportValue":"([^"]+)"/g)].map((m) => m[1]!);

describe('the app: bounded contexts on a platform', () => {
  it("passes the CloudFormation validation cdk synth runs (the other stack tests skip it, for time)", () => {
    void synthesized.templates;
    const report = join(synthesized.app.synth().directory, 'validation-report.json');
    const { pluginReports } = JSON.parse(readFileSync(report, 'utf8')) as { pluginReports: { pluginName: string; violations: { ruleName: string; description: string }[] }[] };
    expect(pluginReports.flatMap((r) => r.violations.map((v) => `${r.pluginName} ${v.ruleName}: ${v.description}`))).toEqual([]);
  });

  it("writes its cloud assembly into the run's scratch folder, which global teardown removes", () => {
    expect(synthesized.app.outdir.startsWith(join(process.env[SCRATCH_ENV]!, 'cdk.out-'))).toBe(true);
  });

  it('is what the other stack tests read from their synth cache: the same stacks, the same templates', () => {
    const cached = synthTemplates();
    expect(cached.stacks).toEqual(stacks.map((s) => ({ stackName: s.stackName })));
    expect(cached.contexts).toEqual(contexts.map((s) => ({ stackName: s.stackName })));
    expect(cached.templates.map((t) => t.toJSON())).toEqual(synthesized.templates.map((t) => t.toJSON()));
  });

  it('is a platform stack and one stack per context, each within 60 % of CloudFormation\'s 500 resources', () => {
    expect(stacks.map((s) => s.stackName)).toEqual(expect.arrayContaining(['Orderline-test-Platform']));
    expect(stacks.length).toBeGreaterThanOrEqual(3);
    const counts = Object.fromEntries(stacks.map((s) => [s.stackName, Object.keys(synthesized.template(s.stackName.split('-').at(-1)!).toJSON().Resources).length]));
    console.log(`resources per stack: ${JSON.stringify(counts)}`);
    for (const [stack, count] of Object.entries(counts)) expect([stack, count <= 300]).toEqual([stack, true]);
  });

  it('puts the JWT authorizer on every route of every stack but the open ones: the health checks and GET /openapi.json', () => {
    const authorizers = synthesized.template('Platform').findResources('AWS::ApiGatewayV2::Authorizer');
    const [authorizerId, ...others] = Object.keys(authorizers);
    expect(others).toEqual([]);
    const imported = { 'Fn::ImportValue': platformExportName('test', 'authorizerId') };
    let count = 0;
    for (const template of synthesized.templates) {
      for (const route of Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties)) {
        count += 1;
        // The open routes: liveness, readiness (which verifies a token itself to show an admin more), and the API's document.
        if (['GET /health', 'GET /health/ready', 'GET /openapi.json'].includes(route.RouteKey)) expect([route.RouteKey, route.AuthorizationType]).toEqual([route.RouteKey, 'NONE']);
        else expect([route.RouteKey, route.AuthorizationType, [{ Ref: authorizerId }, imported].some((id) => JSON.stringify(id) === JSON.stringify(route.AuthorizerId))]).toEqual([route.RouteKey, 'JWT', true]);
      }
    }
    // The $default route, GET /health, GET /openapi.json and GET /sagas, every route of the contexts, and GET /health/ready.
    expect(count).toBe(38);
  });

  it('adds each context\'s routes to the platform\'s API from the context\'s own stack, naming the imported API', () => {
    for (const context of contexts) {
      const routes = Object.values(synthesized.template(context.stackName.split('-').at(-1)!).findResources('AWS::ApiGatewayV2::Route'));
      expect(routes.length).toBeGreaterThan(0);
      for (const route of routes) expect(route.Properties.ApiId).toEqual({ 'Fn::ImportValue': platformExportName('test', 'apiId') });
    }
  });

  it("reads every context's readiness export by name, and names no context's resource otherwise", () => {
    const readiness = synthesized.template('Readiness').toJSON();
    const platformExports = Object.values(synthesized.template('Platform').toJSON().Outputs as Record<string, { Export?: { Name: string } }>).flatMap((o) => (o.Export ? [o.Export.Name] : []));
    const contextExports = contexts.map((context) => `${context.stackName}-Readiness`);
    for (const name of importsOf(readiness)) expect([name, platformExports.includes(name) || contextExports.includes(name)]).toEqual([name, true]);
    for (const name of contextExports) expect(importsOf(readiness)).toContain(name);
    for (const context of contexts) {
      const outputs = Object.values(synthesized.template(context.stackName.split('-').at(-1)!).toJSON().Outputs as Record<string, { Export?: { Name: string }; Value: unknown }>);
      const exported = outputs.find((o) => o.Export?.Name === `${context.stackName}-Readiness`);
      // Every table and state machine of the context, found in its construct tree.
      const text = JSON.stringify(exported?.Value);
      expect(text).toContain('EventStoreEvents');
      expect(text).toContain('state-machine');
    }
  });

  it('lets a context reference the platform only: its imports are platform exports, and it depends on the platform alone', () => {
    const exported = Object.values(synthesized.template('Platform').toJSON().Outputs as Record<string, { Export?: { Name: string } }>).flatMap((o) => (o.Export ? [o.Export.Name] : []));
    expect(exported.length).toBeLessThanOrEqual(9);
    for (const context of contexts) {
      const template = synthesized.template(context.stackName.split('-').at(-1)!);
      for (const name of importsOf(template.toJSON())) expect([context.stackName, name, exported.includes(name)]).toEqual([context.stackName, name, true]);
      expect(context.dependencies.map((s) => s.stackName)).toEqual([platform.stackName]);
    }
    expect(platform.dependencies).toEqual([]);
    expect(importsOf(synthesized.template('Platform').toJSON())).toEqual([]);
  });

  it('keeps output names unique across the stacks, so the tools can merge a stage\'s outputs', () => {
    const names = synthesized.templates.flatMap((t) => Object.keys(t.toJSON().Outputs ?? {}));
    expect(names.length).toBe(new Set(names).size);
  });

  it('gives each context an events table of its own', () => {
    for (const context of contexts) {
      synthesized.template(context.stackName.split('-').at(-1)!).hasResourceProperties('AWS::DynamoDB::Table', { StreamSpecification: { StreamViewType: 'NEW_IMAGE' }, KeySchema: Match.arrayWith([{ AttributeName: 'streamId', KeyType: 'HASH' }]) });
    }
  });
});
