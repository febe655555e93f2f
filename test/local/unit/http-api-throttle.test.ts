import { LocalHttpApi } from '../../../local/http-api';
import { TokenBucket } from '../../../local/http-api/throttle';

/** A clock the test moves by hand, so refills happen exactly when the test says. */
function manualClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('a route throttle (token bucket)', () => {
  it('lets a burst through, then refuses until the rate refills it', () => {
    const clock = manualClock();
    const bucket = new TokenBucket({ rateLimit: 2, burstLimit: 3 }, clock.now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    clock.advance(499);
    expect(bucket.take()).toBe(false); // 0.998 of a token
    clock.advance(1);
    expect([bucket.take(), bucket.take()]).toEqual([true, false]);
  });

  it('never holds more than its burst, however long it rests', () => {
    const clock = manualClock();
    const bucket = new TokenBucket({ rateLimit: 100, burstLimit: 2 }, clock.now);
    clock.advance(60_000);
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, false]);
  });

  it('with a zero burst refuses everything, as a stage with burst 0 does', () => {
    const bucket = new TokenBucket({ rateLimit: 10, burstLimit: 0 }, manualClock().now);
    expect(bucket.take()).toBe(false);
  });
});

describe('throttling in the local HTTP API', () => {
  const clock = manualClock();
  const invoked: string[] = [];
  const api = new LocalHttpApi(
    async (fn) => {
      invoked.push(fn);
      return { statusCode: 200, body: fn };
    },
    () => undefined,
    { now: clock.now },
  );
  let url = '';
  beforeAll(async () => {
    api.setRoutes([
      { routeKey: 'POST /orders', functionName: 'createOrder', throttle: { rateLimit: 1, burstLimit: 2 } },
      { routeKey: 'GET /orders/{id}', functionName: 'getOrder', throttle: { rateLimit: 1, burstLimit: 1 } },
      { routeKey: 'GET /stats', functionName: 'getStats', throttle: { rateLimit: 1, burstLimit: 1 } },
      { routeKey: 'GET /health', functionName: 'health' },
    ]);
    url = await api.listen(0);
  });
  afterAll(() => api.close());
  beforeEach(() => (invoked.length = 0));

  it('answers past the burst 429 Too Many Requests without invoking the function, and serves again once refilled', async () => {
    const post = () => fetch(`${url}/orders`, { method: 'POST', body: '{}' });
    expect([(await post()).status, (await post()).status]).toEqual([200, 200]);
    const throttled = await post();
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('content-type')).toBe('application/json');
    expect(await throttled.json()).toEqual({ message: 'Too Many Requests' });
    expect(invoked).toEqual(['createOrder', 'createOrder']);

    clock.advance(1000);
    expect((await post()).status).toBe(200);
    expect((await post()).status).toBe(429);
  });

  it('keeps one bucket per route: a throttled route leaves the others alone', async () => {
    expect((await fetch(`${url}/orders/o-1`)).status).toBe(200);
    expect((await fetch(`${url}/orders/o-2`)).status).toBe(429);
    expect((await fetch(`${url}/stats`)).status).toBe(200);
    expect(invoked).toEqual(['getOrder', 'getStats']);
  });

  it('does not limit a route without throttle settings', async () => {
    const statuses = await Promise.all(Array.from({ length: 25 }, () => fetch(`${url}/health`).then((r) => r.status)));
    expect(new Set(statuses)).toEqual(new Set([200]));
  });
});
