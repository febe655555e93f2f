import { existsSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

/** What {@link watchTrees} reports: the files changed in one burst, and when the burst began. */
export type ChangeBurst = { paths: string[]; startedAt: number };

export type WatchOptions = {
  /** Milliseconds without a change that end a burst: an editor's save is several events. Default 50. */
  quietMs?: number;
  /** Which changed paths count (say, sources only, not an editor's swap files). */
  accept: (path: string) => boolean;
  onBurst: (burst: ChangeBurst) => void;
  onError: (error: Error) => void;
};

/**
 * Watches folders and everything under them (Node 20 watches recursively on Linux too) and reports
 * each burst of changes once it is quiet, with every file changed in it. A folder that does not
 * exist is not watched.
 */
export function watchTrees(dirs: readonly string[], options: WatchOptions): { close(): void } {
  let burst: { paths: Set<string>; startedAt: number } | undefined;
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    const ended = burst!;
    burst = undefined;
    options.onBurst({ paths: [...ended.paths].sort(), startedAt: ended.startedAt });
  };
  const watchers: FSWatcher[] = dirs.filter(existsSync).map((dir) =>
    watch(dir, { recursive: true }, (_event, name) => {
      if (name === null) return;
      const path = join(dir, name.toString());
      if (!options.accept(path)) return;
      burst ??= { paths: new Set(), startedAt: performance.now() };
      burst.paths.add(path);
      clearTimeout(timer);
      timer = setTimeout(flush, options.quietMs ?? 50);
    }).on('error', options.onError),
  );
  return {
    close: () => {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}
