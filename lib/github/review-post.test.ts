// Verdicts posted back to the pull request as one GitHub review, by the durable job, against the
// loopback stand-in for GitHub's REST API: the event per verdict, the body, every inline comment
// with its path, line and side, the agent's mention, exactly one review even when a try is
// repeated, retries, GitHub refusing the review, and an undone verdict never posted.
import { Octokit } from "@octokit/rest";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { startJobWorkers, stopJobWorkers } from "@/lib/jobs/worker";
import { createComment, giveVerdict, undoVerdict } from "@/lib/review/mutations";
import { CHECKLIST_IDS } from "@/lib/review/rules";
import { startGitHubStandIn, type GitHubStandIn } from "@/lib/test/github-stand-in";
import { reviewMarker } from "./review-body";
import { deliverOpened, pullRequestWorkspace, waitFor } from "@/lib/test/github-pull-request";

const DIFF = [
  "diff --git a/src/login.ts b/src/login.ts",
  "index 1111111..2222222 100644",
  "--- a/src/login.ts",
  "+++ b/src/login.ts",
  "@@ -1,4 +1,5 @@",
  " export function login(email: string) {",
  "-  return send(email);",
  "+  if (!email.includes(\"@\")) throw new Error(\"Enter an email.\");",
  "+  return send(email.trim());",
  " }",
  " ",
  "",
].join("\n");

let github: GitHubStandIn;

beforeAll(async () => {
  process.env.BATON_JOB_RETRY_SECONDS = "0.2";
  process.env.BATON_REVIEW_POST_DELAY_SECONDS = "0";
  github = await startGitHubStandIn();
});
afterAll(async () => {
  await stopJobWorkers();
  await github.close();
});
afterEach(async () => {
  await stopJobWorkers();
});

/** A connected workspace, a linked repository with pull request #7, and the attempt it became, its diff fetched. */
async function attemptFromPullRequest(options: { mention?: string } = {}) {
  const s = await pullRequestWorkspace(github, { diff: DIFF, ...options });
  const submission = await deliverOpened(s);
  await startJobWorkers();
  await waitFor(() => db().submission.findUniqueOrThrow({ where: { id: submission.id } }), (a) => a.diffFetch === "fetched");
  return { ws: s.ws, repo: s.repo, submissionId: submission.id };
}

const reviewRow = (id: string) => db().review.findUniqueOrThrow({ where: { id } });
const posted = (id: string) => waitFor(() => reviewRow(id), (r) => r.githubPost !== "pending");

describe("a verdict on a pull request's attempt", () => {
  it("request changes: one REQUEST_CHANGES review with the summary, the criteria, and every inline comment with path, line and side", async () => {
    const a = await attemptFromPullRequest();
    const reviewer = a.ws.scopes.member;
    await createComment(reviewer, a.submissionId, { target: "diff", path: "src/login.ts", side: "new", line: 2, body: "Say which field: “Enter an email address.”" });
    await createComment(reviewer, a.submissionId, { target: "diff", path: "src/login.ts", side: "old", line: 2, endLine: 2, body: "Why was send() called without trimming before?" });
    await createComment(reviewer, a.submissionId, { target: "diff", path: "src/login.ts", side: "new", line: 2, endLine: 3, body: "These two lines belong in validate()." });
    const { review } = await giveVerdict(reviewer, a.submissionId, { verdict: "request_changes", summary: "Close: the validation belongs in validate()." });
    const row = await posted(review.id);
    expect(row).toMatchObject({ githubPost: "posted", githubNote: null, githubTries: 1 });

    const received = github.reviews("acme", a.repo, 7);
    expect(received).toHaveLength(1);
    const [sent] = received;
    expect(sent?.state).toBe("CHANGES_REQUESTED");
    expect(String(sent?.id)).toBe(row.githubReviewId);
    expect(sent?.html_url).toBe(row.githubReviewUrl);
    expect(sent?.body).toContain("Changes requested in Baton");
    expect(sent?.body).toContain("Close: the validation belongs in validate().");
    expect(sent?.body).toContain(reviewMarker(review.id));
    expect(sent?.comments).toEqual([
      expect.objectContaining({ path: "src/login.ts", line: 2, side: "RIGHT", body: "Say which field: “Enter an email address.”" }),
      expect.objectContaining({ path: "src/login.ts", line: 2, side: "LEFT", body: "Why was send() called without trimming before?" }),
      expect.objectContaining({ path: "src/login.ts", line: 3, side: "RIGHT", start_line: 2, start_side: "RIGHT", body: "These two lines belong in validate()." }),
    ]);
  });

  it("accept is an APPROVE review; reject a COMMENT review with the reason; the agent's mention opens the body", async () => {
    const a = await attemptFromPullRequest({ mention: "@copilot" });
    const { review } = await giveVerdict(a.ws.scopes.member, a.submissionId, { verdict: "accept", checklist: [...CHECKLIST_IDS] });
    await posted(review.id);
    const [approve] = github.reviews("acme", a.repo, 7);
    expect(approve?.state).toBe("APPROVED");
    expect(approve?.body?.startsWith("@copilot Accepted in Baton")).toBe(true);

    const b = await attemptFromPullRequest();
    const rejected = await giveVerdict(b.ws.scopes.member, b.submissionId, { verdict: "reject", reason: "too_complex", note: "This needs a design session first." });
    await posted(rejected.review.id);
    const [comment] = github.reviews("acme", b.repo, 7);
    expect(comment?.state).toBe("COMMENTED");
    expect(comment?.body).toContain("Rejected in Baton");
    expect(comment?.body).toContain("(too complex to delegate)");
    expect(comment?.body).toContain("This needs a design session first.");
  });

  it("is posted once: a review already on the pull request with this verdict's marker is taken as the post", async () => {
    const a = await attemptFromPullRequest();
    await stopJobWorkers();
    const { review } = await giveVerdict(a.ws.scopes.member, a.submissionId, { verdict: "request_changes", summary: "Again, please." });
    // A try that reached GitHub, then the process died before it could write that down.
    const octokit = new Octokit({ auth: github.token, baseUrl: github.url });
    await octokit.rest.pulls.createReview({ owner: "acme", repo: a.repo, pull_number: 7, event: "REQUEST_CHANGES", body: `Again, please.\n\n${reviewMarker(review.id)}` });
    await startJobWorkers();
    expect(await posted(review.id)).toMatchObject({ githubPost: "posted" });
    expect(github.reviews("acme", a.repo, 7)).toHaveLength(1);
  });

  it("a failed try is retried, and the review still arrives once", async () => {
    const a = await attemptFromPullRequest();
    github.failNext({ method: "POST", path: new RegExp(`^/repos/acme/${a.repo}/pulls/7/reviews$`) }, { status: 502 }, 1);
    const { review } = await giveVerdict(a.ws.scopes.member, a.submissionId, { verdict: "request_changes", summary: "Please retry." });
    const failedOnce = await waitFor(() => reviewRow(review.id), (r) => r.githubTries >= 1);
    expect(failedOnce.githubNote ?? "posted").toMatch(/try 1 of 6 failed|posted/);
    expect(await posted(review.id)).toMatchObject({ githubPost: "posted", githubTries: 2 });
    expect(github.reviews("acme", a.repo, 7)).toHaveLength(1);
  });

  it("a review GitHub refuses (422: a line not in the diff) is not retried, and says why", async () => {
    const a = await attemptFromPullRequest();
    await createComment(a.ws.scopes.member, a.submissionId, { target: "diff", path: "src/login.ts", side: "new", line: 40, body: "Out of the diff." });
    const { review } = await giveVerdict(a.ws.scopes.member, a.submissionId, { verdict: "request_changes", summary: "See the comment." });
    const row = await posted(review.id);
    expect(row.githubPost).toBe("failed");
    expect(row.githubNote).toContain("GitHub refused the review (422)");
    expect(github.reviews("acme", a.repo, 7)).toEqual([]);
  });

  it("an undone verdict never reaches GitHub", async () => {
    const a = await attemptFromPullRequest();
    await stopJobWorkers();
    process.env.BATON_REVIEW_POST_DELAY_SECONDS = "1";
    try {
      const { review } = await giveVerdict(a.ws.scopes.member, a.submissionId, { verdict: "request_changes", summary: "Oops, wrong attempt." });
      await undoVerdict(a.ws.scopes.member, review.id);
      await startJobWorkers();
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(github.reviews("acme", a.repo, 7)).toEqual([]);
      expect(await db().review.count({ where: { id: review.id } })).toBe(0);
    } finally {
      process.env.BATON_REVIEW_POST_DELAY_SECONDS = "0";
    }
  });
});
