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

/** The delivery as Baton reads it: its action, its repository ("owner/name", lower case), and what a completed suite or run says (null when it says nothing). */
export function readCheckEvent(event: "check_suite" | "check_run", payload: unknown): { action: string; repository: string; outcome: CheckOutcome | null } {
  if (event === "check_suite") {
    const { action, check_suite: suite, repository: repo } = checkSuiteEventSchema.parse(payload);
    const done = action === "completed" && suite.conclusion;
    const url = repo.html_url ? `${repo.html_url}/commit/${suite.head_sha}/checks` : null;
    return {
      action,
      repository: repo.full_name.toLowerCase(),
      outcome: done ? { headSha: suite.head_sha, status: FAILED.has(suite.conclusion ?? "") ? "failed" : "passed", url, log: null, onlyIfNone: false } : null,
    };
  }
  const { action, check_run: run, repository: repo } = checkRunEventSchema.parse(payload);
  const failed = FAILED.has(run.conclusion ?? "");
  return {
    action,
    repository: repo.full_name.toLowerCase(),
    outcome:
      action === "completed" && run.conclusion
        ? {
            headSha: run.head_sha,
            status: failed ? "failed" : "passed",
            url: run.html_url,
            log: failed ? `${run.name}: ${run.conclusion}${run.output?.title ? ` — ${run.output.title}` : ""}` : null,
            onlyIfNone: !failed,
          }
        : null,
  };
}
