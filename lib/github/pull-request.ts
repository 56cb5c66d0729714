import { z } from "zod";
import { INT4_MAX } from "@/lib/core/limits";

// The part of GitHub's `pull_request` webhook payload Baton reads, and how a pull request names
// the tasks it works on. Pure: no I/O. Unknown fields are dropped, so GitHub may add more.

/** Actions that hand back a new attempt on each task the pull request names. */
export const SUBMITTING_ACTIONS = ["opened", "reopened", "ready_for_review", "synchronize"] as const;
export type SubmittingAction = (typeof SUBMITTING_ACTIONS)[number];

export function isSubmittingAction(action: string): action is SubmittingAction {
  return (SUBMITTING_ACTIONS as readonly string[]).includes(action);
}

export const pullRequestEventSchema = z.object({
  action: z.string().min(1).max(100),
  number: z.number().int().positive().max(INT4_MAX),
  pull_request: z.object({
    // Only web links: the URL is shown to reviewers as a link.
    html_url: z.url({ protocol: /^https?$/, error: "pull_request.html_url must be an http(s) URL." }).max(2000),
    title: z.string().max(1000),
    body: z.string().nullable().default(null),
    // GitHub sends a boolean on pull_request events; tolerate null (= not merged).
    merged: z
      .boolean()
      .nullish()
      .transform((merged) => merged === true),
    head: z.object({ ref: z.string().min(1).max(255), sha: z.string().regex(/^[0-9a-f]{7,64}$/i).optional() }),
    // A deleted account's pull requests may come without a user.
    user: z.object({ login: z.string() }).nullable().default(null),
  }),
  repository: z.object({ full_name: z.string() }),
});
export type PullRequestEvent = z.infer<typeof pullRequestEventSchema>;

/**
 * A task key anywhere in text: `WEB-42`, `web-42`, `feature/WEB-42`, `web-42-fix-thing`,
 * `WEB-42_fix`. Bounded by anything but a letter or digit on both sides, so `XWEB-42` and
 * `WEB-421` do not name WEB-42. Same shape as TASK_KEY_PATTERN (lib/task/schema.ts).
 */
const KEY_IN_TEXT = /(?<![A-Za-z0-9])([A-Za-z][A-Za-z0-9]{1,9})-([1-9]\d{0,8})(?![A-Za-z0-9])/g;

/** Task keys the pull request names, upper-cased, without repeats: branch first, then title, then body. */
export function findTaskKeys(pr: Pick<PullRequestEvent["pull_request"], "head" | "title" | "body">): string[] {
  const keys = new Set<string>();
  for (const text of [pr.head.ref, pr.title, pr.body ?? ""]) {
    for (const match of text.matchAll(KEY_IN_TEXT)) keys.add(`${(match[1] as string).toUpperCase()}-${match[2] as string}`);
  }
  return [...keys];
}

/** How much of the pull request's description goes into the submission summary. */
export const SUMMARY_BODY_CHARS = 2000;

/** The submission summary: `PR #12: <title>`, then the start of the description if there is one. */
export function pullRequestSummary(event: Pick<PullRequestEvent, "number" | "pull_request">): string {
  const title = event.pull_request.title.trim() || "(untitled)";
  const head = `PR #${event.number}: ${title}`;
  const body = event.pull_request.body?.trim();
  if (!body) return head;
  const chars = Array.from(body);
  const excerpt = chars.length > SUMMARY_BODY_CHARS ? `${chars.slice(0, SUMMARY_BODY_CHARS).join("").trimEnd()}…` : body;
  return `${head}\n\n${excerpt}`;
}

/** What a GitHub attempt says about its diff while Baton cannot or does not yet have it. */
export const DIFF_NOTES = {
  notConnected: "The diff is not fetched: this workspace is not connected to GitHub (Settings → GitHub). Open the pull request to see the change.",
  fetching: "Fetching the diff from GitHub…",
} as const;
