import { checkReadiness, type Probe } from '../../../../functions/platform/health/readiness';
import { parseDependencies, type Dependency } from '../../../../functions/platform/health/dependencies';

/** The readiness runner with probes made here: what it does with answers, errors and silence (the AWS calls are tested through the running system). */
describe('checkReadiness', () => {
  const table = (name: string): Dependency => ({ kind: 'table', name });

  it('is ready only when every dependency answers, and names each check', async () => {
    const probe: Probe = async (dependency) => {
      if (dependency.kind === 'table' && dependency.name === 'down') throw Object.assign(new Error('unreachable'), { name: 'InternalServerError' });
    };
    expect(await checkReadiness([table('up')], probe, 1000)).toMatchObject({ ready: true, checks: [{ name: 'table up', ok: true }] });
    const result = await checkReadiness([table('up'), table('down'), { kind: 'bus', name: 'orderline' }], probe, 1000);
    expect(result.ready).toBe(false);
    expect(result.checks.map(({ name, ok, detail }) => ({ name, ok, detail }))).toEqual([
      { name: 'table up', ok: true, detail: undefined },
      { name: 'table down', ok: false, detail: 'InternalServerError: unreachable' },
      { name: 'event bus orderline', ok: true, detail: undefined },
    ]);
  });

  it('counts a dependency that does not answer within the bound as down, and aborts its call', async () => {
    let aborted = false;
    const silent: Probe = (_dependency, signal) =>
      new Promise(() => {
        signal.addEventListener('abort', () => (aborted = true));
      });
    const result = await checkReadiness([table('silent')], silent, 20);
    expect(result).toMatchObject({ ready: false, checks: [{ name: 'table silent', ok: false, detail: 'CheckTimedOut: no answer within 20 ms' }] });
    expect(aborted).toBe(true);
  });

  it("reads one context's list per line of the environment", () => {
    expect(parseDependencies('[{"kind":"table","name":"a"}]\n\n[{"kind":"state-machine","arn":"arn:aws:states:us-east-1:1:stateMachine:s"}]')).toEqual([
      { kind: 'table', name: 'a' },
      { kind: 'state-machine', arn: 'arn:aws:states:us-east-1:1:stateMachine:s' },
    ]);
  });
});
