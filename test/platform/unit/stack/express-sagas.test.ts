import { Match } from 'aws-cdk-lib/assertions';
import { synthTemplates, type SynthesizedTemplates } from '../../../support/app';

/**
 * `-c sagaType=express` (or `-c <saga>SagaType=express` for one saga): each saga an Express state
 * machine inside its run record, within Express's 5 minutes, logging every event with its data,
 * with the runs table GET /sagas and the reconciler read.
 */
describe('the sagas as Express workflows', () => {
  const machinesOf = (app: SynthesizedTemplates, stack: 'Orders' | 'Bank') => Object.values(app.template(stack).findResources('AWS::StepFunctions::StateMachine'));

  it('makes both sagas Express with -c sagaType=express, each claiming its run before it starts', () => {
    const app = synthTemplates({ sagaType: 'express' });
    for (const stack of ['Orders', 'Bank'] as const) {
      const [machine] = machinesOf(app, stack);
      expect(machine?.Properties).toMatchObject({ StateMachineType: 'EXPRESS', LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: true } });
      const definition = JSON.stringify(machine?.Properties.DefinitionString);
      expect(definition).toContain('"StartAt\\":\\"ClaimStart\\"');
      expect(definition).toContain('attribute_not_exists(sagaId)');
      expect(definition).toContain('\\"TimeoutSeconds\\":300');
      app.template(stack).hasResourceProperties('AWS::DynamoDB::Table', {
        TableName: Match.stringLikeRegexp('^Orderline-test-saga-(order|transfer)-runs$'),
        GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'byStatus', Projection: { ProjectionType: 'KEYS_ONLY' } })],
      });
    }
  });

  it('keeps Standard by default, and takes one saga at a time', () => {
    const standard = synthTemplates();
    expect(machinesOf(standard, 'Orders')[0]?.Properties.StateMachineType).toBe('STANDARD');
    const mixed = synthTemplates({ transferSagaType: 'express' });
    expect(machinesOf(mixed, 'Orders')[0]?.Properties.StateMachineType).toBe('STANDARD');
    expect(machinesOf(mixed, 'Bank')[0]?.Properties.StateMachineType).toBe('EXPRESS');
  });

  it('refuses a saga type it does not know, at synth', () => {
    expect(() => synthTemplates({ sagaType: 'quick' })).toThrow(/sagaType must be one of standard, express/);
  });
});
