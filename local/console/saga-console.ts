import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  type ExecutionStatus,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { executionHistory } from '../../functions/platform/saga/execution-history';
import { aslGraph } from './asl-graph';
import { executionPath, type ConsoleHistoryEvent } from './execution-path';
import { escapeHtml } from './html';
import { layoutGraph } from './layout';
import { executionPage, homePage, type ConsoleLinks } from './pages';
import { relayToApi, type RelayedRequest } from './api-relay';
import { inboxItemPage, inboxListPage } from './inbox-pages';

/** A page of the console: HTML, with its status. */
export type ConsolePage = { status: number; contentType: string; body: string };

const STATUSES = new Set<string>(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']);
const PAGE_SIZE = 25;

/**
 * The saga console over any Step Functions API: the local runtime's (through the edge) or a
 * deployed stack's (`npm run console -- --aws`). It reads with ListStateMachines, ListExecutions,
 * DescribeExecution, DescribeStateMachine and GetExecutionHistory, and renders pages on the server
 * (no script in the browser): `<base>/` lists, `<base>/execution?arn=` shows one execution.
 * The operator's inbox pages (`<base>/inbox`, `<base>/inbox/item?id=`) run in the browser with the
 * admin's own token, calling the API's inbox routes through `<base>/api/…` (api-relay.ts).
 */
export function sagaConsole(sfn: SFNClient, links: ConsoleLinks): (pathAndQuery: string, request?: RelayedRequest) => Promise<ConsolePage> {
  return async (pathAndQuery, request = { method: 'GET' }) => {
    const url = new URL(pathAndQuery, 'http://console');
    const path = url.pathname.slice(links.base.length) || '/';
    const query = (name: string) => url.searchParams.get(name) || undefined;
    if (path.startsWith('/api/')) return relayToApi(links.apiUrl, `${path.slice('/api'.length)}${url.search}`, request);
    if (request.method !== 'GET') return { status: 405, contentType: 'text/plain; charset=utf-8', body: 'the console pages are read with GET' };
    if (path === '/inbox') return ok(inboxListPage(links));
    if (path === '/inbox/item') return ok(inboxItemPage(links));
    try {
      if (path === '/') return ok(await home(sfn, links, { status: query('status'), stateMachineArn: query('stateMachine'), nextToken: query('nextToken') }));
      if (path === '/execution' && query('arn')) return ok(await execution(sfn, links, query('arn')!));
      return { status: 404, contentType: 'text/plain; charset=utf-8', body: `no console page at ${path}` };
    } catch (error) {
      const { name, message } = error as Error;
      const status = /DoesNotExist|InvalidArn|InvalidToken|Validation/.test(name) ? 400 : 502;
      return { status, contentType: 'text/html; charset=utf-8', body: `<!doctype html><p>${escapeHtml(`${name}: ${message}`)}</p><p><a href="${escapeHtml(links.base)}/">back</a></p>` };
    }
  };
}

async function home(sfn: SFNClient, links: ConsoleLinks, asked: { status?: string; stateMachineArn?: string; nextToken?: string }): Promise<string> {
  const status = asked.status && STATUSES.has(asked.status) ? (asked.status as ExecutionStatus) : undefined;
  const machines = ((await sfn.send(new ListStateMachinesCommand({}))).stateMachines ?? []).filter((m) => !asked.stateMachineArn || m.stateMachineArn === asked.stateMachineArn);
  const listed = await Promise.all(
    machines.map(async (machine) => {
      // Step Functions lists no Express executions: the console says where to read them instead.
      if (machine.type === 'EXPRESS') return { machine, executions: [] };
      const page = await sfn.send(
        new ListExecutionsCommand({ stateMachineArn: machine.stateMachineArn, statusFilter: status, maxResults: PAGE_SIZE, nextToken: asked.stateMachineArn ? asked.nextToken : undefined }),
      );
      return { machine, executions: page.executions ?? [], nextToken: page.nextToken };
    }),
  );
  return homePage(listed, { status }, links);
}

async function execution(sfn: SFNClient, links: ConsoleLinks, executionArn: string): Promise<string> {
  const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
  const machine = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: described.stateMachineArn }));
  const history = await executionHistory(sfn, executionArn, true);
  const graph = aslGraph(JSON.parse(machine.definition ?? '{"StartAt":"","States":{}}'));
  const status = described.status ?? 'RUNNING';
  const path = executionPath(graph, history as ConsoleHistoryEvent[], status);
  const layout = await layoutGraph(graph);
  return executionPage(
    { name: described.name ?? '', status, stateMachineName: machine.name ?? '', startDate: described.startDate, stopDate: described.stopDate, error: described.error, cause: described.cause, subject: subjectOf(described.input) },
    layout,
    path,
    links,
  );
}

/** What a saga is about, from its input: a transfer (`transferId`) or else an order. */
function subjectOf(input: string | undefined): 'order' | 'transfer' {
  try {
    return 'transferId' in (JSON.parse(input ?? '{}') as object) ? 'transfer' : 'order';
  } catch {
    return 'order';
  }
}

function ok(body: string): ConsolePage {
  return { status: 200, contentType: 'text/html; charset=utf-8', body };
}
