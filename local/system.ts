import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { readAssemblyStack, type TemplateResource } from './cloud-assembly';
import { LocalDeadLetters } from './dead-letters';
import { DynamoDbMetering, type CapacityCounters } from './dynamodb-metering';
import { startDynamoDbLocal } from './dynamodb-local';
import { LocalEdge } from './edge';
import { LocalEventBridge, type RuleTarget } from './event-bridge';
import { handleEventBridgeCall } from './event-bridge-api';
import { LocalFaults, type Fault } from './faults';
import { LocalHttpApi } from './http-api';
import { readHttpApi } from './http-api/template-routes';
import { IntrinsicResolver, type PhysicalResource, type Pseudo } from './intrinsics';
import { LocalLambda, type LambdaFunctionSpec } from './lambda-runtime';
import { keySetDocument, loadOrCreateSigningKey, tokenVerifier, type LocalAuthInfo } from './oidc';
import { localAuthInfo, localIssuerOf, serveIssuers } from './oidc/issuers';
import { physicalResource, unsupportedResources } from './physical-resources';
import { ruleTargetDelivery } from './rule-targets';
import { LocalStepFunctions } from './step-functions';
import { handleStepFunctionsCall } from './step-functions-api';
import { StreamPoller, type StreamMapping } from './stream-poller';
import { createTables } from './tables';
import type { EventPattern } from './event-pattern';

export type LocalSystemOptions = {
  /** The synthesized cloud assembly (cdk.out). */
  assemblyDir: string;
  /** Port of the HTTP API; 0 picks a free one. */
  apiPort?: number;
  /** Port of the AWS edge endpoint (Step Functions…); 0 picks a free one. */
  edgePort?: number;
  /** Where dead letters and other local state go (default `.local`). */
  stateDir?: string;
  log?: (line: string) => void;
};

export type LocalSystem = {
  stackName: string;
  apiUrl: string;
  edgeUrl: string;
  dynamodbEndpoint: string;
  /** The stack outputs, resolved to their local values. */
  outputs: Record<string, string>;
  /** Physical names by logical id, for tests and tools that look inside. */
  physicalNames: Record<string, string>;
  deadLetters: LocalDeadLetters;
  /** The (first) JWT authorizer's issuer and audiences, and the key that signs tokens it accepts; absent without one. */
  auth?: LocalAuthInfo;
  /** What the system has used so far, counted as AWS bills it (see {@link SystemUsage}). */
  usage(): SystemUsage;
  stop(): Promise<void>;
};

/** Counters the cost figures are made of; `npm run bench` reads them at `<edge>/_local/usage`. */
export type SystemUsage = {
  lambda: Record<string, { invocations: number; billedMs: number; memoryMb: number }>;
  dynamodb: CapacityCounters;
  stepFunctions: Record<string, { executions: number; transitions: number; durationMs: number }>;
  eventBridge: { entries: number; deliveries: number };
  httpApi: { requests: number };
};

const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * Runs the synthesized stack on this machine: DynamoDB Local with the template's tables, each
 * Lambda function's bundle in a worker thread, the HTTP API, stream event source mappings,
 * state machines and an AWS edge endpoint, all wired with the values the template resolves to.
 */
export async function startLocalSystem(options: LocalSystemOptions): Promise<LocalSystem> {
  const log = options.log ?? (() => undefined);
  const { stackName, template } = readAssemblyStack(options.assemblyDir);
  const resources = template.Resources;
  const unsupported = unsupportedResources(resources);
  if (unsupported.length) {
    throw new Error(`the local runtime cannot run these resources of ${stackName}:\n  ${unsupported.join('\n  ')}`);
  }
  const pseudo: Pseudo = { region: 'us-east-1', accountId: '000000000000', stackName, partition: 'aws', urlSuffix: 'amazonaws.com' };
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch((error: Error) => log(`while stopping: ${error.message}`));
  };

  try {
    const stateDir = resolve(options.stateDir ?? '.local');
    // One key signs for every issuer the runtime serves or stands in for; kept so tokens survive restarts.
    const keyFile = join(stateDir, 'oidc-signing-key.json');
    const signingKey = await loadOrCreateSigningKey(keyFile);
    const dynamo = await startDynamoDbLocal({ log: (line) => log(`dynamodb-local: ${line}`) });
    stops.push(() => dynamo.stop());
    const clientConfig = { endpoint: dynamo.endpoint, region: pseudo.region, credentials: CREDENTIALS };
    // Functions reach DynamoDB Local through a meter that adds up the capacity they consume.
    const metering = new DynamoDbMetering(dynamo.endpoint);
    const meteredDynamo = await metering.listen();
    stops.push(() => metering.close());

    const lambdas = new Map<string, LocalLambda>();
    const lambdaByNameOrArn = (id: string) => {
      const fn = lambdas.get(id) ?? [...lambdas.values()].find((l) => l.spec.arn === id);
      if (!fn) throw new Error(`no local function named ${id}`);
      return fn;
    };
    const usage = (): SystemUsage => ({
      lambda: Object.fromEntries(
        [...lambdas.values()].map((fn) => [fn.spec.name.replace(`${stackName}-`, ''), { invocations: fn.invocations, billedMs: fn.billedMs, memoryMb: fn.spec.memoryMb }]),
      ),
      dynamodb: metering.snapshot(),
      stepFunctions: stepFunctions.usage(),
      eventBridge: eventBridge.usage(),
      httpApi: { requests: api.requests },
    });
    const stepFunctions = new LocalStepFunctions({
      invokeLambda: (id, payload) => lambdaByNameOrArn(id).invoke(payload),
      region: pseudo.region,
      accountId: pseudo.accountId,
      log,
    });
    stops.push(() => stepFunctions.idle());

    const deadLetters = new LocalDeadLetters(join(stateDir, 'dead-letters'), log);
    const faults = new LocalFaults();
    const eventBridge = new LocalEventBridge({
      region: pseudo.region,
      accountId: pseudo.accountId,
      deliver: ruleTargetDelivery({
        startExecution: (input) => stepFunctions.startExecution(input),
        invokeLambda: (arn, payload) => lambdaByNameOrArn(arn).invoke(payload),
      }),
      deadLetter: (queueArn, message) => deadLetters.send(queueArn, message as Record<string, unknown>),
      failEntry: () => faults.takePutEventsFault(),
      log: (line) => log(`events: ${line}`),
    });
    stops.push(() => eventBridge.idle());

    const edge = new LocalEdge(
      {
        AWSStepFunctions: (action, body) => handleStepFunctionsCall(stepFunctions, action, body),
        AWSEvents: (action, body) => handleEventBridgeCall(eventBridge, action, body),
      },
      {
        // Test-only: inject failures (see LocalFaults). Never reachable from the HTTP API.
        faults: async (method, body) => {
          if (method === 'DELETE') faults.clear();
          else faults.add(body as Fault);
          return { status: 204, body: {} };
        },
        usage: async () => ({ status: 200, body: usage() }),
        // Test-only: what reached the bus lately (to check, say, that no secret travels on it).
        'bus-entries': async () => ({ status: 200, body: eventBridge.recentEntries() }),
      },
    );
    const edgeUrl = await edge.listen(options.edgePort ?? 0);
    stops.push(() => edge.close());

    const api = new LocalHttpApi(
      (name, event) => lambdaByNameOrArn(name).invoke(event),
      (line) => log(`api: ${line}`),
      { verifyToken: tokenVerifier(keySetDocument([signingKey])) },
    );
    // The routes are known only after the functions are; the server starts first for its URL.
    const apiUrl = await api.listen(options.apiPort ?? 0);
    stops.push(() => api.close());

    const physical = new Map<string, PhysicalResource>();
    for (const [id, resource] of Object.entries(resources)) {
      const p = physicalResource(id, resource, pseudo, { apiUrl, edgeUrl });
      if (p) physical.set(id, p);
    }
    const resolver = new IntrinsicResolver(pseudo, resources, (id) => physical.get(id));
    const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
    const props = (resource: TemplateResource, id: string) => resolver.resolve(resource.Properties ?? {}, id) as Record<string, unknown>;

    // Tables first: stream ARNs exist only once DynamoDB Local has made the tables.
    const tableSpecs = ofType('AWS::DynamoDB::Table').map(([id, r]) => ({ logicalId: id, tableName: physical.get(id)!.ref, properties: props(r, id) }));
    const streamArns = await createTables(new DynamoDBClient(clientConfig), tableSpecs);
    for (const [id, arn] of Object.entries(streamArns)) if (arn) physical.get(id)!.attributes.StreamArn = arn;
    log(`tables: ${tableSpecs.map((t) => t.tableName).join(', ')}`);

    const baseEnvironment = {
      AWS_REGION: pseudo.region,
      AWS_DEFAULT_REGION: pseudo.region,
      AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL: edgeUrl,
      AWS_ENDPOINT_URL_DYNAMODB: meteredDynamo,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    const specs = ofType('AWS::Lambda::Function').map(([id, r]) => functionSpec(id, r, props(r, id), physical.get(id)!, options.assemblyDir, baseEnvironment));
    await Promise.all(
      specs.map(async (spec) => {
        const fn = new LocalLambda(spec, {
          log: (line) => log(`${spec.name.replace(`${stackName}-`, '')}: ${line}`),
          fault: (event) => faults.takeFunctionFault(spec.name, event),
        });
        lambdas.set(spec.name, fn);
        stops.push(() => fn.stop());
        await fn.start();
      }),
    );
    log(`functions: ${specs.length} started`);

    for (const [id, r] of ofType('AWS::StepFunctions::StateMachine')) {
      const p = props(r, id);
      const definition = typeof p.DefinitionString === 'string' ? JSON.parse(p.DefinitionString) : p.Definition;
      const { Arn, Name } = physical.get(id)!.attributes;
      stepFunctions.register({ name: Name!, arn: Arn!, definition, type: p.StateMachineType === 'EXPRESS' ? 'EXPRESS' : 'STANDARD' });
    }

    for (const [id, r] of ofType('AWS::Events::Rule')) {
      const p = props(r, id);
      if (!p.EventPattern) throw new Error(`${id}: the local runtime runs rules with an EventPattern only (no schedules)`);
      const pattern = typeof p.EventPattern === 'string' ? JSON.parse(p.EventPattern) : p.EventPattern;
      const targets = (p.Targets ?? []) as RuleTarget[];
      const undeliverable = targets.filter((t) => !/^arn:aws:(lambda|states):/.test(t.Arn));
      if (undeliverable.length) throw new Error(`${id}: the local runtime delivers rule events to Lambda functions and state machines only, not ${undeliverable.map((t) => t.Arn).join(', ')}`);
      eventBridge.addRule({
        name: physical.get(id)!.ref,
        busName: String(p.EventBusName ?? 'default').split('/').at(-1)!,
        pattern,
        enabled: p.State !== 'DISABLED',
        targets,
      });
    }

    const { routes, authorizers } = readHttpApi({
      resources,
      props,
      functionNameByArn: (arn) => [...lambdas.values()].find((l) => l.spec.arn === arn)?.spec.name,
      localIssuer: localIssuerOf(resources, (id) => physical.get(id), pseudo.region),
    });
    api.setRoutes(routes);
    // Every user pool's issuer, and any authorizer's issuer on the edge, gets its discovery document and key set there.
    const poolIssuers = [...physical].filter(([id]) => resources[id]?.Type === 'AWS::Cognito::UserPool').map(([, p]) => p.attributes.ProviderURL!);
    const servedIssuers = serveIssuers([...poolIssuers, ...authorizers.map((a) => a.issuer)], edge, edgeUrl, signingKey, log);
    const auth = localAuthInfo(authorizers, servedIssuers, keyFile);
    for (const a of authorizers) log(`auth: ${a.name} accepts tokens from ${a.issuer} for ${a.audiences.join(', ')}`);
    const streams = new DynamoDBStreamsClient(clientConfig);
    for (const [id, r] of ofType('AWS::Lambda::EventSourceMapping')) {
      const p = props(r, id);
      const fn = lambdaByNameOrArn(String(p.FunctionName));
      const eventSourceArn = String(p.EventSourceArn);
      const table = [...physical.values()].find((t) => t.attributes.StreamArn === eventSourceArn);
      if (!table) throw new Error(`${id}: event source ${eventSourceArn} is not a DynamoDB stream of this stack (the local runtime polls only those)`);
      const mapping = streamMapping(id, fn.spec.name, p);
      const poller = new StreamPoller({
        streams,
        streamArn: eventSourceArn,
        eventSourceArn,
        mapping,
        invoke: (event) => fn.invoke(event),
        sendToFailureDestination: async (failure) => {
          if (!mapping.onFailureDestinationArn) return;
          const first = failure.records[0]?.dynamodb?.SequenceNumber ?? '';
          const last = failure.records.at(-1)?.dynamodb?.SequenceNumber ?? '';
          deadLetters.send(mapping.onFailureDestinationArn, {
            requestContext: { requestId: crypto.randomUUID(), functionArn: fn.spec.arn, condition: 'RetryAttemptsExhausted', approximateInvokeCount: failure.attempts },
            responseContext: { statusCode: 200, functionError: failure.error },
            version: '1.0',
            timestamp: new Date().toISOString(),
            DDBStreamBatchInfo: { shardId: 'local', startSequenceNumber: first, endSequenceNumber: last, batchSize: failure.records.length, streamArn: eventSourceArn },
          });
        },
        log: (line) => log(`${id}: ${line}`),
      });
      poller.start();
      stops.push(() => poller.stop());
    }

    const outputs = Object.fromEntries(Object.entries(template.Outputs ?? {}).map(([name, o]) => [name, resolver.resolveString(o.Value, `Outputs.${name}`)]));
    const physicalNames = Object.fromEntries([...physical].map(([id, p]) => [id, p.ref]));
    return { stackName, apiUrl, edgeUrl, dynamodbEndpoint: dynamo.endpoint, outputs, physicalNames, deadLetters, ...(auth ? { auth } : {}), usage, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function functionSpec(
  id: string,
  resource: TemplateResource,
  p: Record<string, unknown>,
  physical: PhysicalResource,
  assemblyDir: string,
  baseEnvironment: Record<string, string>,
): LambdaFunctionSpec {
  const assetPath = resource.Metadata?.['aws:asset:path'];
  if (typeof assetPath !== 'string') {
    throw new Error(`${id}: no aws:asset:path metadata; the local runtime runs bundled assets only (synth with asset metadata on, as \`cdk synth\` does)`);
  }
  const variables = ((p.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {}) as Record<string, unknown>;
  const environment = Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, String(v)]));
  return {
    name: physical.ref,
    arn: physical.attributes.Arn!,
    codeDir: join(assemblyDir, assetPath),
    handler: String(p.Handler ?? 'index.handler'),
    environment: { ...baseEnvironment, ...environment, AWS_LAMBDA_FUNCTION_NAME: physical.ref, AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(p.MemorySize ?? 128) },
    timeoutSeconds: Number(p.Timeout ?? 3),
    memoryMb: Number(p.MemorySize ?? 128),
  };
}

function streamMapping(id: string, functionName: string, p: Record<string, unknown>): StreamMapping {
  const filters = ((p.FilterCriteria as { Filters?: { Pattern: string }[] } | undefined)?.Filters ?? []).map((f) => JSON.parse(f.Pattern) as EventPattern);
  const destination = (p.DestinationConfig as { OnFailure?: { Destination?: string } } | undefined)?.OnFailure?.Destination;
  return {
    id,
    functionName,
    batchSize: Number(p.BatchSize ?? 100),
    maximumRetryAttempts: Number(p.MaximumRetryAttempts ?? -1),
    bisectBatchOnFunctionError: p.BisectBatchOnFunctionError === true,
    reportBatchItemFailures: Array.isArray(p.FunctionResponseTypes) && p.FunctionResponseTypes.includes('ReportBatchItemFailures'),
    filters,
    startingPosition: p.StartingPosition === 'LATEST' ? 'LATEST' : 'TRIM_HORIZON',
    onFailureDestinationArn: destination,
  };
}
