import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import type { LaunchOptions } from 'playwright-core';

const ROOT = join(__dirname, '..', '..');
/** Where the npm-shipped Chromium is unpacked once, and reused by later runs. */
const CACHE = join(ROOT, 'node_modules', '.cache', 'orderline-chromium');

/**
 * How the browser tests launch a real Chromium: the one at CHROMIUM_PATH when set, otherwise the
 * headless Chromium that `@sparticuz/chromium` ships inside its npm package, so `npm ci && npm test`
 * needs nothing from the system's package manager. The package is built for AWS Lambda: it
 * unpacks its binary, fonts and graphics libraries into the temporary directory (here, a cache
 * under node_modules), and its NSS libraries only on Amazon Linux, so we unpack those ourselves
 * and put them on the library path: a machine with Node alone has no libnss3.
 */
export function chromiumLaunchOptions(): LaunchOptions {
  if (process.env.CHROMIUM_PATH) return { executablePath: process.env.CHROMIUM_PATH };
  // Written last, so an unpacking cut short is done again.
  if (!existsSync(join(CACHE, 'unpacked'))) unpack();
  const libraries = join(CACHE, 'al2023', 'lib');
  return {
    executablePath: join(CACHE, 'chromium'),
    env: { ...process.env, LD_LIBRARY_PATH: [libraries, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'), FONTCONFIG_PATH: join(CACHE, 'fontconfig') } as Record<string, string>,
  };
}

function unpack(): void {
  rmSync(CACHE, { recursive: true, force: true });
  mkdirSync(CACHE, { recursive: true });
  // The package is an ES module; a child Node unpacks it where TMPDIR points.
  execFileSync(process.execPath, ['--input-type=module', '-e', "import chromium from '@sparticuz/chromium'; await chromium.executablePath();"], {
    cwd: ROOT,
    env: { ...process.env, TMPDIR: CACHE },
    stdio: 'inherit',
  });
  const bin = join(ROOT, 'node_modules', '@sparticuz', 'chromium', 'bin');
  const libraries = join(CACHE, 'al2023');
  mkdirSync(libraries, { recursive: true });
  execFileSync('tar', ['-x', '-C', libraries], { input: brotliDecompressSync(readFileSync(join(bin, 'al2023.tar.br'))) });
  // The package's fonts.conf names Lambda's paths (/tmp/fonts); without fonts no text has a size,
  // so nothing would be visible to click. Ours names where the fonts are here.
  mkdirSync(join(CACHE, 'fontconfig'));
  writeFileSync(
    join(CACHE, 'fontconfig', 'fonts.conf'),
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>${join(CACHE, 'fonts')}</dir><cachedir>${join(CACHE, 'fontconfig', 'cache')}</cachedir></fontconfig>\n`,
  );
  writeFileSync(join(CACHE, 'unpacked'), '');
}
