/** The services a rule target can be, as the local runtime runs them. */
export type TargetServices = {
  startExecution: (input: { stateMachineArn: string; input: string }) => unknown;
  invokeLambda: (functionArn: string, payload: unknown) => Promise<unknown>;
  sendMessage: (queueArn: string, body: string) => void;
};

/**
 * Delivers a rule's event to its target by ARN: a state machine gets a new execution with the
 * event as its input (EventBridge starts it and does not wait), a Lambda function is invoked
 * and its failure is the delivery's failure (EventBridge then retries it), a queue gets the event
 * as a message's body.
 */
export function ruleTargetDelivery(services: TargetServices): (targetArn: string, input: unknown) => Promise<void> {
  return async (targetArn, input) => {
    const service = targetArn.split(':')[2];
    if (service === 'states') {
      services.startExecution({ stateMachineArn: targetArn, input: JSON.stringify(input) });
      return;
    }
    if (service === 'lambda') {
      await services.invokeLambda(targetArn, input);
      return;
    }
    if (service === 'sqs') {
      services.sendMessage(targetArn, JSON.stringify(input));
      return;
    }
    throw new Error(`rule target ${targetArn}: the local runtime delivers to Lambda functions, state machines and SQS queues only`);
  };
}
