import { SFNClient } from '@aws-sdk/client-sfn';
import { CONSOLE_PATH } from './console/console-path';
import { sagaConsole } from './console/saga-console';
import { apiExplorer } from './explorer/api-explorer';
import { EXPLORER_PATH } from './explorer/explorer-path';
import { EmfMetrics, type CountedMetric } from './logs/emf-metrics';
import { FunctionLogs, type LogEntry, type LogFilter } from './logs/function-logs';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { readCloudAssembly } from './template/cloud-assembly';
import { LocalClock } from './clock';
import { LocalDeadLetters } from './dead-letters';
import { DynamoDbMetering, type CapacityCounters } from './dynamodb/dynamodb-metering';
import { dynamoDbCallFaults } from './dynamodb/dependency-faults';
import { startDynamoDbLocal } from './dynamodb/dynamodb-local';
import { LocalEdge } from './edge/edge';
import { LocalEventBridge } from './event-bridge/event-bridge';
import { handleEventBridgeCall } from './event-bridge/event-bridge-api';
import { LocalFaults, type Fault } from './faults';
import { LocalHttpApi } from './http-api';
import { LocalIam, accessKeyIdFor, type IamSummary } from './iam';
import type { EnforcerStats } from './iam/enforcer';
import { tableKeysOf } from './iam/table-keys';
import { readHttpApi } from './http-api/template-routes';
import type { LocalAccount } from './template/intrinsics';
import { LocalAssembly } from './template/local-assembly';
import { resourceProps } from './template/stack-resource';
import type { LocalLambda } from './lambda';
import { keySetDocument, loadOrCreateSigningKey, tokenVerifier, type LocalAuthInfo } from './oidc';
import { localAuthInfo, localIssuerOf, serveIssuers } from './oidc/issuers';
import { ruleTargetDelivery } from './event-bridge/rule-targets';
import { LiveReload } from './reload/live-reload';
import { LocalSqs } from './sqs/service';
import { queueSpecs } from './sqs/template-queues';
import { LocalStepFunctions } from './step-functions/step-functions';
import { dynamoDbItemCall } from './step-functions/dynamodb-item-call';
import { handleLogsCall, LocalLogGroups } from './logs/log-groups';
import { handleStepFunctionsCall } from './step-functions/step-functions-api';
import { createTables } from './dynamodb/tables';

import { startEventSourceMappings } from './wiring/event-source-mappings';
import { startFunctions } from './wiring/functions';
import { addRules, authorizedDelivery } from './wiring/rules';
import { registerStateMachines } from './wiring/state-machines';
import type { TemplateContext } from './wiring/template-context';
export type LocalSystemOptions = {
  /** The synthesized cloud assembly (cdk.out). */
  assemblyDir: string;
  /** Port of the HTTP API; 0 picks a free one. */
  apiPort?: number;
  /** Port of the AWS edge endpoint (Step Functions…); 0 picks a free one. */
  edgePort?: number;
  /** Where dead letters and other local state go (default `.local`). */
  stateDir?: string;
  /**
   * Whether the assembly's IAM is enforced (default true): each function's calls against its
   * role's policies, state machine and rule target roles, Lambda permissions, event source
   * mappings' needs (see `local/iam`). `npm start -- --no-iam` turns it off for a run.
   */
  iam?: boolean;
  /**
   * Live reload of this project's functions (see `local/reload`): a save under its functions/ is
   * rebuilt and live on the next invocation; one under lib/ or bin/ is logged as needing a restart.
   * Off when absent (tests must not see code change under them); `npm start` turns it on.
   */
  reload?: { projectDir: string };
  log?: (line: string) => void;
  /**
   * The pause before every state machine retry, in milliseconds, in place of each Retry's
   * interval, backoff and jitter (absent: as the definitions say). The test suite's system sets it
   * so a fault matrix's retries take milliseconds; `npm start` and the load runs wait as AWS would.
   */
  retryWaitMs?: number;
  /** Shown each line a function logs (EMF metric lines are counted, not shown); by default nothing is shown. */
  showFunctionLog?: (entry: LogEntry) => void;
};

/** Whether IAM is enforced, what was loaded from the assembly, and the checks made so far. */
export type IamStatus = { enforced: boolean; summary?: IamSummary; stats: () => EnforcerStats };

export type LocalSystem = {
  /** The stacks of the assembly, in the order they were started (each after those it depends on). */
  stackNames: string[];
  apiUrl: string;
  edgeUrl: string;
  dynamodbEndpoint: string;
  /** Every stack's outputs, resolved to their local values, in one record (output keys are unique across stacks). */
  outputs: Record<string, string>;
  /** The same outputs, by stack name. */
  stackOutputs: Record<string, Record<string, string>>;
  /**
   * Physical names for tests and tools that look inside: by `<stackName>/<logicalId>`, and by
   * bare logical id where no other stack has that id.
   */
  physicalNames: Record<string, string>;
  deadLetters: LocalDeadLetters;
  /** The (first) JWT authorizer's issuer and audiences, and the key that signs tokens it accepts; absent without one. */
  auth?: LocalAuthInfo;
  /** What the system has used so far, counted as AWS bills it (see {@link SystemUsage}). */
  usage(): SystemUsage;
  /** The business metrics the functions emitted (EMF), as CloudWatch would count them; also at `<edge>/_local/metrics`. */
  metrics(): CountedMetric[];
  /** What the functions logged lately, by correlation id or order id; also at `<edge>/_local/logs?correlationId=…&orderId=…`. */
  logs(filter: LogFilter): LogEntry[];
  iam: IamStatus;
  /** Whether live reload is on: its log says when it serves (a moment after the start), or why it cannot. */
  liveReload: boolean;
  stop(): Promise<void>;
};

/** Counters the cost figures are made of; `npm run bench` reads them at `<edge>/_local/usage`. */
export type SystemUsage = {
  lambda: Record<string, { invocations: number; billedMs: number; memoryMb: number }>;
  dynamodb: CapacityCounters;
  stepFunctions: Record<string, { type: 'STANDARD' | 'EXPRESS'; executions: number; transitions: number; durationMs: number }>;
  eventBridge: { entries: number; deliveries: number };
  httpApi: { requests: number };
  /** What the services logged to CloudWatch Logs (the state machines' execution events). */
  logs: { ingestedBytes: number };
};

const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * Runs the synthesized cloud assembly on this machine, every stack of it in dependency order:
 * DynamoDB Local with the stacks' tables, each Lambda function's bundle in a worker thread, the
 * HTTP API, stream event source mappings, state machines and an AWS edge endpoint, all wired with
 * the values the templates resolve to (cross-stack imports included).
 */
export async function startLocalSystem(options: LocalSystemOptions): Promise<LocalSystem> {
  const log = options.log ?? (() => undefined);
  const stacks = readCloudAssembly(options.assemblyDir);
  const account: LocalAccount = { region: 'us-east-1', accountId: '000000000000', partition: 'aws', urlSuffix: 'amazonaws.com' };
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch((error: Error) => log(`while stopping: ${error.message}`));
  };

  // Set once the assembly's roles are read (after the tables: policies name stream ARNs); the
  // services built before then consult it at call time.
  let iam: LocalIam | undefined;
  let taskDynamo: DynamoDBClient | undefined;
  try {
    // First: its first build (to recognise the functions' code by) runs while the rest starts.
    // Its stop comes after the functions': the code it wrote stays until they are stopped.
    const reload = options.reload && new LiveReload({ projectDir: options.reload.projectDir, log });
    if (reload) stops.push(() => reload.stop());
    const stateDir = resolve(options.stateDir ?? '.local');
    // One key signs for every issuer the runtime serves or stands in for; kept so tokens survive restarts.
    const keyFile = join(stateDir, 'oidc-signing-key.json');
    const signingKey = await loadOrCreateSigningKey(keyFile);

    const emf = new EmfMetrics();
    const functionLogs = new FunctionLogs(emf, options.showFunctionLog ?? (() => undefined));
    const lambdas = new Map<string, LocalLambda>();
    const lambdaByNameOrArn = (id: string) => {
      const fn = lambdas.get(id) ?? [...lambdas.values()].find((l) => l.spec.arn === id);
      if (!fn) throw new Error(`no local function named ${id}`);
      return fn;
    };
    const usage = (): SystemUsage => ({
      lambda: Object.fromEntries(
        [...lambdas.values()].map((fn) => [fn.spec.displayName ?? fn.spec.name, { invocations: fn.invocations, billedMs: fn.billedMs, memoryMb: fn.spec.memoryMb }]),
      ),
      dynamodb: metering.snapshot(),
      stepFunctions: stepFunctions.usage(),
      eventBridge: eventBridge.usage(),
      httpApi: { requests: api.requests },
      logs: logGroups.usage(),
    });
    // The log groups AWS services write to (a state machine's execution events), read with FilterLogEvents.
    const logGroups = new LocalLogGroups();
    const stepFunctions = new LocalStepFunctions({
      writeLog: (group, stream, document, timestamp) => logGroups.append(group, stream, document, timestamp),
      invokeLambda: (id, payload, task, onStart) => {
        const fn = lambdaByNameOrArn(id);
        iam?.assertTaskMayInvoke(task, fn.spec.arn);
        return fn.invoke(payload, { onStart });
      },
      callDynamoDb: (operation, parameters, task) => {
        iam?.assertTaskMayCall(task, 'dynamodb', operation, parameters);
        if (!taskDynamo) throw new Error('DynamoDB Local is not running yet');
        return dynamoDbItemCall(taskDynamo, operation, parameters);
      },
      region: account.region,
      accountId: account.accountId,
      log,
      retryWaitMs: options.retryWaitMs,
    });
    stops.push(() => stepFunctions.idle());

    // Time inside the services that wait on it (SQS visibility, delays, retention); tests move it on.
    const clock = new LocalClock();
    const sqs = new LocalSqs(clock);
    const deliverToTarget = ruleTargetDelivery({
      startExecution: (input) => stepFunctions.startExecution(input),
      invokeLambda: (arn, payload) => lambdaByNameOrArn(arn).invoke(payload),
      sendMessage: (arn, body) => {
        const queue = sqs.queue(arn);
        if (!queue) throw new Error(`no local queue ${arn}`);
        queue.send(body);
      },
    });
    const ruleDelivery = authorizedDelivery(() => iam, deliverToTarget);
    const deadLetters = new LocalDeadLetters(join(stateDir, 'dead-letters'), log, (arn, body, attributes) => sqs.queue(arn)?.send(body, { attributes }));
    const faults = new LocalFaults();
    const eventBridge = new LocalEventBridge({
      region: account.region,
      accountId: account.accountId,
      deliver: (targetArn, input, source) => ruleDelivery(targetArn, input, source),
      deadLetter: (queueArn, letter) => deadLetters.send(queueArn, letter.body, letter.attributes),
      failEntry: () => faults.takePutEventsFault(),
      log: (line) => log(`events: ${line}`),
    });
    stops.push(() => eventBridge.idle());

    const edge = new LocalEdge(
      {
        AWSStepFunctions: (action, body) => handleStepFunctionsCall(stepFunctions, action, body),
        AWSEvents: (action, body) => handleEventBridgeCall(eventBridge, action, body),
        AmazonSQS: (action, body) => sqs.handle(action, body as Record<string, unknown>),
        Logs_20140328: (action, body) => handleLogsCall(logGroups, action, body),
      },
      {
        // Test-only: inject failures (see LocalFaults). Never reachable from the HTTP API.
        faults: async (method, body) => {
          if (method === 'DELETE') faults.clear();
          else faults.add(body as Fault);
          return { status: 204, body: {} };
        },
        usage: async () => ({ status: 200, body: usage() }),
        metrics: async () => ({ status: 200, body: emf.snapshot() }),
        logs: async (_method, body) => ({ status: 200, body: functionLogs.query(logFilterOf(body)) }),
        // Test-only: what reached the bus lately (to check, say, that no secret travels on it).
        'bus-entries': async () => ({ status: 200, body: eventBridge.recentEntries() }),
        // Test-only: moves the services' clock on, so an outage of hours plays out in seconds.
        clock: async (_method, body) => {
          clock.advance(Number((body as { advanceSeconds?: unknown }).advanceSeconds));
          return { status: 200, body: { now: new Date(clock.now()).toISOString() } };
        },
      },
    );
    const edgeUrl = await edge.listen(options.edgePort ?? 0);
    stops.push(() => edge.close());

    const api = new LocalHttpApi(
      (name, event, onStart) => lambdaByNameOrArn(name).invoke(event, { onStart }),
      (line) => log(`api: ${line}`),
      { verifyToken: tokenVerifier(keySetDocument([signingKey])), refuseInvoke: (route) => iam?.apiRouteRefusal(route) },
    );
    // The routes are known only after the functions are; the server starts first for its URL.
    const apiUrl = await api.listen(options.apiPort ?? 0);
    stops.push(() => api.close());
    // The saga console reads this runtime's Step Functions through the edge, as any SDK client would.
    const consoleSfn = new SFNClient({ endpoint: edgeUrl, region: account.region, credentials: CREDENTIALS });
    edge.servePages(CONSOLE_PATH, sagaConsole(consoleSfn, { base: CONSOLE_PATH, apiUrl }));
    edge.servePages(EXPLORER_PATH, apiExplorer({ base: EXPLORER_PATH, apiUrl }));

    // Every stack's physical names and resolvers; what the assembly asks that cannot run fails here.
    const assembly = new LocalAssembly(stacks, account, { apiUrl, edgeUrl });
    const ofType = (type: string) => assembly.ofType(type);
    log(`stacks: ${assembly.stackNames.join(', ')}`);

    // DynamoDB Local starts once the assembly is known to run: a bad one fails in a moment.
    const dynamo = await startDynamoDbLocal({ log: (line) => log(`dynamodb-local: ${line}`) });
    stops.push(() => dynamo.stop());
    const clientConfig = { endpoint: dynamo.endpoint, region: account.region, credentials: CREDENTIALS };
    // Functions reach DynamoDB Local through a meter that adds up the capacity they consume.
    const metering = new DynamoDbMetering(dynamo.endpoint);
    const meteredDynamo = await metering.listen();
    stops.push(() => metering.close());
    // A state machine's DynamoDB tasks go through the meter too (the runtime's own key: the local IAM checks the role before).
    taskDynamo = new DynamoDBClient({ ...clientConfig, endpoint: meteredDynamo });

    // Tables first, every stack's: stream ARNs exist only once DynamoDB Local has made the tables.
    const tables = ofType('AWS::DynamoDB::Table');
    const tableSpecs = tables.map((r) => ({ key: r.key, tableName: r.physical!.ref, properties: resourceProps(r) }));
    const streamArns = await createTables(new DynamoDBClient(clientConfig), tableSpecs);
    for (const r of tables) if (streamArns[r.key]) r.physical!.attributes.StreamArn = streamArns[r.key]!;
    log(`tables: ${tableSpecs.map((t) => t.tableName).join(', ')}`);

    if (options.iam !== false) {
      const enforced = new LocalIam({ resources: assembly.resources, account, tableKeys: tableKeysOf(tableSpecs), log });
      metering.setGuard((headers, body, url) => enforced.guardCall(headers, body, url));
      edge.setGuard((headers, body, url) => enforced.guardCall(headers, body, url));
      iam = enforced;
    } else log('iam: NOT enforced (--no-iam): a missing grant shows up only in AWS');

    const baseEnvironment = {
      AWS_REGION: account.region,
      AWS_DEFAULT_REGION: account.region,
      AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL: edgeUrl,
      AWS_ENDPOINT_URL_DYNAMODB: meteredDynamo,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    // What each part's wiring reads of the assembly (the IAM is set up by now).
    const wiring: TemplateContext = { ofType, props: resourceProps, account, iam, log, stops };
    for (const [name, fn] of await startFunctions(wiring, {
      assemblyDir: options.assemblyDir,
      baseEnvironment,
      onLine: (functionName, line) => functionLogs.receive(functionName, line),
      fault: (functionName, event, when) => faults.takeFunctionFault(functionName, event, when),
    }))
      lambdas.set(name, fn);
    const functionByAccessKey = new Map([...lambdas.keys()].map((name) => [accessKeyIdFor(name), name]));
    metering.setFaults(dynamoDbCallFaults(faults, (key) => functionByAccessKey.get(key), (name, matches) => lambdas.get(name)?.timeOut(matches)));

    registerStateMachines(wiring, stepFunctions, logGroups);

    for (const spec of queueSpecs(assembly.resources, resourceProps)) sqs.addQueue(spec);

    addRules(wiring, eventBridge, ruleDelivery);

    const { routes, authorizers, cors } = readHttpApi({
      resources: assembly.resources,
      props: resourceProps,
      functionNameByArn: (arn) => [...lambdas.values()].find((l) => l.spec.arn === arn)?.spec.name,
      localIssuer: localIssuerOf(assembly.resources, account.region),
      account,
    });
    api.setRoutes(routes, cors);
    if (cors) log(`api: CORS for ${cors.allowOrigins.join(', ')}`);
    // Every user pool's issuer, and any authorizer's issuer on the edge, gets its discovery document and key set there.
    const poolIssuers = ofType('AWS::Cognito::UserPool').map((r) => r.physical!.attributes.ProviderURL!);
    const servedIssuers = serveIssuers([...poolIssuers, ...authorizers.map((a) => a.issuer)], edge, edgeUrl, signingKey, log);
    const auth = localAuthInfo(authorizers, servedIssuers, keyFile);
    for (const a of authorizers) log(`auth: ${a.name} accepts tokens from ${a.issuer} for ${a.audiences.join(', ')}`);
    const streams = new DynamoDBStreamsClient(clientConfig);
    startEventSourceMappings(wiring, {
      lambda: lambdaByNameOrArn,
      sqs,
      streams,
      deadLetters,
      isTableStream: (arn) => tables.some((t) => t.physical!.attributes.StreamArn === arn),
      onTableWrite: (streamArn, listener) => {
        const table = tables.find((t) => t.physical!.attributes.StreamArn === streamArn)!.physical!.ref;
        metering.onWrite((written) => {
          if (written.includes(table)) listener();
        });
      },
    });

    // Not awaited: the system serves while that build ends; a save made meanwhile waits for it.
    if (reload) void reload.serve(lambdas.values());

    const { outputs, stackOutputs } = assembly.outputs();
    const physicalNames = assembly.physicalNames();
    const enforcedIam = iam;
    const iamStatus: IamStatus = enforcedIam
      ? { enforced: true, summary: enforcedIam.summary, stats: () => enforcedIam.stats() }
      : { enforced: false, stats: () => ({ checks: 0, denials: 0, totalMs: 0 }) };
    const { stackNames } = assembly;
    return { stackNames, apiUrl, edgeUrl, dynamodbEndpoint: dynamo.endpoint, outputs, stackOutputs, physicalNames, deadLetters, ...(auth ? { auth } : {}), usage, metrics: () => emf.snapshot(), logs: (filter) => functionLogs.query(filter), iam: iamStatus, liveReload: reload !== undefined, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A logs query's filter from the hook's parameters (query string or JSON body). */
function logFilterOf(body: unknown): LogFilter {
  const value = (key: string) => {
    const field = (body as Record<string, unknown> | undefined)?.[key];
    return typeof field === 'string' && field !== '' ? field : undefined;
  };
  return { correlationId: value('correlationId'), orderId: value('orderId') };
}
