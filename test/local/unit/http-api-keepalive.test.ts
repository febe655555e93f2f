import { Agent, request } from 'node:http';
import { LocalHttpApi } from '../../../local/http-api';

/** The function behind the route is a test function: this tests the local API Gateway itself. */
describe('the local HTTP API and an oversized body', () => {
  const api = new LocalHttpApi(async () => ({ statusCode: 200, body: 'ok' }));
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  let port = 0;

  beforeAll(async () => {
    api.setRoutes([{ routeKey: 'POST /things', functionName: 'things' }]);
    port = Number(new URL(await api.listen(0)).port);
  });
  afterAll(async () => {
    agent.destroy();
    await api.close();
  });

  const post = (body: Buffer) =>
    new Promise<{ status: number; reused: boolean; text: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/things', agent, headers: { 'content-type': 'application/json' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket, text: Buffer.concat(chunks).toString() }));
      });
      req.on('error', reject);
      req.end(body);
    });

  it('answers 413 past 10 MB as API Gateway does, and the same keep-alive connection serves the next request', async () => {
    const huge = await post(Buffer.alloc(11 * 1024 * 1024, 'x'));
    expect(huge).toMatchObject({ status: 413, reused: false });
    expect(JSON.parse(huge.text)).toEqual({ message: 'Request Entity Too Large' });
    const next = await post(Buffer.from('{}'));
    expect(next).toEqual({ status: 200, reused: true, text: 'ok' });
  });
});
