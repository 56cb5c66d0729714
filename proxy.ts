import { NextResponse, type NextRequest } from "next/server";

// An optimistic check only: a visitor with no session cookie is sent to sign in straight away,
// with a real redirect status, instead of after the page has started streaming. It is not the
// security boundary: every page and route still checks the session and the membership itself.
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function proxy(request: NextRequest) {
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/signin";
  url.search = `?callbackUrl=${encodeURIComponent(request.nextUrl.pathname + request.nextUrl.search)}`;
  return NextResponse.redirect(url);
}

export const config = {
  // App pages only: the API answers 401 in JSON, and the sign-in pages must stay reachable.
  matcher: ["/", "/w/:path*", "/invite/:path*"],
};
