// Signs in over plain HTTP, the way next-auth's client does (CSRF token, then a form post), so that
// tests can read the status, headers and cookies of each step and choose the client's address.
import { baseURL as defaultBase, testAddress } from "./http";

export { testAddress };

export interface SignInResult {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
  /** The session cookie as a Cookie header ("name=value"), when one was set. */
  sessionCookie: string | null;
  /** Every Set-Cookie line of the sign-in response. */
  setCookies: string[];
}

export async function signInOverHttp(email: string, password: string, options: { address?: string; base?: string } = {}): Promise<SignInResult> {
  const base = options.base ?? defaultBase;
  const forwarded: Record<string, string> = options.address ? { "x-forwarded-for": options.address } : {};
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers: forwarded });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie, ...forwarded },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: base }).toString(),
  });
  const setCookies = response.headers.getSetCookie();
  const session = setCookies.find((line) => /next-auth\.session-token=[^;]+/.test(line));
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { text };
  }
  return { status: response.status, headers: response.headers, body, sessionCookie: session?.split(";")[0] ?? null, setCookies };
}


/** Signs out over HTTP as next-auth's client does (CSRF token, then a form post). */
export async function signOutOverHttp(sessionCookie: string, options: { base?: string } = {}): Promise<number> {
  const base = options.base ?? defaultBase;
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers: { cookie: sessionCookie } });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = [sessionCookie, ...csrf.headers.getSetCookie().map((line) => line.split(";")[0])].join("; ");
  const response = await fetch(`${base}/api/auth/signout`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies },
    body: new URLSearchParams({ csrfToken, json: "true", callbackUrl: base }).toString(),
  });
  return response.status;
}

/**
 * Opens the workspace's live stream with a cookie and collects what arrives. `ended` settles when
 * the server closes the stream; `close()` stops listening.
 */
export function openLiveStream(sessionCookie: string, workspace: string, options: { base?: string } = {}) {
  const base = options.base ?? defaultBase;
  const controller = new AbortController();
  let text = "";
  const opened = fetch(`${base}/api/w/${workspace}/events`, { headers: { cookie: sessionCookie }, signal: controller.signal });
  const ended = opened.then(async (response) => {
    if (response.status !== 200 || !response.body) return { status: response.status, text };
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value);
      }
    } catch {
      // aborted by close()
    }
    return { status: response.status, text };
  });
  return {
    opened: opened.then((response) => response.status),
    ended,
    received: () => text,
    close: () => controller.abort(),
  };
}
