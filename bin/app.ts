import type { App, Stack } from 'aws-cdk-lib';
import { BankStack } from '../lib/bank/bank-stack';
import { OrdersStack } from '../lib/orders/orders-stack';
import { DEFAULT_THROTTLE } from '../lib/platform/http-api';
import { PlatformStack } from '../lib/platform/platform-stack';
import { ReadinessStack } from '../lib/platform/readiness-stack';
import { stackContext } from '../lib/platform/stack-context';

/**
 * The composition root: the platform stack, then one stack per bounded context on it
 * (`Orderline-<stage>-Platform`, then `Orderline-<stage>-<Context>`). A new context is its import
 * and one line in the list below.
 */
export function composeApp(app: App): { platform: PlatformStack; contexts: Stack[]; readiness: ReadinessStack } {
  const context = stackContext((key) => app.node.tryGetContext(key), DEFAULT_THROTTLE);
  const name = (part: string) => `Orderline-${context.stage}-${part}`;
  const platform = new PlatformStack(app, name('Platform'), context);
  const on = { stage: context.stage, platformStack: platform, logLevel: context.logLevel, callerBudgets: context.callerBudgets, sagaTypes: context.sagaTypes };
  const contexts: Stack[] = [
    new OrdersStack(app, name('Orders'), on),
    new BankStack(app, name('Bank'), on),
  ];
  // Last: GET /health/ready reads every context's readiness export.
  const readiness = new ReadinessStack(app, name('Readiness'), { ...on, contextStacks: contexts });
  return { platform, contexts, readiness };
}
