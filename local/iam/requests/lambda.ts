import type { RequiredAccess } from './types';

/**
 * Invoking a function: `lambda:InvokeFunction` on its ARN (what a state machine's role needs for
 * each Task that runs a function, and what an `Invoke` call would need).
 */
export function invokeFunctionAccess(functionArn: string): RequiredAccess {
  return { action: 'lambda:InvokeFunction', resource: functionArn };
}
