// One execution environment of a local Lambda function (see environment.ts). Plain CommonJS so a
// worker starts without a TypeScript loader: it only loads the function's built bundle, which is
// CommonJS already, and runs the invocations the parent sends, JSON in and JSON out as Lambda
// does. The parent sends one at a time, as Lambda gives an environment one invocation at a time.
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { randomUUID } = require('node:crypto');
const { join } = require('node:path');

const { codeDir, handler, functionName, functionArn, memoryMb } = workerData;
const dot = handler.lastIndexOf('.');
const [file, exportName] = [handler.slice(0, dot), handler.slice(dot + 1)];

function toLambdaError(error) {
  const e = error instanceof Error ? error : new Error(String(error));
  return { errorType: e.name || 'Error', errorMessage: e.message, trace: String(e.stack || '').split('\n') };
}

const started = performance.now();
let fn;
try {
  fn = require(join(codeDir, file))[exportName];
  if (typeof fn !== 'function') throw new Error(`${handler} is not a function in ${codeDir}`);
  parentPort.postMessage({ type: 'ready', initMs: performance.now() - started });
} catch (error) {
  parentPort.postMessage({ type: 'init-error', error: toLambdaError(error) });
}

parentPort.on('message', async ({ id, event, deadline }) => {
  const context = {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: functionArn,
    memoryLimitInMB: String(memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  try {
    const result = await fn(JSON.parse(event), context);
    parentPort.postMessage({ type: 'result', id, result: result === undefined ? undefined : JSON.stringify(result) });
  } catch (error) {
    parentPort.postMessage({ type: 'error', id, error: toLambdaError(error) });
  }
});
