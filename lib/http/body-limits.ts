// The limits readJson (route.ts) applies to request bodies, in a module without "server-only" so
// that tests can import them too.

/** Bytes a JSON body may have unless a route sets its own limit; above it → 413. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;
/** How deeply objects and arrays may nest in a request body; no input of Baton's needs more than a few levels. */
export const MAX_JSON_DEPTH = 64;
