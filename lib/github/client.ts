import "server-only";
import { Octokit } from "@octokit/rest";

// The GitHub REST client Baton uses, for github.com or GitHub Enterprise Server (`apiUrl`, e.g.
// https://github.example.com/api/v3), and in tests for the loopback stand-in
// (lib/test/github-stand-in.ts). Octokit's own retries are not used: the durable jobs decide when
// to try again, so one request is one attempt here.


/** A request that has not answered by then is abandoned (and, in a job, retried later): 10 s, or BATON_GITHUB_TIMEOUT_MS. */
export const githubTimeoutMs = () => Number(process.env.BATON_GITHUB_TIMEOUT_MS ?? 10_000);

export interface GitHubCredentials {
  apiUrl: string;
  token: string;
}

export function githubClient({ apiUrl, token }: GitHubCredentials, timeoutMs = githubTimeoutMs()): Octokit {
  return new Octokit({
    auth: token,
    baseUrl: apiUrl.replace(/\/+$/, ""),
    userAgent: "Baton",
    request: {
      fetch: (url: string | URL, init?: RequestInit) => fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
    },
    // Octokit logs warnings (deprecations, rate-limit notes) to the console; the jobs report instead.
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
}

/** What went wrong talking to GitHub, in words a reviewer can act on, and when to try again. */
export interface GitHubFailure {
  status: number | null;
  message: string;
  /** Seconds until GitHub accepts requests again, when it said so (rate limits). */
  retryAfterSeconds: number | null;
}

export function describeGitHubError(error: unknown, now = Date.now()): GitHubFailure {
  const e = error as { status?: unknown; name?: unknown; message?: unknown; response?: { headers?: Record<string, string | undefined> } };
  // Octokit reports a request that got no answer (timeout, refused connection) as a 500 without a
  // response: only an answer's status is GitHub's.
  const status = e.response && typeof e.status === "number" ? e.status : null;
  const headers = e.response?.headers ?? {};
  const retryAfter = Number(headers["retry-after"]);
  const reset = Number(headers["x-ratelimit-reset"]);
  const rateLimited = (status === 403 || status === 429) && (headers["x-ratelimit-remaining"] === "0" || Number.isFinite(retryAfter));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : rateLimited && Number.isFinite(reset) ? Math.max(0, Math.ceil(reset - now / 1000)) : null;
  if (rateLimited) return { status, message: `GitHub's rate limit was reached${retryAfterSeconds !== null ? `; it accepts requests again in ${retryAfterSeconds} s` : ""}.`, retryAfterSeconds };
  if (status === 401) return { status, message: "GitHub refused the token (401 Bad credentials): connect GitHub again in Settings with a valid token.", retryAfterSeconds: null };
  if (status === 403) return { status, message: "GitHub refused access (403): the token may lack the repository permission.", retryAfterSeconds: null };
  if (status === 404) return { status, message: "GitHub answered 404: the repository or pull request does not exist, or the token cannot see it.", retryAfterSeconds: null };
  if (status !== null && status >= 500) return { status, message: `GitHub had an error (${status}).`, retryAfterSeconds: null };
  if (status !== null) return { status, message: `GitHub answered ${status}.`, retryAfterSeconds: null };
  const aborted = e.name === "TimeoutError" || e.name === "AbortError" || /aborted|timeout/i.test(String(e.message));
  return { status: null, message: aborted ? `GitHub did not answer within ${githubTimeoutMs() / 1000} s.` : "GitHub could not be reached.", retryAfterSeconds: null };
}
