import type { ExecutionListItem, StateMachineListItem } from '@aws-sdk/client-sfn';
import type { ExecutionPath, PathStep } from './execution-path';
import { html, trustedHtml, type SafeHtml } from './html';
import type { GraphLayout, PlacedEdge, Point } from './layout';

/** Where the console lives on its server, and how the order of an execution is reached on the API (when known). */
export type ConsoleLinks = { base: string; apiUrl?: string };

const STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

const STYLE = `
body { font: 14px system-ui, sans-serif; margin: 24px; color: #1d2330; }
a { color: #0b5cad; } table { border-collapse: collapse; } td, th { padding: 4px 10px; border-bottom: 1px solid #e3e6ea; text-align: left; }
.status-SUCCEEDED { color: #1c7c3a; } .status-FAILED, .status-TIMED_OUT, .status-ABORTED { color: #b42318; } .status-RUNNING { color: #8a6d00; }
svg .state rect { fill: #f4f5f7; stroke: #9aa3ad; rx: 6; } svg .state text { font-size: 12px; dominant-baseline: middle; text-anchor: middle; }
svg .state.succeeded rect { fill: #dcf3e3; stroke: #1c7c3a; stroke-width: 2; } svg .state.caught rect { fill: #fff1d6; stroke: #b86e00; stroke-width: 2; }
svg .state.failed rect { fill: #fde2df; stroke: #b42318; stroke-width: 2; } svg .state.running rect { fill: #e4ecfb; stroke: #2f5fb3; stroke-width: 2; }
svg .edge { fill: none; stroke: #b8bfc7; stroke-width: 1.2; } svg .edge.catch { stroke-dasharray: 5 3; stroke: #d9a3a0; } svg .edge.retry { stroke-dasharray: 2 2; stroke: #c7b27a; }
svg .edge.taken { stroke: #1d2330; stroke-width: 2.4; } svg .edge.catch.taken { stroke: #b42318; } svg .edge.retry.taken { stroke: #b86e00; }
svg .label { font-size: 10px; fill: #6b7380; } svg .attempts { font-size: 10px; fill: #b86e00; font-weight: 600; }
details { margin: 6px 0; } pre { background: #f4f5f7; padding: 8px; overflow: auto; max-height: 240px; }
.legend span { margin-right: 14px; }
`;

function page(title: string, body: SafeHtml, refresh: boolean): string {
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${refresh ? html`<meta http-equiv="refresh" content="2">` : ''}<style>${trustedHtml(STYLE)}</style></head><body>${body}</body></html>`.text;
}

/** The state machines, each with a page of its executions, newest first, filtered by status; refreshing while any runs. */
export function homePage(
  machines: { machine: StateMachineListItem; executions: ExecutionListItem[]; nextToken?: string }[],
  filter: { status?: string },
  links: ConsoleLinks,
): string {
  const running = machines.some((m) => m.executions.some((e) => e.status === 'RUNNING'));
  const body = html`<h1>Orderline saga console</h1>
<p><a href="${links.base}/inbox">Operator's inbox</a>: what needs a person (failed compensations, dead letters).</p>
<form method="get" action="${links.base}/">Status <select name="status" onchange="this.form.submit()"><option value="">all</option>${STATUSES.map(
    (s) => html`<option value="${s}"${s === filter.status ? html` selected` : ''}>${s}</option>`,
  )}</select></form>
${machines.map(
  ({ machine, executions, nextToken }) => html`<h2 data-state-machine="${machine.name}">${machine.name} <small>(${machine.type})</small></h2>
<table data-state-machine="${machine.name}"><thead><tr><th>execution</th><th>status</th><th>started</th><th>stopped</th></tr></thead><tbody>
${executions.map(
  (e) => html`<tr data-execution="${e.name}" data-started="${e.startDate ? new Date(e.startDate).toISOString() : ''}"><td><a href="${links.base}/execution?arn=${encodeURIComponent(e.executionArn ?? '')}">${e.name}</a></td><td class="status-${e.status}">${e.status}</td><td>${iso(e.startDate)}</td><td>${iso(e.stopDate)}</td></tr>`,
)}
</tbody></table>
${
  machine.type === 'EXPRESS'
    ? html`<p data-express="${machine.name}">An Express workflow: Step Functions keeps no list or history of its executions. Its runs are in its runs table and its steps in its log group; read them with <code>GET /sagas?saga=…</code> and the saga's own route (<code>GET /orders/{id}/saga</code>, <code>GET /transfers/{id}</code>).</p>`
    : executions.length === 0
      ? html`<p>No executions${filter.status ? html` ${filter.status}` : ''}.</p>`
      : ''
}
${nextToken ? html`<p><a href="${links.base}/?stateMachine=${encodeURIComponent(machine.stateMachineArn ?? '')}&status=${filter.status ?? ''}&nextToken=${encodeURIComponent(nextToken)}">older executions →</a></p>` : ''}`,
)}`;
  return page('Saga console', body, running);
}

/** The curl lines for what the saga is about (an admin's token: links would 401). */
function apiLines(apiUrl: string, name: string, subject: 'order' | 'transfer'): SafeHtml {
  if (subject === 'transfer') return html`<p>The transfer (admin token): <code>curl -H "authorization: Bearer $ADMIN" ${apiUrl}/transfers/${name}</code></p>`;
  return html`<p>The order (admin token): <code>curl -H "authorization: Bearer $ADMIN" ${apiUrl}/orders/${name}/events</code> · <code>…/orders/${name}</code> · <code>…/orders/${name}/saga</code></p>`;
}

/** One execution: the state machine's graph with the path lit up, then each step's input, output, error and cause. */
export function executionPage(
  execution: { name: string; status: string; stateMachineName: string; startDate?: Date; stopDate?: Date; error?: string; cause?: string; subject?: 'order' | 'transfer' },
  layout: GraphLayout,
  path: ExecutionPath,
  links: ConsoleLinks,
): string {
  const last = new Map<string, PathStep>();
  for (const step of path.steps) last.set(step.name, step);
  const taken = new Set(path.taken.map(edgeKey));
  const margin = 20;
  const body = html`<p><a href="${links.base}/">← all executions</a></p>
<h1 data-execution-status="${execution.status}">${execution.stateMachineName} / ${execution.name} <span class="status-${execution.status}">${execution.status}</span></h1>
<p>started ${iso(execution.startDate)}${execution.stopDate ? html`, stopped ${iso(execution.stopDate)}` : ''}${execution.error ? html` · error <code>${execution.error}</code>` : ''}</p>
${links.apiUrl ? apiLines(links.apiUrl, execution.name, execution.subject ?? 'order') : ''}
<p class="legend"><span>━ next</span><span>┅ catch (red when taken)</span><span>┈ retry</span><span>green: succeeded · amber: caught · red: failed · blue: running</span></p>
<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width + margin * 2}" height="${layout.height + margin * 2}" viewBox="${-margin} ${-margin} ${layout.width + margin * 2} ${layout.height + margin * 2}">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#6b7380"/></marker></defs>
${layout.edges.map((edge) => edgeSvg(edge, taken.has(edgeKey(edge))))}
${layout.states.map((state) => {
  const step = last.get(state.name);
  const visits = path.steps.filter((s) => s.name === state.name);
  const attempts = visits.reduce((n, s) => n + s.attempts, 0);
  return html`<a href="#step-${state.name}"><g class="state ${step?.status ?? 'not-run'}" data-state="${state.name}" data-status="${step?.status ?? 'not-run'}" data-attempts="${attempts}"><rect x="${state.x}" y="${state.y}" width="${state.width}" height="${state.height}"/><text x="${state.x + state.width / 2}" y="${state.y + state.height / 2}">${state.name}</text>${
    attempts > 1 ? html`<text class="attempts" x="${state.x + state.width - 4}" y="${state.y - 3}" text-anchor="end">${attempts} attempts</text>` : ''
  }<title>${state.type}: ${step?.status ?? 'not run'}</title></g></a>`;
})}
</svg>
<h2>Steps</h2>
${path.steps.map(
  (step, index) => html`<details id="step-${step.name}" class="step" data-step="${step.name}" data-status="${step.status}"${step.status !== 'succeeded' ? html` open` : ''}>
<summary>${index + 1}. ${step.name} <span class="status-${step.status === 'succeeded' ? 'SUCCEEDED' : step.status === 'running' ? 'RUNNING' : 'FAILED'}">${step.status}</span>${step.attempts > 1 ? html` · ${step.attempts} attempts` : ''}${step.errors.length ? html` · errors: ${step.errors.join(', ')}` : ''}</summary>
${step.error ? html`<p>error <code class="error">${step.error}</code></p><pre class="cause">${step.cause ?? ''}</pre>` : ''}
<p>input</p><pre class="input">${pretty(step.input)}</pre>
${step.output !== undefined ? html`<p>output</p><pre class="output">${pretty(step.output)}</pre>` : ''}
</details>`,
)}`;
  return page(`${execution.name} · saga console`, body, execution.status === 'RUNNING');
}

function edgeSvg(edge: PlacedEdge, taken: boolean): SafeHtml {
  const d = edge.points.map((p: Point, i: number) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join(' ');
  return html`<g data-edge="${edge.from}->${edge.to}" data-kind="${edge.kind}" data-taken="${String(taken)}"><path class="edge ${edge.kind}${taken ? ' taken' : ''}" d="${d}" marker-end="url(#arrow)"/>${
    edge.label && edge.labelAt ? html`<text class="label" x="${edge.labelAt.x}" y="${edge.labelAt.y + 9}">${edge.label}</text>` : ''
  }</g>`;
}

const edgeKey = (edge: { from: string; to: string; kind: string }) => `${edge.from}|${edge.to}|${edge.kind}`;
const iso = (date: Date | undefined) => (date ? new Date(date).toISOString().replace('T', ' ').slice(0, 19) : '');

function pretty(json: string | undefined): string {
  if (json === undefined) return '';
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}
