import { execFile } from 'node:child_process';
import { cpSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { scratchDir } from './scratch';

const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);
/** What a copy of the project holds: its sources and settings; node_modules is linked, not copied. */
const PARTS = ['bin', 'lib', 'functions', 'test', 'local', 'tools', 'bench', 'package.json', 'package-lock.json', 'openapi.json', 'tsconfig.json', 'cdk.json', 'jest.config.js', '.dependency-cruiser.cjs'];

/** A throwaway copy of the project in the run's scratch folder, to change and check without touching the work tree. */
export function copyProject(): { dir: string; remove: () => void; run: (command: string, args: string[], env?: Record<string, string>) => Promise<{ code: number; output: string }> } {
  const dir = scratchDir('orderline-copy-');
  for (const part of PARTS) cpSync(join(ROOT, part), join(dir, part), { recursive: true, filter: (source) => !/\/(cdk\.out|\.local)(\/|$)/.test(source) });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return {
    dir,
    remove: () => rmSync(dir, { recursive: true, force: true }),
    run: (command, args, env = {}) => runCommand(dir, command, args, env),
  };
}

/** Runs a command in `dir` to its end: its exit code and its output (stdout, then stderr). */
export async function runCommand(dir: string, command: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd: dir, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : 1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

/** A tool of the project's node_modules, by name. */
export const bin = (name: string): string => join(ROOT, 'node_modules', '.bin', name);

/**
 * TypeScript 7's `tsc` (the native compiler), which type-checks the project, as `npm run build`
 * does: a full check in about 4 s of CPU where TypeScript 5.9 took about 25. The package named
 * `typescript` stays 5.9 for dependency-cruiser, which reads TypeScript through the API that 7
 * does not have; both put a `tsc` in node_modules/.bin, so the path is spelled out.
 */
export const tsc = (args: string[]): [string, string[]] => [process.execPath, [join(ROOT, 'node_modules', 'typescript-7', 'bin', 'tsc'), ...args]];
