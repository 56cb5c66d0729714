import { forbidden } from "@/lib/core/errors";

// Cross-site request forgery: a page elsewhere can make a signed-in person's browser send a form
// post or a `text/plain` fetch to Baton with their cookie. Cookie-authenticated writes therefore
// accept only JSON (which a cross-site page cannot send without a CORS preflight that Baton never
// grants) from Baton's own origin, as the browser reports it in `Sec-Fetch-Site` and `Origin`.
// Calls with a bearer token carry no cookie and are not checked here.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The origins the app is served from: NEXTAUTH_URL's, and the one the request was addressed to. */
export function ownOrigins(request: Request): string[] {
  const origins = new Set<string>();
  const configured = process.env.NEXTAUTH_URL;
  if (configured) {
    try {
      origins.add(new URL(configured).origin);
    } catch {
      // env validation reports a malformed NEXTAUTH_URL; nothing to add here
    }
  }
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (host) {
    const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || new URL(request.url).protocol.replace(":", "");
    origins.add(`${proto}://${host}`);
  }
  return [...origins];
}

/** Throws 403 unless a cookie-authenticated write is same-origin JSON. Reads pass. */
export function assertSameOriginJson(request: Request): void {
  if (SAFE_METHODS.has(request.method)) return;
  const site = request.headers.get("sec-fetch-site");
  // "none" is a person typing the URL or a bookmark: never a write, but not cross-site either.
  if (site && site !== "same-origin" && site !== "none") {
    throw forbidden("Cross-site requests are refused. Use Baton itself, or an API token.");
  }
  const origin = request.headers.get("origin");
  if (origin && !ownOrigins(request).includes(origin)) {
    throw forbidden("Cross-site requests are refused. Use Baton itself, or an API token.");
  }
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw forbidden("Send writes as JSON (Content-Type: application/json).");
  }
}
