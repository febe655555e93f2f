import { createHash } from 'node:crypto';
import { basename, join, resolve } from 'node:path';
import { build, formatMessages, type BuildFailure, type Metafile } from 'esbuild';
import { BUNDLE_OPTIONS, bundleEntryPoints, bundleStemOf } from '../../lib/platform/function-bundles';

/** One handler's bundle, built in memory: the files to write, and what it is made of. */
export type HandlerBundle = {
  /** `index.js` and `index.js.map`, by name in the bundle's folder. */
  files: { name: string; contents: Uint8Array }[];
  /** sha256 of `index.js`: the code itself, to recognise the function running it. */
  codeHash: string;
  /** sha256 of `index.js` and its map: whether what a function is served would change. */
  hash: string;
  /** Absolute paths of the sources bundled into it: a change to any of them rebuilds it. */
  inputs: Set<string>;
};

/**
 * The bundles by entry; or esbuild's errors as it prints them (file, line, the code, a caret) and
 * the files they are in (absolute paths; none for an error of no file).
 */
export type HandlerBuild = { ok: true; bundles: Map<string, HandlerBundle> } | { ok: false; message: string; files: string[] };

/**
 * Bundles these handler entries (relative to `<projectDir>/functions`) in memory, as synth does
 * (BUNDLE_OPTIONS), for the folder `outdir`: each bundle is the one a function of the cloud assembly
 * runs, byte for byte, and its source map names the sources as seen from `outdir/<entry>/`.
 */
export async function buildHandlers(projectDir: string, entries: readonly string[], outdir: string): Promise<HandlerBuild> {
  let result: { outputFiles: { path: string; contents: Uint8Array }[]; metafile: Metafile };
  try {
    result = await build({ ...BUNDLE_OPTIONS, entryPoints: bundleEntryPoints(entries, join(projectDir, 'functions')), outdir, absWorkingDir: projectDir, write: false, metafile: true });
  } catch (error) {
    if (!isBuildFailure(error)) throw error;
    const message = (await formatMessages(error.errors, { kind: 'error', color: false })).join('').trimEnd();
    // esbuild names the file of an error relative to the working directory.
    return { ok: false, message, files: error.errors.flatMap((e) => (e.location ? [resolve(projectDir, e.location.file)] : [])) };
  }
  const files = new Map(result.outputFiles.map((file) => [file.path, file.contents]));
  // The metafile names outputs and inputs relative to the working directory.
  const outputs = new Map(Object.entries(result.metafile.outputs).map(([path, output]) => [resolve(projectDir, path), output]));
  const bundles = new Map<string, HandlerBundle>();
  for (const entry of entries) {
    const js = join(outdir, `${bundleStemOf(entry)}.js`);
    const [code, map] = [files.get(js), files.get(`${js}.map`)];
    if (!code || !map) throw new Error(`esbuild wrote no ${js} (or its map) for functions/${entry}`);
    const inputs = Object.keys(outputs.get(js)?.inputs ?? {}).map((input) => resolve(projectDir, input));
    bundles.set(entry, {
      files: [
        { name: basename(js), contents: code },
        { name: `${basename(js)}.map`, contents: map },
      ],
      codeHash: codeHashOf(code),
      hash: sha256(code, map),
      inputs: new Set(inputs),
    });
  }
  return { ok: true, bundles };
}

/** The hash {@link HandlerBundle.codeHash} is: of the code a function runs (its `index.js`). */
export function codeHashOf(code: Uint8Array): string {
  return sha256(code);
}

function sha256(...parts: Uint8Array[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

function isBuildFailure(error: unknown): error is BuildFailure {
  return error instanceof Error && Array.isArray((error as Partial<BuildFailure>).errors);
}
