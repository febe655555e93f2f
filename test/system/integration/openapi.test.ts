import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { as } from '../../support/api';
import { chromiumLaunchOptions } from '../../support/chromium';
import { describeLocal } from '../../support/local-only';
import { testEnv } from '../../support/test-env';

const committed = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'openapi.json'), 'utf8')) as { paths: Record<string, unknown> };

describe('GET /openapi.json', () => {
  it('answers the committed document without a token', async () => {
    const { status, headers, body } = await as('anonymous')('GET', '/openapi.json');
    expect([status, headers.get('content-type')]).toEqual([200, 'application/json']);
    expect(body).toEqual(committed);
  });
});

describeLocal('the API explorer', 'the explorer is served by the local runtime', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await chromium.launch(chromiumLaunchOptions());
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('serves the running API\'s document with the local API as its server', async () => {
    const response = await fetch(`${testEnv().edgeUrl}/_explorer/openapi.json`);
    const document = (await response.json()) as { servers: { url: string }[]; paths: Record<string, unknown> };
    expect(document.servers.map((server) => server.url)).toEqual([testEnv().apiUrl]);
    expect(Object.keys(document.paths)).toEqual(Object.keys(committed.paths));
  });

  it('renders every operation of the document in a real browser (Swagger UI)', async () => {
    const page = await browser.newPage();
    await page.goto(`${testEnv().edgeUrl}/_explorer/`);
    await page.waitForSelector('.opblock-summary-path');
    const shown = await page.locator('.opblock-summary-path').evaluateAll((paths) => paths.map((path) => path.getAttribute('data-path')));
    const operations = Object.entries(committed.paths).flatMap(([path, item]) => Object.keys(item as object).map(() => path));
    expect(shown.sort()).toEqual(operations.sort());
    await page.close();
  });
});
