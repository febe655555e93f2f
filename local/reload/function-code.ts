import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalLambda } from '../lambda';
import { codeHashOf, type HandlerBundle } from './handler-build';

/** Which handler entry each running function's code was built from. */
export type FunctionCode = {
  /** The functions running each entry's bundle (two functions may run the same one). */
  byEntry: Map<string, LocalLambda[]>;
  /** Functions whose code no entry builds to now (or more than one does): they are not reloaded. */
  unrecognised: LocalLambda[];
};

/**
 * Recognises each function's code among the entries' bundles by content: the template names an
 * asset folder by the hash of its files, not the handler it came from, but the same sources with
 * the same settings make the same bytes.
 */
export function recogniseFunctions(lambdas: Iterable<LocalLambda>, bundles: ReadonlyMap<string, HandlerBundle>): FunctionCode {
  const entriesByHash = new Map<string, string[]>();
  for (const [entry, bundle] of bundles) entriesByHash.set(bundle.codeHash, [...(entriesByHash.get(bundle.codeHash) ?? []), entry]);
  const byEntry = new Map<string, LocalLambda[]>();
  const unrecognised: LocalLambda[] = [];
  for (const fn of lambdas) {
    const hash = codeHashOfFunction(fn);
    const entries = hash === undefined ? [] : (entriesByHash.get(hash) ?? []);
    // Two entries that build to the same bytes cannot tell which one this function came from.
    if (entries.length !== 1) unrecognised.push(fn);
    else byEntry.set(entries[0]!, [...(byEntry.get(entries[0]!) ?? []), fn]);
  }
  return { byEntry, unrecognised };
}

/** The hash of the file a function's handler (`file.export`) is loaded from, if it is there. */
function codeHashOfFunction(fn: LocalLambda): string | undefined {
  const { codeDir, handler } = fn.spec;
  const file = join(codeDir, `${handler.slice(0, handler.lastIndexOf('.'))}.js`);
  return existsSync(file) ? codeHashOf(readFileSync(file)) : undefined;
}
