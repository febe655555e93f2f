import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildSync, type BuildOptions } from 'esbuild';

const ROOT = join(__dirname, '..', '..');
const FUNCTIONS = join(ROOT, 'functions');
/** Where the bundles of each build are kept, by the hash of what they are made of (gitignored). */
export const BUNDLES_DIR = join(ROOT, '.bundles');
/** How many builds `.bundles` keeps, the most recently used: each is about 40 MB. */
const KEPT_BUILDS = 3;

/**
 * How every function is bundled, as NodejsFunction would: CommonJS for Node 24, minified, with
 * source maps beside each bundle, class names kept (Step Functions matches Retry and Catch on error
 * names) and the AWS SDK left to the Lambda runtime.
 */
export const BUNDLE_OPTIONS: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node24',
  minify: true,
  keepNames: true,
  sourcemap: true,
  external: ['@aws-sdk/*'],
  logLevel: 'silent',
};

/** Every handler file under functions/ (one that exports `handler`: a const or a function), relative to functions/. */
export function handlerEntries(functionsDir = FUNCTIONS): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return walk(path);
      return name.endsWith('.ts') && /^export (const|async function|function) handler\b/m.test(readFileSync(path, 'utf8')) ? [relative(functionsDir, path)] : [];
    });
  return walk(functionsDir);
}

/** The bundle of an entry, relative to the build's outdir: `<entry without .ts>/index` (+ `.js`, `.js.map`). */
export function bundleStemOf(entry: string): string {
  return join(entry.replace(/\.ts$/, ''), 'index');
}

/** esbuild's entryPoints for these entries: each bundle at {@link bundleStemOf} its entry. */
export function bundleEntryPoints(entries: readonly string[], functionsDir = FUNCTIONS): Record<string, string> {
  return Object.fromEntries(entries.map((entry) => [bundleStemOf(entry), join(functionsDir, entry)]));
}

let built: { dir: string; entries: Set<string> } | undefined;

/**
 * The folder holding the bundle of one handler (`index.js` and its map), for `Code.fromAsset`.
 * Every handler of the project is bundled in ONE esbuild build, the first time any is asked for,
 * and kept under `.bundles/<hash of the sources and settings>`: a synth with nothing changed
 * builds nothing, and one with a change builds every bundle in about the time one took before.
 */
export function bundleDirOf(entry: string): string {
  built ??= buildAll();
  if (!built.entries.has(entry)) throw new Error(`functions/${entry} is not a handler file (it must export its handler)`);
  return join(built.dir, entry.replace(/\.ts$/, ''));
}

function buildAll(): { dir: string; entries: Set<string> } {
  const entries = handlerEntries().sort();
  const dir = join(BUNDLES_DIR, sourcesHash(entries));
  if (!existsSync(dir)) {
    // Built aside, then renamed: a synth running beside this one never sees half a build.
    const partial = `${dir}.${process.pid}.partial`;
    rmSync(partial, { recursive: true, force: true });
    buildSync({
      ...BUNDLE_OPTIONS,
      entryPoints: bundleEntryPoints(entries),
      outdir: partial,
    });
    mkdirSync(BUNDLES_DIR, { recursive: true });
    try {
      renameSync(partial, dir);
    } catch (error) {
      // Another process finished the same build first: its bundles are these.
      if (!existsSync(dir)) throw error;
      rmSync(partial, { recursive: true, force: true });
    }
    pruneBuilds(BUNDLES_DIR, KEPT_BUILDS);
  } else {
    // Marked as used: pruning drops the builds least recently used (an edit a minute would otherwise pile up gigabytes).
    const now = new Date();
    utimesSync(dir, now, now);
  }
  return { dir, entries: new Set(entries) };
}

/**
 * Removes the builds of `dir` beyond the `keep` most recently used (by their folder's modification
 * time, set when built or reused). A build half made (`.partial`, another synth's) is left alone.
 */
export function pruneBuilds(dir: string, keep: number): void {
  const builds = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.endsWith('.partial'))
    // A build another synth pruned meanwhile has no time, and nothing left to remove.
    .map((entry) => ({ path: join(dir, entry.name), usedAt: statSync(join(dir, entry.name), { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
    .sort((a, b) => b.usedAt - a.usedAt);
  for (const { path } of builds.slice(keep)) rmSync(path, { recursive: true, force: true });
}

/** What the bundles are made of: the entries, every source under functions/, the lock file (dependency versions) and the settings. */
function sourcesHash(entries: string[]): string {
  const hash = createHash('sha256').update(entries.join('\n')).update('\0');
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else hash.update(relative(ROOT, path)).update('\0').update(readFileSync(path)).update('\0');
    }
  };
  walk(FUNCTIONS);
  // The API document GET /openapi.json bundles (functions/platform/queries/openapi-document.ts) lives beside package.json.
  hash.update(readFileSync(join(ROOT, 'openapi.json'))).update(readFileSync(join(ROOT, 'package-lock.json'))).update(JSON.stringify(BUNDLE_OPTIONS));
  return hash.digest('hex').slice(0, 20);
}
