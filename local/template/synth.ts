import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['bin', 'lib', 'functions', 'cdk.json', 'package-lock.json', 'openapi.json'];
/**
 * The context values the assembly in cdk.out was synthesized with, and its manifest's time then
 * (written next to the manifest): a `cdk synth` run by hand rewrites the manifest, with other
 * context, and leaves this file, so the time tells that the assembly is no longer ours.
 */
const CONTEXT_FILE = 'orderline-local-context.json';

/**
 * Synthesizes the CDK app into `cdk.out` with the project's pinned CDK CLI and these context
 * values (`-c key=value`), unless the assembly there is newer than every source it is made from
 * and was made with the same context.
 */
export async function synthesize(projectDir: string, options: { force?: boolean; context?: Record<string, string>; log: (line: string) => void }): Promise<string> {
  const assemblyDir = join(projectDir, 'cdk.out');
  const manifest = join(assemblyDir, 'manifest.json');
  const context = JSON.stringify(options.context ?? {});
  if (!options.force && currentContext(projectDir) === context) {
    options.log('cdk.out is up to date; not synthesizing (use --synth to force)');
    return assemblyDir;
  }
  options.log('synthesizing the CDK app (cdk synth)…');
  const started = Date.now();
  const contextArgs = Object.entries(options.context ?? {}).flatMap(([key, value]) => ['-c', `${key}=${value}`]);
  await run(join(projectDir, 'node_modules', '.bin', 'cdk'), ['synth', '--quiet', '--output', assemblyDir, ...contextArgs], projectDir);
  writeFileSync(join(assemblyDir, CONTEXT_FILE), stamp(context, manifest));
  options.log(`synthesized in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return assemblyDir;
}

/** What CONTEXT_FILE holds. */
type Stamp = { context: string; manifestMtimeMs: number };

const stamp = (context: string, manifest: string): string => JSON.stringify({ context, manifestMtimeMs: statSync(manifest).mtimeMs } satisfies Stamp);

/** The context the project's assembly was synthesized with, if it is newer than every source and still ours; else undefined. */
function currentContext(projectDir: string): string | undefined {
  const assemblyDir = join(projectDir, 'cdk.out');
  const manifest = join(assemblyDir, 'manifest.json');
  const file = join(assemblyDir, CONTEXT_FILE);
  if (!existsSync(manifest) || !existsSync(file) || statSync(manifest).mtimeMs <= newestSource(projectDir)) return undefined;
  const stamped = parsed(readFileSync(file, 'utf8'));
  return stamped?.manifestMtimeMs === statSync(manifest).mtimeMs ? stamped.context : undefined;
}

function parsed(text: string): Stamp | undefined {
  try {
    return JSON.parse(text) as Stamp;
  } catch {
    return undefined;
  }
}

/**
 * Copies the project's assembly into `copyDir`, a copy of the project just made (the same sources,
 * in newer files), and keeps it current there: the copy's `npm start` with the same context runs it
 * without synthesizing again. Copies nothing, and says so, unless the assembly is current here.
 */
export function copyCurrentAssembly(projectDir: string, copyDir: string): boolean {
  const context = currentContext(projectDir);
  if (context === undefined) return false;
  const assemblyDir = join(copyDir, 'cdk.out');
  cpSync(join(projectDir, 'cdk.out'), assemblyDir, { recursive: true });
  const manifest = join(assemblyDir, 'manifest.json');
  const now = Math.max(Date.now(), newestSource(copyDir) + 1) / 1000;
  utimesSync(manifest, now, now);
  writeFileSync(join(assemblyDir, CONTEXT_FILE), stamp(context, manifest));
  return true;
}

function newestSource(projectDir: string): number {
  const newest = (path: string): number => {
    if (!existsSync(path)) return 0;
    const stat = statSync(path);
    if (!stat.isDirectory()) return stat.mtimeMs;
    return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
  };
  return Math.max(...SOURCES.map((source) => newest(join(projectDir, source))));
}

function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // CDK_VALIDATION=false skips construct validation: synth takes about half the time.
    const child = spawn(command, args, { cwd, env: { ...process.env, CDK_VALIDATION: 'false' }, stdio: ['ignore', 'pipe', 'pipe'] });
    // Bundling prints a screenful per function; show it only when synth fails.
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`cdk synth failed with exit code ${code}:\n${output}`))));
  });
}
