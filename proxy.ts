import { NextResponse, type NextRequest } from "next/server";
import { newNonce, pageSecurityPolicy } from "@/lib/http/csp";

// Runs before every page (not the API, not static files). Two jobs:
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
  const nonce = newNonce();
  const policy = pageSecurityPolicy(nonce);

  let response: NextResponse;
  if (SIGNED_IN_AREAS.test(request.nextUrl.pathname) && !SESSION_COOKIES.some((name) => request.cookies.has(name))) {
    const url = request.nextUrl.clone();
    url.pathname = "/signin";
    url.search = `?callbackUrl=${encodeURIComponent(request.nextUrl.pathname + request.nextUrl.search)}`;
    response = NextResponse.redirect(url);
  } else {
    const headers = new Headers(request.headers);
    headers.set("x-nonce", nonce);
    headers.set("content-security-policy", policy);
    response = NextResponse.next({ request: { headers } });
  }
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // Pages only: the API has its own policy (next.config.ts) and answers 401 in JSON.
  matcher: ["/((?!api/|_next/static|_next/image|icon.svg|favicon.ico).*)"],
};
