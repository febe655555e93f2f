import type { LocalStepFunctions } from '../step-functions/step-functions';
import type { TemplateContext } from './template-context';

/** Registers every `AWS::StepFunctions::StateMachine` of the template, with its role for the local IAM. */
export function registerStateMachines(t: TemplateContext, stepFunctions: LocalStepFunctions): void {
  for (const [id, r] of t.ofType('AWS::StepFunctions::StateMachine')) {
    const p = t.props(r, id);
    const definition = typeof p.DefinitionString === 'string' ? JSON.parse(p.DefinitionString) : p.Definition;
    const { Arn, Name } = t.physical(id)!.attributes;
    t.iam?.addStateMachine(Arn!, p.RoleArn === undefined ? undefined : String(p.RoleArn));
    stepFunctions.register({ name: Name!, arn: Arn!, definition, type: p.StateMachineType === 'EXPRESS' ? 'EXPRESS' : 'STANDARD' });
  }
}
