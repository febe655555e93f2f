import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { keptBuilds } from './kept-builds';

const ROOT = join(__dirname, '..', '..');
/** Where synthTemplates (./app.ts) keeps each synthesized app, by the hash of what it is made of. */
const SYNTH_CACHE = keptBuilds('orderline-synth');

/** The file the templates synthesized for `context` from the current sources are kept in, and the prefix every current file has. */
export function synthCacheFile(context: Record<string, string>): { file: string; current: string } {
  return { file: join(SYNTH_CACHE, `${sourcesHash()}-${contextHash(context)}.json`), current: `${sourcesHash()}-` };
}

/** Whether the templates for `context` from the current sources are kept (no CDK loaded to tell). */
export const synthCached = (context: Record<string, string> = {}): boolean => existsSync(synthCacheFile(context).file);

let sources: string | undefined;

/** The hash of every file a synth reads, once per test file. */
function sourcesHash(): string {
  if (!sources) {
    const hash = createHash('sha256');
    const walk = (path: string): void => {
      if (!statSync(path).isDirectory()) return void hash.update(path.slice(ROOT.length)).update('\0').update(readFileSync(path)).update('\0');
      for (const name of readdirSync(path).sort()) walk(join(path, name));
    };
    for (const input of ['bin', 'lib', 'functions', 'openapi.json', 'package-lock.json', join('test', 'support', 'app.ts'), join('test', 'support', 'synth-cache.ts')]) walk(join(ROOT, input));
    sources = hash.digest('hex').slice(0, 16);
  }
  return sources;
}

function contextHash(context: Record<string, string>): string {
  const sorted = Object.fromEntries(Object.entries(context).sort(([a], [b]) => a.localeCompare(b)));
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 16);
}
