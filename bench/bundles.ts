import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readCloudAssembly } from '../local/template/cloud-assembly';
import { percentile } from './stats';

/** `loadsSdk`: the bundle requires an AWS SDK client (the runtime's copy), so its init includes loading one. `http`: it serves a route of the HTTP API. */
export type BundleFigure = { function: string; bytes: number; initMs: number; loadsSdk: boolean; http: boolean };

/** A route's function says so in its description: `GET /orders/{id}: …`. */
const ROUTE_DESCRIPTION = /^(GET|POST|PUT|PATCH|DELETE) \//;

const MEASURE = `
const started = process.hrtime.bigint();
require(process.argv[1]);
process.stdout.write(String(Number(process.hrtime.bigint() - started) / 1e6));
`;

/**
 * Per function of every stack of the synthesized assembly: its bundle's size (minified, SDK external) and the time
 * to load it in a fresh Node process (the module init of a cold start, SDK loading included),
 * the median of `runs`. Environment variables the template writes out keep their value; references get
 * placeholders: no handler calls AWS at init.
 */
export function bundleFigures(assemblyDir: string, runs: number, onProgress?: (fraction: number) => void): BundleFigure[] {
  const functions = readCloudAssembly(assemblyDir).flatMap(({ template }) => Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::Lambda::Function'));
  return functions.map(([id, resource], index) => {
    const codeDir = join(assemblyDir, String(resource.Metadata?.['aws:asset:path']));
    const bundle = join(codeDir, 'index.js');
    const variables = ((resource.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {}) as Record<string, unknown>;
    const env = {
      PATH: process.env.PATH ?? '',
      AWS_REGION: 'us-east-1',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      // A value the template writes out (a setting such as CALLER_BUDGETS) as it is; a reference to a resource, a placeholder.
      ...Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, name === 'NODE_OPTIONS' ? '' : placeholderOf(name, value)])),
    };
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const result = spawnSync(process.execPath, ['-e', MEASURE, bundle], { env, encoding: 'utf8', cwd: codeDir });
      if (result.status !== 0) throw new Error(`${id}: loading ${bundle} failed: ${result.stderr.slice(0, 400)}`);
      times.push(Number(result.stdout));
    }
    onProgress?.((index + 1) / functions.length);
    const http = ROUTE_DESCRIPTION.test(String(resource.Properties?.Description ?? ''));
    return { function: id, bytes: statSync(bundle).size, initMs: percentile(times, 50), loadsSdk: readFileSync(bundle, 'utf8').includes('require("@aws-sdk/client-'), http };
  });
}

/** The size limit every function keeps to (issue: lighter functions). */
export const BUNDLE_LIMIT_BYTES = 150 * 1024;

/**
 * What the bundle figures say against the goals: the largest bundle, and how much longer the
 * HTTP functions take to load than the fastest-loading function that loads an SDK client.
 */
export function bundleVerdict(figures: BundleFigure[]): { largest: BundleFigure; baseline: BundleFigure; httpOverBaselineMs: { p50: number; max: number } } {
  const largest = figures.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  const baseline = figures.filter((f) => f.loadsSdk).reduce((a, b) => (b.initMs < a.initMs ? b : a));
  const over = figures.filter((f) => f.http && f.loadsSdk).map((f) => f.initMs - baseline.initMs);
  return { largest, baseline, httpOverBaselineMs: { p50: percentile(over, 50), max: Math.max(...over) } };
}

/** A variable's value with each reference in it replaced by a placeholder; a joined value (a JSON list of queue ARNs) keeps its shape. */
function placeholderOf(name: string, value: unknown): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] } | null)?.['Fn::Join'];
  if (join) return join[1].map((part, i) => placeholderOf(`${name}-${i}`, part)).join(join[0]);
  return `bench-${name.toLowerCase()}`;
}
