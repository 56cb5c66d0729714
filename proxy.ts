import { NextResponse, type NextRequest } from "next/server";
import { newNonce, pageSecurityPolicy } from "@/lib/http/csp";

// Runs before every page and API route (not static files). For the API, one job: an address whose
// percent-encoding does not decode (/api/w/acme/tokens/%ZZ) is answered 404 here, in the API's
// error shape, because Next.js would answer it with a bare 500 before any route code runs
// (vercel/next.js#92557); pages get the app's "not found" page for it. Otherwise, for pages, two jobs:
// 1. The Content-Security-Policy with a fresh nonce. Next reads the nonce from the request's
//    policy header and puts it on the scripts it renders.
// 2. An optimistic sign-in check: a visitor with no session cookie is sent to sign in straight
//    away, with a real redirect status, instead of after the page has started streaming.
// It is not the security boundary: every page, route and data function checks the session and
// the membership itself, and the authorization tests run a second server with this proxy off
// (BATON_PROXY=off, for tests only) to prove it.
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
const SIGNED_IN_AREAS = /^\/($|w\/|invite\/)/;

export function proxy(request: NextRequest) {
  if (process.env.BATON_PROXY === "off") return NextResponse.next();
  if (request.nextUrl.pathname.startsWith("/api/")) {
    return decodes(request.nextUrl.pathname) ? NextResponse.next() : NextResponse.json(notFound, { status: 404 });
  }
  const nonce = newNonce();
  const policy = pageSecurityPolicy(nonce);

  let response: NextResponse;
  if (!decodes(request.nextUrl.pathname)) {
    // The same Next.js defect on pages: shown as the app's "not found" page instead.
    response = NextResponse.rewrite(new URL("/not-found", request.url), { request: { headers: withNonce(request, nonce, policy) } });
  } else if (SIGNED_IN_AREAS.test(request.nextUrl.pathname) && !SESSION_COOKIES.some((name) => request.cookies.has(name))) {
    const url = request.nextUrl.clone();
    url.pathname = "/signin";
    url.search = `?callbackUrl=${encodeURIComponent(request.nextUrl.pathname + request.nextUrl.search)}`;
    response = NextResponse.redirect(url);
  } else {
    response = NextResponse.next({ request: { headers: withNonce(request, nonce, policy) } });
  }
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

function withNonce(request: NextRequest, nonce: string, policy: string): Headers {
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  return headers;
}

const notFound = { error: { code: "not_found", message: "Not found." } };

function decodes(pathname: string): boolean {
  try {
    for (const segment of pathname.split("/")) decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

export const config = {
  // The API has its own policy (next.config.ts) and answers 401 in JSON: the proxy only checks
  // that its address decodes.
  matcher: ["/((?!_next/static|_next/image|icon.svg|favicon.ico).*)"],
};
