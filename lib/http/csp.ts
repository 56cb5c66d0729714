// The Content-Security-Policy of Baton's pages. Scripts run only with this response's nonce (Next
// puts it on its own scripts; 'strict-dynamic' lets those load the app's chunks), so markup that
// slipped into a page could not run a script even if it got past React's escaping and the markdown
// sanitiser. Styles may be inline: React and the editor set style attributes, and a style cannot
// run code.

export function pageSecurityPolicy(nonce: string, dev = process.env.NODE_ENV === "development"): string {
  return [
    "default-src 'self'",
    // Development: React's dev build evaluates strings for its error overlays and call stacks.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    // Avatars come from GitHub's servers for people who sign in with GitHub.
    "img-src 'self' data: blob: https://avatars.githubusercontent.com",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** API responses are data, never documents: they may load and frame nothing. */
export const API_SECURITY_POLICY = "default-src 'none'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** A fresh nonce per response: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
