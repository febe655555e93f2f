import type { LocalLogGroups } from '../logs/log-groups';
import type { LocalStepFunctions, StateMachineLogging } from '../step-functions/step-functions';
import type { TemplateContext } from './template-context';

const LEVELS = new Set<string>(['ALL', 'ERROR', 'FATAL', 'OFF']);

/**
 * Registers every `AWS::StepFunctions::StateMachine` of the assembly, with its role for the local
 * IAM and its logging (the template's log groups are made first, so that its events have a home).
 */
export function registerStateMachines(t: TemplateContext, stepFunctions: LocalStepFunctions, logGroups: LocalLogGroups): void {
  for (const r of t.ofType('AWS::Logs::LogGroup')) logGroups.create(r.physical!.ref);
  for (const r of t.ofType('AWS::StepFunctions::StateMachine')) {
    const p = t.props(r);
    const definition = typeof p.DefinitionString === 'string' ? JSON.parse(p.DefinitionString) : p.Definition;
    const { Arn, Name } = r.physical!.attributes;
    t.iam?.addStateMachine(Arn!, p.RoleArn === undefined ? undefined : String(p.RoleArn));
    stepFunctions.register({ name: Name!, arn: Arn!, definition, type: p.StateMachineType === 'EXPRESS' ? 'EXPRESS' : 'STANDARD', logging: loggingOf(p.LoggingConfiguration) });
  }
}

/** The LoggingConfiguration's level, its first destination's log group (by the name in its ARN) and whether it logs the execution's data. */
function loggingOf(configuration: unknown): StateMachineLogging | undefined {
  const c = configuration as { Level?: string; IncludeExecutionData?: boolean; Destinations?: { CloudWatchLogsLogGroup?: { LogGroupArn?: string } }[] } | undefined;
  const arn = c?.Destinations?.[0]?.CloudWatchLogsLogGroup?.LogGroupArn;
  const name = typeof arn === 'string' ? /:log-group:([^:]+)/.exec(arn)?.[1] : undefined;
  if (!c || !name || !LEVELS.has(c.Level ?? '')) return undefined;
  return { logGroupName: name, level: c.Level as StateMachineLogging['level'], includeExecutionData: c.IncludeExecutionData === true };
}
