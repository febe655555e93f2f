import { busSource } from '../../../functions/platform/contract/bus';
import type { ContextOperations } from '../../../lib/platform/operations';
import { contextOperations } from '../../../tools/contexts';
import { synthTemplates } from '../../support/app';

/**
 * What goes on the bus is each context's published events, and nothing listens for anything else:
 * a rule on an event its context keeps to itself would never fire. Read from the synthesized app;
 * the contexts found as the operator tools find them (`lib/<context>/operations.ts`), naming none.
 */
describe('integration events on the bus', () => {
  const app = synthTemplates();
  let contexts: ContextOperations[];
  let published: Map<string, readonly string[]>;
  beforeAll(async () => {
    contexts = await contextOperations();
    published = new Map(contexts.flatMap((context) => context.bus.aggregates.map((aggregate) => [busSource(aggregate), context.bus.published] as const)));
  });
  type Resource = { Type: string; Properties: Record<string, any> };
  const resources = app.templates.flatMap((t) => Object.values(t.toJSON().Resources as Record<string, Resource>));

  it("has every rule on a domain event listen only for events the event's context publishes", () => {
    const patterns = resources.filter((r) => r.Type === 'AWS::Events::Rule' && r.Properties.EventPattern).map((r) => r.Properties.EventPattern as { source?: string[]; 'detail-type'?: string[] });
    const domain = patterns.filter((p) => p.source?.some((source) => published.has(source)));
    expect(domain.length).toBeGreaterThanOrEqual(contexts.length);
    for (const pattern of domain) {
      for (const source of pattern.source!) {
        expect(pattern['detail-type']?.length).toBeGreaterThan(0);
        for (const type of pattern['detail-type']!) expect([source, type, published.get(source)?.includes(type)]).toEqual([source, type, true]);
      }
    }
  });

  it("has each context's forwarder take exactly its published events from its stream", () => {
    const forwarders = resources.filter((r) => r.Type === 'AWS::Lambda::EventSourceMapping' && JSON.stringify(r.Properties.FunctionName).includes('EventsOutForwardEvents'));
    const taken = forwarders.map((m) => JSON.parse(m.Properties.FilterCriteria.Filters[0].Pattern).dynamodb.NewImage.type.S as string[]);
    expect(taken.map((types) => [...types].sort()).sort()).toEqual(contexts.map((context) => [...context.bus.published].sort()).sort());
  });
});
