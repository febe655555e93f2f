/**
 * The web origin whose pages the test run's system lets call its API (context corsOrigins, given
 * by test/global-setup.ts). `.test` is a reserved name no DNS answers: a browser test maps it to
 * its own page server with Chromium's --host-resolver-rules, so the origin stays the same whatever
 * port that server gets, and the assembly is synthesized with the same context every run.
 */
export const ALLOWED_PAGE_ORIGIN = 'http://app.orderline.test';

/** An origin the test run's system does not allow. */
export const REFUSED_PAGE_ORIGIN = 'http://elsewhere.orderline.test';
