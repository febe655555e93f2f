/** An AWS JSON-protocol answer. */
export type AwsAnswer = { status: number; body: unknown };

/**
 * AWS's AccessDenied message for an identity-based decision, word for word:
 * `User: <session ARN> is not authorized to perform: <action> on resource: <ARN> because no
 * identity-based policy allows the <action> action` (or `with an explicit deny in an
 * identity-based policy`).
 */
export function accessDeniedMessage(callerArn: string, action: string, resource: string, explicit: boolean): string {
  const why = explicit ? 'with an explicit deny in an identity-based policy' : `because no identity-based policy allows the ${action} action`;
  return `User: ${callerArn} is not authorized to perform: ${action} on resource: ${resource} ${why}`;
}

/** The answer a service gives a denied call: HTTP 400 with the service's `__type` and the message. */
export function accessDeniedAnswer(type: string, message: string): AwsAnswer {
  return { status: 400, body: { __type: type, Message: message } };
}
