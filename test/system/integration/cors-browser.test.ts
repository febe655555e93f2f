import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { api } from '../../support/api';
import { ALLOWED_PAGE_ORIGIN, REFUSED_PAGE_ORIGIN } from '../../support/browser-origins';
import { bearer, CUSTOMER } from '../../support/callers';
import { chromiumLaunchOptions } from '../../support/chromium';
import { eventually } from '../../support/eventually';
import { describeLocal } from '../../support/local-only';
import { testEnv } from '../../support/test-env';

/** What the page's script saw: the answer's status, what it could read of it, or the error fetch threw. */
type Outcome = { status?: number; orderId?: string; etag?: string | null; correlationId?: string | null; error?: string };

/**
 * A page that calls the API as a web app would: fetch with the bearer token and a correlation id
 * (both need the preflight), then reads the body and two exposed headers into the page.
 */
function appPage(apiUrl: string, authorization: string, orderId: string): string {
  const config = JSON.stringify({ url: `${apiUrl}/orders/${orderId}`, authorization });
  return `<!doctype html><html><body><script>
const { url, authorization } = ${config};
fetch(url, { headers: { authorization, 'x-correlation-id': 'from-the-browser' } })
  .then(async (res) => ({ status: res.status, orderId: (await res.json()).orderId, etag: res.headers.get('etag'), correlationId: res.headers.get('x-correlation-id') }))
  .catch((error) => ({ error: error.name + ': ' + error.message }))
  .then((outcome) => { document.body.dataset.outcome = JSON.stringify(outcome); });
</script></body></html>`;
}

describeLocal('CORS in a real browser', 'the test run starts the local system with its page origin allowed', () => {
  let browser: Browser;
  let pages: Server;
  let orderId: string;

  beforeAll(async () => {
    orderId = (await api('POST', '/orders', { currency: 'EUR' })).body.orderId;
    // The page reads the orders view, which shows a new order moments later (longer while its projector cold-starts).
    await eventually(() => api('GET', `/orders/${orderId}`), (answer) => answer.status === 200, { what: `order ${orderId} in the orders view` });
    const html = appPage(testEnv().apiUrl!, await bearer(CUSTOMER), orderId);
    // A second local server, on another origin than the API: it serves the same page under both names.
    pages = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
    await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
    const { port } = pages.address() as AddressInfo;
    // Both page origins are port 80 to the browser, and reach this server: the allowed origin is
    // the same every run whatever port the server got.
    const hosts = [ALLOWED_PAGE_ORIGIN, REFUSED_PAGE_ORIGIN].map((origin) => new URL(origin).host);
    const rules = hosts.map((host) => `MAP ${host}:80 127.0.0.1:${port}`).join(', ');
    browser = await chromium.launch({ ...chromiumLaunchOptions(), args: [`--host-resolver-rules=${rules}`] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => pages?.close(resolve));
  });

  /** Opens the page served on `origin` and waits for what its fetch came to. */
  async function outcomeOn(origin: string): Promise<Outcome> {
    const page = await browser.newPage();
    try {
      await page.goto(`${origin}/`);
      expect(await page.evaluate('location.origin')).toBe(origin);
      const outcome = await page.waitForSelector('body[data-outcome]', { state: 'attached' }).then((body) => body.getAttribute('data-outcome'));
      return JSON.parse(outcome ?? '{}') as Outcome;
    } finally {
      await page.close();
    }
  }

  it('lets a page on an allowed origin call the API with a token and read the answer and its exposed headers', async () => {
    expect(await outcomeOn(ALLOWED_PAGE_ORIGIN)).toEqual({ status: 200, orderId, etag: '"1"', correlationId: 'from-the-browser' });
  });

  it('has the browser refuse the call of a page on an origin not allowed', async () => {
    expect(await outcomeOn(REFUSED_PAGE_ORIGIN)).toEqual({ error: 'TypeError: Failed to fetch' });
  });
});
