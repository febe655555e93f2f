import { html, trustedHtml, type SafeHtml } from './html';
import type { ConsoleLinks } from './pages';

const STYLE = `
body { font: 14px system-ui, sans-serif; margin: 24px; color: #1d2330; }
a { color: #0b5cad; } table { border-collapse: collapse; } td, th { padding: 4px 10px; border-bottom: 1px solid #e3e6ea; text-align: left; vertical-align: top; }
pre { background: #f4f5f7; padding: 8px; overflow: auto; max-height: 320px; } dt { font-weight: 600; } dd { margin: 0 0 6px 0; }
.open { color: #b42318; } .done { color: #1c7c3a; } #outcome { font-weight: 600; } textarea { width: 32em; height: 4em; display: block; margin: 6px 0; }
`;

/**
 * The script both inbox pages share: the admin's token (kept in this tab's session storage,
 * never on the server), and calls through the console's own relay (`<base>/api/…`, see
 * api-relay.ts). Everything from the API is put in the page as text (textContent), never markup.
 */
const SHARED = `
const TOKEN = 'orderline-admin-token';
const token = () => sessionStorage.getItem(TOKEN) || '';
async function call(method, path, body) {
  // A POST always as JSON: the console's server takes no other kind of POST (own-origin.ts).
  const post = method === 'POST';
  const response = await fetch(BASE + '/api' + path, { method, headers: { authorization: 'Bearer ' + token(), ...(post ? { 'content-type': 'application/json' } : {}) }, body: post ? JSON.stringify(body ?? {}) : undefined });
  const text = await response.text();
  let parsed;
  try { parsed = text ? JSON.parse(text) : undefined; } catch { parsed = { detail: text }; }
  return { status: response.status, body: parsed };
}
function cell(row, text) { const td = document.createElement('td'); td.textContent = text ?? ''; row.appendChild(td); return td; }
function say(text) { document.getElementById('outcome').textContent = text; }
document.getElementById('token-form').addEventListener('submit', (event) => { event.preventDefault(); sessionStorage.setItem(TOKEN, document.getElementById('token').value.trim()); load(); });
document.getElementById('token').value = token();
`;

function page(title: string, links: ConsoleLinks, body: SafeHtml, script: string): string {
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><style>${trustedHtml(STYLE)}</style></head><body>
<p><a href="${links.base}/">saga console</a> · <a href="${links.base}/inbox">inbox</a></p>
<form id="token-form">Admin token <input id="token" name="token" type="password" size="40" autocomplete="off" placeholder="npm run -s token -- --admin"> <button type="submit">use</button></form>
${body}
<p id="outcome" role="status"></p>
<script>const BASE = ${trustedHtml(JSON.stringify(links.base))};${trustedHtml(SHARED)}${trustedHtml(script)}</script>
</body></html>`.text;
}

/** The open items (or done ones), newest first, by kind: what needs a person (GET /inbox). */
export function inboxListPage(links: ConsoleLinks): string {
  const body = html`<h1>Operator's inbox</h1>
<form id="filter">State <select id="state"><option>open</option><option>done</option></select> Kind <select id="kind"><option value="">all</option><option>compensation</option><option>parked-event</option><option>effect</option><option>bus-target</option><option>stream-batch</option></select></form>
<table><thead><tr><th>item</th><th>kind</th><th>source</th><th>concerns</th><th>since</th><th>error</th><th>state</th></tr></thead><tbody id="items"></tbody></table>`;
  const script = `
document.getElementById('filter').addEventListener('change', () => load());
async function load() {
  if (!token()) return say('Paste an admin token to see the inbox.');
  const query = new URLSearchParams({ state: document.getElementById('state').value, limit: '100' });
  if (document.getElementById('kind').value) query.set('kind', document.getElementById('kind').value);
  const { status, body } = await call('GET', '/inbox?' + query);
  const rows = document.getElementById('items');
  rows.replaceChildren();
  if (status !== 200) return say(status + ': ' + (body?.detail ?? body?.message ?? 'the inbox did not answer'));
  for (const item of body.items) {
    const row = document.createElement('tr');
    row.dataset.item = item.itemId;
    const link = document.createElement('a');
    link.href = BASE + '/inbox/item?id=' + encodeURIComponent(item.itemId);
    link.textContent = item.itemId;
    cell(row, '').appendChild(link);
    cell(row, item.kind); cell(row, item.source); cell(row, item.concerns ? item.concerns.type + ' ' + item.concerns.id : ''); cell(row, item.at); cell(row, item.error);
    cell(row, item.state).className = item.state;
    rows.appendChild(row);
  }
  say(body.items.length ? body.items.length + ' item(s)' : 'Nothing here.');
}
load();`;
  return page("Operator's inbox", links, body, script);
}

/** One item: what it is, the message, its history, and the retry and resolve buttons (the same routes as the API's). */
export function inboxItemPage(links: ConsoleLinks): string {
  const body = html`<h1>Inbox item <code id="item-id"></code> <span id="state"></span></h1>
<dl id="facts"></dl>
<h2>Message</h2><pre id="message"></pre>
<h2>History</h2><ol id="history"></ol>
<p><button id="retry" type="button">Retry</button></p>
<form id="resolve"><label>Note (what was done) <textarea id="note" name="note" required maxlength="2000"></textarea></label><button type="submit">Resolve</button></form>`;
  const script = `
const itemId = new URLSearchParams(location.search).get('id') || '';
function show(item) {
  document.getElementById('item-id').textContent = item.itemId;
  const state = document.getElementById('state');
  state.textContent = item.state; state.className = item.state; document.body.dataset.state = item.state;
  const facts = document.getElementById('facts');
  facts.replaceChildren();
  for (const [name, value] of [['kind', item.kind], ['source', item.source], ['concerns', item.concerns ? item.concerns.type + ' ' + item.concerns.id : ''], ['since', item.at], ['error', item.error], ['cause', item.cause], ['attempts', String(item.attempts)], ['retrying until', item.retryingUntil || '']]) {
    const dt = document.createElement('dt'); dt.textContent = name; const dd = document.createElement('dd'); dd.textContent = value; facts.append(dt, dd);
  }
  document.getElementById('message').textContent = JSON.stringify(item.message, null, 2);
  const history = document.getElementById('history');
  history.replaceChildren();
  for (const record of item.history) {
    const li = document.createElement('li');
    li.dataset.record = record.type;
    li.textContent = record.at + ' ' + record.type + (record.by ? ' by ' + record.by : '') + (record.note ? ': ' + record.note : '') + (record.error ? ': ' + record.error : '');
    history.appendChild(li);
  }
  document.getElementById('retry').disabled = item.state !== 'open' || !item.retryable;
  document.getElementById('resolve').hidden = item.state !== 'open';
}
async function load() {
  if (!token()) return say('Paste an admin token to see the item.');
  const { status, body } = await call('GET', '/inbox/' + encodeURIComponent(itemId));
  if (status !== 200) return say(status + ': ' + (body?.detail ?? body?.message ?? 'the inbox did not answer'));
  show(body);
}
document.getElementById('retry').addEventListener('click', async () => {
  const { status, body } = await call('POST', '/inbox/' + encodeURIComponent(itemId) + '/retry');
  if (status === 200 || status === 202) { show(body); say(status === 202 ? 'Retry asked of the saga\\'s context; its outcome will show in the history.' : 'Retried.'); }
  else say(status + ': ' + (body?.detail ?? 'the retry failed'));
});
document.getElementById('resolve').addEventListener('submit', async (event) => {
  event.preventDefault();
  const { status, body } = await call('POST', '/inbox/' + encodeURIComponent(itemId) + '/resolve', { note: document.getElementById('note').value });
  if (status === 200) { show(body); say('Resolved.'); } else say(status + ': ' + (body?.detail ?? 'not resolved'));
});
load();`;
  return page('Inbox item', links, body, script);
}
