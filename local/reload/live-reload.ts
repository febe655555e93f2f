import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { bundleStemOf, handlerEntries } from '../../lib/platform/function-bundles';
import type { LocalLambda } from '../lambda';
import { recogniseFunctions } from './function-code';
import { buildHandlers, type HandlerBuild, type HandlerBundle } from './handler-build';
import { watchTrees, type ChangeBurst } from './watch-trees';
import { writeBundle } from './write-bundle';

export type LiveReloadOptions = {
  /** The project: a save under its functions/ is rebuilt and served; one under lib/ or bin/ is reported as needing a restart. */
  projectDir: string;
  log: (line: string) => void;
  /** Milliseconds without a change that end an editor's save (several events). Default 50. */
  quietMs?: number;
};

/** What one handler entry's running functions are served, and what it is made of. */
type Served = { functions: LocalLambda[]; hash: string; inputs: Set<string> };

/** The files a save can change a bundle with; not an editor's swap or backup files. */
const isSource = (path: string) => /\.(ts|tsx|mts|cts|js|mjs|cjs|json)$/.test(path);

/**
 * Serves each save under functions/ to the functions it changes. It builds only the handlers whose
 * bundle includes a changed file, in a one-off esbuild build of those few (an incremental esbuild
 * context rebuilds every entry point it has: 2 to 3 s for all 62 on two cores, where one handler
 * takes tens to a few hundred ms). The bundles that came out different are written into a folder of
 * its own (the cloud assembly stays as synthesized) and their functions told: the next invocation
 * cold-starts the new code. A build that fails is reported with esbuild's message and swaps nothing.
 */
export class LiveReload {
  /** The project folder as esbuild names its sources: links resolved. */
  private readonly projectDir: string;
  /** Where the new bundles go, one folder per entry; removed on stop. */
  private readonly outdir: string;
  private readonly firstBuild: Promise<HandlerBuild>;
  private readonly watchers: { close(): void }[];
  /** By entry, once {@link serve} has recognised the functions. */
  private served: Map<string, Served> | undefined;
  private changes: ChangeBurst | undefined;
  /** Entries whose last build failed: built again with the next save, wherever it is. */
  private readonly failing = new Set<string>();
  private applying: Promise<void> | undefined;
  private stopped = false;

  /** Starts watching and the first build of every handler (to recognise the functions by). */
  constructor(private readonly options: LiveReloadOptions) {
    const projectDir = (this.projectDir = realpathSync(options.projectDir));
    // In the project, as cdk.out is: what the bundles leave out (the AWS SDK) is found in its node_modules.
    mkdirSync(join(projectDir, '.local'), { recursive: true });
    this.outdir = mkdtempSync(join(projectDir, '.local', 'reload-'));
    const { quietMs } = options;
    const functionsDir = join(projectDir, 'functions');
    const onError = (error: Error) => options.log(`reload: watching failed: ${error.message}`);
    // Watching first: a save during the first build is applied once the functions are served.
    this.watchers = [
      watchTrees([functionsDir], { quietMs, accept: isSource, onBurst: (burst) => this.onFunctionsSaved(burst), onError }),
      watchTrees([join(projectDir, 'lib'), join(projectDir, 'bin')], { quietMs, accept: isSource, onBurst: (burst) => this.onAppSaved(burst), onError }),
    ];
    this.firstBuild = buildHandlers(projectDir, handlerEntries(functionsDir).sort(), this.outdir).catch((error: Error) => ({ ok: false, message: error.message, files: [] }));
  }

  /**
   * Serves these functions new code from now on, each recognised by the handler its code was built
   * from, once the first build is done; false (and why, logged) when it cannot. Never rejects.
   */
  async serve(lambdas: Iterable<LocalLambda>): Promise<boolean> {
    const first = await this.firstBuild;
    if (this.stopped) return false;
    if (!first.ok) {
      this.options.log(`reload: OFF: the handlers under functions/ do not build now, so the running functions cannot be matched to them; fix them and restart\n${first.message}`);
      return false;
    }
    try {
      this.recognise(lambdas, first.bundles);
    } catch (error) {
      this.options.log(`reload: OFF: ${(error as Error).message}`);
      return false;
    }
    this.applyChanges();
    return true;
  }

  private recognise(lambdas: Iterable<LocalLambda>, bundles: Map<string, HandlerBundle>): void {
    const { byEntry, unrecognised } = recogniseFunctions(lambdas, bundles);
    this.served = new Map([...byEntry].map(([entry, functions]) => [entry, { functions, hash: bundles.get(entry)!.hash, inputs: bundles.get(entry)!.inputs }]));
    const count = [...byEntry.values()].flat().length;
    this.options.log(`reload: on: a save under functions/ is live on the next invocation (${count} functions from ${byEntry.size} handlers); a change under lib/ or bin/ needs a restart`);
    if (unrecognised.length) this.options.log(`reload: not reloaded until a restart: ${namesOf(unrecognised)}, whose code no handler under functions/ builds to now (changed while starting?)`);
  }

  /** Stops watching, lets a build in progress finish, and removes the bundles it wrote. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const watcher of this.watchers) watcher.close();
    await this.firstBuild;
    await this.applying;
    rmSync(this.outdir, { recursive: true, force: true });
  }

  private onFunctionsSaved(burst: ChangeBurst): void {
    this.changes = this.changes ? { paths: [...new Set([...this.changes.paths, ...burst.paths])], startedAt: this.changes.startedAt } : burst;
    this.applyChanges();
  }

  private onAppSaved({ paths }: ChangeBurst): void {
    this.options.log(
      `reload: ${this.named(paths)} changed: NOT applied live. The CDK app (lib/, bin/) makes the templates this runtime runs ` +
        `(routes, permissions, environment, tables); restart (Ctrl-C, then npm start, which re-synthesizes) to run the change`,
    );
  }

  /** One rebuild at a time; saves made meanwhile are applied together after it. */
  private applyChanges(): void {
    if (!this.served || this.applying || this.stopped || !this.changes) return;
    const changes = this.changes;
    this.changes = undefined;
    this.applying = this.apply(changes, this.served)
      .catch((error: Error) => this.options.log(`reload: failed: ${error.stack ?? error.message}`))
      .finally(() => {
        this.applying = undefined;
        this.applyChanges();
      });
  }

  private async apply({ paths, startedAt }: ChangeBurst, served: Map<string, Served>): Promise<void> {
    const what = this.named(paths);
    const including = [...served].filter(([, s]) => paths.some((path) => s.inputs.has(path))).map(([entry]) => entry);
    if (!including.length && !this.failing.size) return this.options.log(`reload: ${what} changed: no running function includes it`);
    // Those that failed last time too: the save may be the file that mends them, new to their imports.
    const { renewed, failed } = await this.rebuild([...new Set([...including, ...this.failing])], served);
    if (this.stopped) return;
    const ms = Math.round(performance.now() - startedAt);
    if (failed) this.options.log(`reload: ${what} changed but does not build; the functions keep the code they run until a save that builds:\n${failed}`);
    if (renewed.length) this.options.log(`reload: ${what} changed: new code for ${namesOf(renewed)}, live ${ms} ms after the save`);
    else if (!failed) this.options.log(`reload: ${what} changed: no function's code changed`);
  }

  /**
   * Builds these entries; the functions of each bundle that came out different get it. One build
   * fails whole, so when it does, the entries that include none of the files in error are built
   * again without the others: a broken handler does not hold back the rest of a save.
   */
  private async rebuild(entries: string[], served: Map<string, Served>): Promise<{ renewed: LocalLambda[]; failed?: string }> {
    const built = await buildHandlers(this.projectDir, entries, this.outdir);
    if (built.ok) return { renewed: await this.swap(built.bundles, served) };
    const unharmed = entries.filter((entry) => !built.files.some((file) => served.get(entry)!.inputs.has(file)));
    const broken = entries.filter((entry) => !unharmed.includes(entry));
    for (const entry of broken) this.failing.add(entry);
    if (!unharmed.length || !broken.length) {
      for (const entry of unharmed) this.failing.add(entry);
      return { renewed: [], failed: built.message };
    }
    const rest = await this.rebuild(unharmed, served);
    return { renewed: rest.renewed, failed: [built.message, rest.failed].filter(Boolean).join('\n') };
  }

  /** Writes each bundle that differs from what its functions run and tells them; returns those functions. */
  private async swap(bundles: Map<string, HandlerBundle>, served: Map<string, Served>): Promise<LocalLambda[]> {
    const renewed: LocalLambda[] = [];
    for (const [entry, bundle] of bundles) {
      this.failing.delete(entry);
      const current = served.get(entry)!;
      // Its imports may have changed: the next save is matched against what it includes now.
      current.inputs = bundle.inputs;
      if (bundle.hash === current.hash || this.stopped) continue;
      const codeDir = dirname(join(this.outdir, bundleStemOf(entry)));
      await writeBundle(codeDir, bundle);
      current.hash = bundle.hash;
      for (const fn of current.functions) fn.reload(codeDir);
      renewed.push(...current.functions);
    }
    return renewed;
  }

  private named(paths: readonly string[]): string {
    return paths.map((path) => relative(this.projectDir, path)).join(', ');
  }
}

/** Functions as logs name them, counted when there are several. */
function namesOf(functions: readonly LocalLambda[]): string {
  const names = functions.map((fn) => fn.spec.displayName ?? fn.spec.name).join(', ');
  return functions.length === 1 ? names : `${functions.length} functions (${names})`;
}
