/**
 * Where to send someone after signing in or up: a path of this site, or "/". A `callbackUrl` is
 * anyone's to write (it is in a link), so it is read the way a browser would read it — `//host`,
 * `/\host`, a tab or newline inside, `/.//host` after dot segments are resolved — and anything that
 * would leave this origin, or is not a path at all (`javascript:…`), gives "/".
 */
export function safeReturnTo(callbackUrl: string | undefined): string {
  if (!callbackUrl?.startsWith("/")) return "/";
  const origin = "http://return-to.invalid";
  let url: URL;
  try {
    url = new URL(callbackUrl, origin);
  } catch {
    return "/";
  }
  if (url.origin !== origin) return "/";
  // "/.//host" resolves to the path "//host", which a browser would again take for another host.
  return `${url.pathname.replace(/^\/+/, "/")}${url.search}${url.hash}`;
}
