import * as z from '../http/zod';

/**
 * A view row's versions of its stream that it has not applied: their events were parked (see
 * projections/versioned-view.ts). Present only while there are some; a repair takes them away.
 */
export const SkippedVersions = z.optional(z.array(z.number().check(z.int(), z.positive())));
