import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { api, as, asAdmin } from '../../support/api';
import { newCustomer, openAccount, requestTransfer, transferEnded } from '../../support/bank-api';
import { addProduct, createOrder } from '../../support/fixtures';
import { eventually } from '../../support/eventually';
import { describeLocal } from '../../support/local-only';
import { injectFault, sagaEnded } from '../../support/saga';
import { testEnv } from '../../support/test-env';
import { chromiumLaunchOptions } from '../../support/chromium';
import { ADMIN, tokenFor } from '../../support/callers';

const SCREENSHOTS = join(__dirname, '..', '..', '..', '.local');

describeLocal('the saga console, in a real browser', 'the console is served by the local runtime (npm run console -- --aws serves it over AWS)', () => {
  let browser: Browser;
  let page: Page;
  const orders: Record<'confirmed' | 'rejected' | 'compensationFailed', string> = { confirmed: '', rejected: '', compensationFailed: '' };
  /** A transfer to a closed account: its credit is refused, the source refunded. */
  let rejectedTransfer = '';

  beforeAll(async () => {
    const sku = await addProduct(10);
    orders.confirmed = await createOrder([{ sku, quantity: 1 }]);
    orders.rejected = await createOrder([{ sku, quantity: 1 }]);
    orders.compensationFailed = await createOrder([{ sku, quantity: 1 }]);
    await injectFault({ kind: 'function', function: 'ReleaseStockFunction', orderId: orders.compensationFailed, error: { name: 'Error', message: 'the stock service is down' }, times: 99 });
    await api('POST', `/orders/${orders.confirmed}/place`, { paymentMethod: 'tok_visa' });
    await api('POST', `/orders/${orders.rejected}/place`, { paymentMethod: 'tok_declined' });
    await api('POST', `/orders/${orders.compensationFailed}/place`, { paymentMethod: 'tok_declined' });
    for (const orderId of Object.values(orders)) await sagaEnded(orderId);
    const owner = newCustomer();
    const payee = newCustomer();
    const source = await openAccount(owner, 1_000);
    const closed = await openAccount(payee);
    await as(payee)('POST', `/accounts/${closed}/close`);
    rejectedTransfer = (await requestTransfer(owner, source, closed, 300)).body.transferId;
    await transferEnded(rejectedTransfer);
    browser = await chromium.launch(chromiumLaunchOptions());
    page = await browser.newPage({ viewport: { width: 1300, height: 1200 } });
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** Opens an execution from the list, as a person would: by its link. */
  async function openExecution(orderId: string, screenshot: string): Promise<void> {
    await page.goto(`${testEnv().edgeUrl}/_console/`);
    await page.locator(`tr[data-execution="${orderId}"] a`).click();
    await page.waitForSelector('h1[data-execution-status]');
    await page.screenshot({ path: join(SCREENSHOTS, screenshot), fullPage: true });
  }
  const stateStatus = (name: string) => page.locator(`g.state[data-state="${name}"]`).getAttribute('data-status');
  const edgeTaken = (from: string, to: string, kind: string) => page.locator(`g[data-edge="${from}->${to}"][data-kind="${kind}"]`).getAttribute('data-taken');

  it('lists each state machine (the order saga and the transfer saga) with its executions newest first, and filters them by status', async () => {
    await page.goto(`${testEnv().edgeUrl}/_console/`);
    const machines = await page.locator('h2[data-state-machine]').evaluateAll((hs) => hs.map((h) => h.getAttribute('data-state-machine') ?? ''));
    expect(machines.map((name) => name.replace(/^Orderline-\w+-/, '').replace(/[0-9A-F]{8}$/, '')).sort()).toEqual(['saga-order', 'saga-transfer']);
    const orderSaga = `table[data-state-machine$="-saga-order"]`;
    const rows = await page.locator(`${orderSaga} tr[data-execution]`).evaluateAll((trs) => trs.map((tr) => ({ name: tr.getAttribute('data-execution'), started: tr.getAttribute('data-started') ?? '' })));
    for (const orderId of Object.values(orders)) expect(rows.map((r) => r.name)).toContain(orderId);
    const started = rows.map((r) => r.started);
    expect(started).toEqual([...started].sort().reverse());

    await page.selectOption('select[name="status"]', 'FAILED');
    await page.waitForURL(/status=FAILED/);
    const failed = await page.locator(`${orderSaga} tr[data-execution]`).evaluateAll((rows) => rows.map((row) => row.getAttribute('data-execution')));
    expect(failed).toContain(orders.compensationFailed);
    expect(failed).not.toContain(orders.confirmed);
    expect(failed).not.toContain(orders.rejected);
  });

  it('shows a confirmed order’s path: every forward step succeeded, no compensation ran', async () => {
    await openExecution(orders.confirmed, 'console-confirmed.png');
    expect(await page.locator('h1').getAttribute('data-execution-status')).toBe('SUCCEEDED');
    for (const state of ['ReserveStock', 'ChargePayment', 'CommitStock', 'ConfirmOrder', 'Confirmation', 'OrderConfirmed']) expect([state, await stateStatus(state)]).toEqual([state, 'succeeded']);
    for (const state of ['RefundPayment', 'ReleaseStock', 'CancelOrder']) expect([state, await stateStatus(state)]).toEqual([state, 'not-run']);
    expect(await edgeTaken('ChargePayment', 'CommitStock', 'next')).toBe('true');
    expect(await edgeTaken('CommitStock', 'ConfirmOrder', 'next')).toBe('true');
    expect(await edgeTaken('ChargePayment', 'RefundPayment', 'catch')).toBe('false');
    expect(await page.locator('details[data-step="ChargePayment"] pre.output').textContent()).toContain('chargeId');
  });

  it('shows a rejected order’s path: the decline caught into the compensations, in reverse, to OrderRejected', async () => {
    await openExecution(orders.rejected, 'console-rejected.png');
    expect(await stateStatus('ChargePayment')).toBe('caught');
    expect(await edgeTaken('ChargePayment', 'RefundPayment', 'catch')).toBe('true');
    for (const state of ['RefundPayment', 'ReleaseStock', 'CancelOrder', 'Rejection', 'OrderRejected']) expect([state, await stateStatus(state)]).toEqual([state, 'succeeded']);
    expect(await stateStatus('ConfirmOrder')).toBe('not-run');
    const charge = page.locator('details[data-step="ChargePayment"]');
    expect(await charge.getAttribute('open')).not.toBeNull();
    expect(await charge.locator('code.error').textContent()).toBe('PaymentDeclined');
    expect(await charge.locator('pre.cause').textContent()).toContain('declined');
  });

  it('shows a failed compensation: ReleaseStock retried, then caught into its failure record, the chain going on to CancelOrder, ending in CompensationFailed', async () => {
    await openExecution(orders.compensationFailed, 'console-compensation-failed.png');
    expect(await page.locator('h1').getAttribute('data-execution-status')).toBe('FAILED');
    expect(await stateStatus('ReleaseStock')).toBe('caught');
    expect(await page.locator('g.state[data-state="ReleaseStock"]').getAttribute('data-attempts')).toBe('4');
    expect(await page.locator('g.state[data-state="ReleaseStock"] text.attempts').textContent()).toBe('4 attempts');
    expect(await edgeTaken('ReleaseStock', 'ReleaseStock', 'retry')).toBe('true');
    expect(await edgeTaken('ReleaseStock', 'RecordReleaseStockFailure', 'catch')).toBe('true');
    expect(await stateStatus('RecordReleaseStockFailure')).toBe('succeeded');
    expect(await edgeTaken('RecordReleaseStockFailure', 'CancelOrder', 'next')).toBe('true');
    expect(await stateStatus('CancelOrder')).toBe('succeeded');
    expect(await stateStatus('CompensationFailed')).toBe('failed');
    const release = page.locator('details[data-step="ReleaseStock"]');
    expect(await release.locator('code.error').textContent()).toBe('Error');
    expect(await release.locator('pre.cause').textContent()).toContain('the stock service is down');
  });

  it("opens the operator's inbox with an admin token, opens the failed compensation, and resolves it with a note", async () => {
    const itemId = `comp-order-${orders.compensationFailed}`;
    await page.goto(`${testEnv().edgeUrl}/_console/`);
    await page.locator('a', { hasText: "Operator's inbox" }).click();
    // Without a token the page asks for one; the token stays in the tab.
    await page.waitForSelector('#outcome:has-text("admin token")');
    await page.fill('#token', await tokenFor(ADMIN));
    await page.click('#token-form button');
    await page.selectOption('#kind', 'compensation');
    await page.locator(`tr[data-item="${itemId}"] a`).click();
    await page.waitForSelector('body[data-state="open"]');
    expect(await page.locator('#facts').textContent()).toContain('ReleaseStock failed past its retries');
    expect(await page.locator('#history li[data-record="Opened"]').count()).toBe(1);
    await page.fill('#note', 'released the held unit by hand (browser)');
    await page.click('#resolve button');
    await page.waitForSelector('body[data-state="done"]');
    await page.screenshot({ path: join(SCREENSHOTS, 'console-inbox-resolved.png'), fullPage: true });
    expect(await page.locator('#history li[data-record="Resolved"]').textContent()).toContain('by admin:admin-1: released the held unit by hand (browser)');
    // The API says the same: the browser called the inbox's own route, as the admin.
    const item = await asAdmin('GET', `/inbox/${itemId}`);
    expect(item.body).toMatchObject({ state: 'done' });
    expect(item.body.history.at(-1)).toMatchObject({ type: 'Resolved', by: 'admin:admin-1', note: 'released the held unit by hand (browser)' });
  });

  it('shows a transfer saga too: the credit to a closed account caught, the source refunded, the transfer rejected', async () => {
    await openExecution(rejectedTransfer, 'console-transfer-rejected.png');
    expect(await page.locator('h1').getAttribute('data-execution-status')).toBe('SUCCEEDED');
    expect(await stateStatus('DebitSource')).toBe('succeeded');
    expect(await stateStatus('CreditTarget')).toBe('caught');
    expect(await edgeTaken('CreditTarget', 'RefundSource', 'catch')).toBe('true');
    for (const state of ['RefundSource', 'EndTransfer', 'TransferRejected']) expect([state, await stateStatus(state)]).toEqual([state, 'succeeded']);
    expect(await stateStatus('CompleteTransfer')).toBe('not-run');
    expect(await page.locator('details[data-step="CreditTarget"] code.error').textContent()).toBe('AccountClosed');
    // The curl line reads the transfer, not an order of the same id.
    expect(await page.locator('body').textContent()).toContain(`/transfers/${rejectedTransfer}`);
  });
});

describeLocal('npm run console -- --aws', 'it points the tool at the local runtime through AWS_ENDPOINT_URL, as an SDK client would be pointed at AWS', () => {
  it('serves the same console from the Step Functions API its SDK client reaches', async () => {
    const sku = await addProduct(2);
    const orderId = await createOrder([{ sku, quantity: 1 }]);
    await api('POST', `/orders/${orderId}/place`, { paymentMethod: 'tok_visa' });
    await sagaEnded(orderId);
    const tool = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '..', '..', '..', 'tools', 'console.ts'), '--aws', '--port', '0', '--api-url', testEnv().apiUrl!], {
      env: { PATH: process.env.PATH ?? '', AWS_ENDPOINT_URL: testEnv().edgeUrl, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        tool.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const found = /(http:\/\/127\.0\.0\.1:\d+\/_console\/)/.exec(out);
          if (found) resolve(found[1]!);
        });
        tool.on('exit', (code) => reject(new Error(`npm run console exited with ${code}: ${out}`)));
      });
      const home = await (await fetch(url)).text();
      expect(home).toContain(`data-execution="${orderId}"`);
      const arn = /href="(\/_console\/execution\?arn=[^"]+)"/.exec(home.slice(home.indexOf(`data-execution="${orderId}"`)))?.[1];
      const page = await (await fetch(new URL(arn!.replace(/&amp;/g, '&'), url))).text();
      expect(page).toContain('data-execution-status="SUCCEEDED"');
      expect(page).toContain('data-state="CommitStock" data-status="succeeded"');
      // With --api-url it serves the inbox pages, and relays their calls to the API's inbox routes with the page's token.
      expect(await (await fetch(new URL('/_console/inbox', url))).text()).toContain('id="token-form"');
      const authorization = `Bearer ${await tokenFor(ADMIN)}`;
      const listed = await fetch(new URL('/_console/api/inbox?limit=1', url), { headers: { authorization } });
      expect([listed.status, Object.keys((await listed.json()) as object)]).toEqual([200, expect.arrayContaining(['items'])]);
      expect((await fetch(new URL('/_console/api/inbox', url))).status).toBe(401);
      // Nothing but the inbox routes, and no POST from another site's page.
      expect((await fetch(new URL('/_console/api/orders', url), { headers: { authorization } })).status).toBe(404);
      const foreign = await fetch(new URL('/_console/api/inbox/dl-x/retry', url), { method: 'POST', headers: { authorization, origin: 'https://evil.example', 'content-type': 'application/json' }, body: '{}' });
      expect(foreign.status).toBe(403);
    } finally {
      tool.kill();
    }
  }, 60_000);
});

describe('GET /sagas', () => {
  it('lists the order sagas newest first, a page at a time, by status, for admins only', async () => {
    const sku = await addProduct(5);
    const placed: string[] = [];
    for (let i = 0; i < 3; i++) {
      const orderId = await createOrder([{ sku, quantity: 1 }]);
      await api('POST', `/orders/${orderId}/place`, { paymentMethod: 'tok_visa' });
      placed.push(orderId);
    }
    for (const orderId of placed) await sagaEnded(orderId);

    const seen: { orderId: string; status: string; startedAt: string }[] = [];
    let cursor: string | undefined;
    do {
      const res = await asAdmin('GET', `/sagas?status=SUCCEEDED&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor && seen.length < 400);
    expect(seen.every((s) => s.status === 'SUCCEEDED')).toBe(true);
    const startedAt = seen.map((s) => s.startedAt);
    expect(startedAt).toEqual([...startedAt].sort().reverse());
    expect(new Set(seen.map((s) => s.orderId)).size).toBe(seen.length);
    const positions = [...placed].reverse().map((id) => seen.findIndex((s) => s.orderId === id));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));

    const first = await asAdmin('GET', '/sagas?limit=1&status=SUCCEEDED');
    expect((await asAdmin('GET', `/sagas?limit=1&status=FAILED&cursor=${first.body.nextCursor}`)).status).toBe(400);
    for (const bad of ['status=DONE', 'limit=0', 'cursor=not*base64', 'cursor=eyJzIjoic2FnYXM6In0', 'sort=asc']) {
      const res = await asAdmin('GET', `/sagas?${bad}`);
      expect([bad, res.status, res.headers.get('content-type')]).toEqual([bad, 400, expect.stringContaining('application/problem+json')]);
    }
    expect((await api('GET', '/sagas')).status).toBe(403);
  });

  it('lists the transfer sagas with saga=transfer, named by their transfers; a cursor stays with its saga', async () => {
    const owner = newCustomer();
    const source = await openAccount(owner, 1_000);
    const target = await openAccount(newCustomer());
    const transferId: string = (await requestTransfer(owner, source, target, 100)).body.transferId;
    await transferEnded(transferId);
    const listed = await eventually(() => asAdmin('GET', '/sagas?saga=transfer&status=SUCCEEDED&limit=100'), (r) => r.body?.items?.some((s: { transferId: string }) => s.transferId === transferId), { what: 'the transfer saga in the list' });
    expect(listed.body.items.every((s: { transferId?: string; orderId?: string }) => s.transferId && !s.orderId)).toBe(true);
    expect((await asAdmin('GET', '/sagas?limit=100')).body.items.some((s: { orderId: string }) => s.orderId === transferId)).toBe(false);
    const first = await asAdmin('GET', '/sagas?saga=transfer&limit=1');
    // The console test's transfer and this one: there is a second page.
    expect(first.body.nextCursor).toEqual(expect.any(String));
    expect((await asAdmin('GET', `/sagas?limit=1&cursor=${first.body.nextCursor}`)).status).toBe(400);
    expect((await asAdmin('GET', '/sagas?saga=payment')).status).toBe(400);
  });
});
