import { en } from 'zod/locales';
import { config } from 'zod/mini';

// zod/mini, unlike classic zod, registers no locale: without English every issue would read
// "Invalid input", and a 400's detail would no longer say what is wrong. Only `en` is bundled.
config(en());

/**
 * zod's tree-shakable functional API (`zod/mini`) with its English messages. Every schema at the
 * edge takes zod from here, always as `import * as z from './zod'`: bundles then keep only
 * what a function uses (~28 kB). A `z` object passed around as a value (`import { z }`) keeps all
 * of zod, and classic zod cannot be tree-shaken: either puts ~450 kB back in every HTTP function.
 */
export * from 'zod/mini';
