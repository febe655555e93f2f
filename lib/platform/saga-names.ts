/**
 * Every saga's state machine is named `Orderline-<stage>-saga-<saga>` (`…-saga-order`,
 * `…-saga-transfer`), so the platform's saga listing (GET /sagas?saga=) finds a context's saga by
 * its name alone, and the platform never names a context.
 */
export const sagaNamePrefix = (stage: string): string => `Orderline-${stage}-saga-`;

/** The state machine name of a context's saga. */
export const sagaStateMachineName = (stage: string, saga: string): string => `${sagaNamePrefix(stage)}${saga}`;
