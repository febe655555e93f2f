/** Where the API explorer is served, on the local runtime's edge endpoint. */
export const EXPLORER_PATH = '/_explorer';
