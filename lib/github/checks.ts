import { z } from "zod";

// GitHub's `check_suite` and `check_run` webhook payloads, the part Baton reads, and what a
// finished suite or run means for an attempt's checks. Pure: no I/O.

const sha = z.string().regex(/^[0-9a-f]{7,64}$/i);
const repository = z.object({ full_name: z.string().max(300), html_url: z.url({ protocol: /^https?$/ }).max(2000).optional() });

export const checkSuiteEventSchema = z.object({
  action: z.string().min(1).max(100),
  check_suite: z.object({ head_sha: sha, conclusion: z.string().max(50).nullable().default(null) }),
  repository,
});

export const checkRunEventSchema = z.object({
  action: z.string().min(1).max(100),
  check_run: z.object({
    head_sha: sha,
    name: z.string().max(300),
    conclusion: z.string().max(50).nullable().default(null),
    // Only web links: shown to reviewers as a link.
    html_url: z.url({ protocol: /^https?$/ }).max(2000).nullable().default(null),
    output: z.object({ title: z.string().max(1000).nullable().default(null) }).nullish(),
  }),
  repository,
});

export interface CheckOutcome {
  headSha: string;
  status: "passed" | "failed";
  url: string | null;
  log: string | null;
  /** A single run that succeeded says nothing about the others: it never overrides a failure. */
  onlyIfNone: boolean;
}

/** Conclusions that mean the code did not pass (GitHub's list for suites and runs). */
const FAILED = new Set(["failure", "timed_out", "cancelled", "action_required", "startup_failure", "stale"]);

/** What a completed suite or run says, or null when it says nothing (not completed, or no conclusion). */
export function checkOutcome(event: "check_suite" | "check_run", payload: unknown): CheckOutcome | null {
  if (event === "check_suite") {
    const { action, check_suite: suite, repository: repo } = checkSuiteEventSchema.parse(payload);
    if (action !== "completed" || !suite.conclusion) return null;
    const url = repo.html_url ? `${repo.html_url}/commit/${suite.head_sha}/checks` : null;
    return { headSha: suite.head_sha, status: FAILED.has(suite.conclusion) ? "failed" : "passed", url, log: null, onlyIfNone: false };
  }
  const { action, check_run: run } = checkRunEventSchema.parse(payload);
  if (action !== "completed" || !run.conclusion) return null;
  const failed = FAILED.has(run.conclusion);
  return {
    headSha: run.head_sha,
    status: failed ? "failed" : "passed",
    url: run.html_url,
    log: failed ? `${run.name}: ${run.conclusion}${run.output?.title ? ` — ${run.output.title}` : ""}` : null,
    onlyIfNone: !failed,
  };
}

export const repositoryOf = (payload: unknown): string | null => {
  const parsed = z.object({ repository: repository }).safeParse(payload);
  return parsed.success ? parsed.data.repository.full_name.toLowerCase() : null;
};
