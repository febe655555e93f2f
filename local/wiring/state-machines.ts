import type { LocalStepFunctions } from '../step-functions/step-functions';
import type { TemplateContext } from './template-context';

/** Registers every `AWS::StepFunctions::StateMachine` of the assembly, with its role for the local IAM. */
export function registerStateMachines(t: TemplateContext, stepFunctions: LocalStepFunctions): void {
  for (const r of t.ofType('AWS::StepFunctions::StateMachine')) {
    const p = t.props(r);
    const definition = typeof p.DefinitionString === 'string' ? JSON.parse(p.DefinitionString) : p.Definition;
    const { Arn, Name } = r.physical!.attributes;
    t.iam?.addStateMachine(Arn!, p.RoleArn === undefined ? undefined : String(p.RoleArn));
    stepFunctions.register({ name: Name!, arn: Arn!, definition, type: p.StateMachineType === 'EXPRESS' ? 'EXPRESS' : 'STANDARD' });
  }
}
