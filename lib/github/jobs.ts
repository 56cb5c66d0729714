import "server-only";
import { createReview, fetchPullRequestDiff, findPostedReview, pullRequestRef } from "./api";
import { describeGitHubError } from "./client";
import { connectionCredentials, findDiffJobTarget, findReviewPostTarget } from "./data";
import { scopeForGitHubJob } from "./gate";
import { recordDiffFailure, recordFetchedDiff, recordReviewPosted, recordReviewPostFailure, scheduleDiffRetry, scheduleReviewRetry } from "./mutations";
import { EVENT_OF, inlineComments, reviewBody, reviewMarker } from "./review-body";

// The GitHub jobs (run by lib/jobs/worker.ts). Each try is one job: a failure records what
// happened on the attempt, in words, and sends the next try with it, after GitHub's Retry-After
// or x-ratelimit-reset when it gave one, else with exponential backoff; after the last try the
// attempt says so and points to the pull request.

export interface FetchDiffData {
  submissionId: string;
  /** 1 for the first try. */
  try: number;
}

export const MAX_DIFF_TRIES = 6;

/** Seconds before the next try when GitHub did not say: 10, 20, 40, 80, 160 (BATON_JOB_RETRY_SECONDS scales it, for tests). */
export function retryDelaySeconds(tries: number): number {
  const base = Number(process.env.BATON_JOB_RETRY_SECONDS ?? 10);
  return base * 2 ** (tries - 1);
}

const clock = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString().slice(11, 19);

export async function fetchDiffJob({ submissionId, try: tries }: FetchDiffData): Promise<void> {
  const scope = await scopeForGitHubJob(submissionId);
  if (!scope) return; // the attempt (or its task) was deleted
  const target = await findDiffJobTarget(scope, submissionId);
  if (!target || target.diffFetch !== "pending" || !target.prUrl) return; // done already: a repeated job
  const ref = pullRequestRef(target.prUrl);
  const credentials = await connectionCredentials(scope.workspaceId);
  if (!ref || !credentials) {
    const why = credentials ? `Baton cannot read the pull request's address (${target.prUrl}).` : "This workspace is no longer connected to GitHub (Settings → GitHub).";
    await recordDiffFailure(scope, submissionId, tries, `The diff could not be fetched: ${why} Open the pull request to see the change.`);
    return;
  }
  try {
    await recordFetchedDiff(scope, submissionId, await fetchPullRequestDiff(credentials, ref), tries);
  } catch (error) {
    const failure = describeGitHubError(error);
    if (tries >= MAX_DIFF_TRIES) {
      await recordDiffFailure(scope, submissionId, tries, `The diff could not be fetched after ${tries} tries. ${failure.message} Open the pull request to see the change.`);
      return;
    }
    const delay = failure.retryAfterSeconds ?? retryDelaySeconds(tries);
    await scheduleDiffRetry(scope, submissionId, tries, `Fetching the diff from GitHub: try ${tries} of ${MAX_DIFF_TRIES} failed. ${failure.message} Next try at ${clock(delay)} UTC.`, delay);
  }
}

export interface PostReviewData {
  reviewId: string;
  submissionId: string;
  try: number;
}

export const MAX_REVIEW_TRIES = 6;

/**
 * Posts a verdict as one review. Idempotent: a review that already carries this verdict's marker
 * (a try that reached GitHub but not the database) is taken as the post. A 422 (GitHub refusing
 * the review itself, e.g. a line no longer in the diff) is not retried: the same review would be
 * refused again.
 */
export async function postReviewJob(job: PostReviewData): Promise<void> {
  const scope = await scopeForGitHubJob(job.submissionId);
  if (!scope) return;
  const review = await findReviewPostTarget(scope, job.reviewId);
  if (!review || review.githubPost !== "pending" || !review.submission.prUrl) return; // undone, or done already
  const ref = pullRequestRef(review.submission.prUrl);
  const credentials = await connectionCredentials(scope.workspaceId);
  if (!ref || !credentials) {
    await recordReviewPostFailure(scope, review.id, job.try, "Not posted to the pull request: this workspace is no longer connected to GitHub (Settings → GitHub).");
    return;
  }
  const verdict = {
    id: review.id,
    verdict: review.verdict,
    feedback: review.feedback,
    reason: review.reason,
    reviewer: review.reviewer ? review.reviewer.name ?? review.reviewer.email : null,
    mention: review.submission.agent?.mention ?? null,
    comments: review.comments,
  };
  try {
    const posted =
      (await findPostedReview(credentials, ref, reviewMarker(review.id))) ??
      (await createReview(credentials, ref, { event: EVENT_OF[review.verdict], body: reviewBody(verdict), comments: inlineComments(verdict), commitId: review.submission.headSha }));
    await recordReviewPosted(scope, review.id, posted, job.try);
  } catch (error) {
    const failure = describeGitHubError(error);
    if (failure.status === 422 || job.try >= MAX_REVIEW_TRIES) {
      const why = failure.status === 422 ? `GitHub refused the review (422): ${String((error as { message?: unknown }).message ?? "")}`.trim() : failure.message;
      await recordReviewPostFailure(scope, review.id, job.try, `Not posted to the pull request${failure.status === 422 ? "" : ` after ${job.try} tries`}. ${why}`);
      return;
    }
    const delay = failure.retryAfterSeconds ?? retryDelaySeconds(job.try);
    await scheduleReviewRetry(scope, job, `Posting to the pull request: try ${job.try} of ${MAX_REVIEW_TRIES} failed. ${failure.message} Next try at ${clock(delay)} UTC.`, delay);
  }
}
