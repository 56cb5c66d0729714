// The diff of a pull request, fetched by a durable job from GitHub — here the loopback stand-in
// (lib/test/github-stand-in.ts), reached through the workspace's configured API address — on a
// real database, with the real pg-boss workers: success, each failure and its retry, the retry
// surviving a restart of the workers, and giving up after the last try.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { startJobWorkers, stopJobWorkers } from "@/lib/jobs/worker";
import { startGitHubStandIn, type GitHubStandIn } from "@/lib/test/github-stand-in";
import { MAX_DIFF_TRIES } from "./jobs";
import { DIFF_NOTES } from "./pull-request";
import { deliverOpened, pullRequestWorkspace, waitFor } from "@/lib/test/github-pull-request";

const DIFF = [
  "diff --git a/src/login.ts b/src/login.ts",
  "index 1111111..2222222 100644",
  "--- a/src/login.ts",
  "+++ b/src/login.ts",
  "@@ -1,3 +1,4 @@",
  " export function login(email: string) {",
  "+  if (!email.includes(\"@\")) throw new Error(\"Enter an email.\");",
  "   return send(email);",
  " }",
  "diff --git a/src/login.test.ts b/src/login.test.ts",
  "new file mode 100644",
  "index 0000000..3333333",
  "--- /dev/null",
  "+++ b/src/login.test.ts",
  "@@ -0,0 +1,2 @@",
  "+import { login } from \"./login\";",
  "+test(\"refuses a bad email\", () => expect(() => login(\"x\")).toThrow());",
  "",
].join("\n");

let github: GitHubStandIn;

beforeAll(async () => {
  // Tries follow each other in fractions of a second here (10 s, 20 s, … in production).
  process.env.BATON_JOB_RETRY_SECONDS = "0.2";
  process.env.BATON_GITHUB_TIMEOUT_MS = "1000";
  github = await startGitHubStandIn();
});
afterAll(async () => {
  await stopJobWorkers();
  await github.close();
});
afterEach(async () => {
  await stopJobWorkers();
});

const setup = (options: { connected?: boolean } = {}) => pullRequestWorkspace(github, { diff: DIFF, ...options });
const attempt = (id: string) => db().submission.findUniqueOrThrow({ where: { id } });

/** Jobs of the diff queue for one attempt, as pg-boss stores them. */
async function jobsFor(submissionId: string) {
  return db().$queryRaw<{ state: string; data: { try: number }; start_after: Date }[]>`
    SELECT state, data, start_after FROM pgboss.job WHERE name = 'github-fetch-diff' AND data->>'submissionId' = ${submissionId} ORDER BY created_on`;
}

describe("fetching a pull request's diff", () => {
  it("is a job sent with the attempt; the worker stores GitHub's diff, its size and the file list", async () => {
    const s = await setup();
    const sent = await deliverOpened(s);
    expect(sent).toMatchObject({ diffFetch: "pending", diffNote: DIFF_NOTES.fetching, diff: "" });
    expect((await jobsFor(sent.id)).map((j) => j.data.try)).toEqual([1]);
    const versionBefore = (await db().task.findUniqueOrThrow({ where: { id: s.task.id } })).version;

    await startJobWorkers();
    const done = await waitFor(() => attempt(sent.id), (a) => a.diffFetch !== "pending");
    expect(done).toMatchObject({ diffFetch: "fetched", diffNote: null, diff: DIFF, filesChanged: 2, additions: 3, deletions: 0, diffFetchTries: 1 });
    expect(done.files).toEqual([
      { path: "src/login.ts", previousPath: null, status: "modified", additions: 1, deletions: 0 },
      { path: "src/login.test.ts", previousPath: null, status: "added", additions: 2, deletions: 0 },
    ]);
    // Open views learn of it: the task's version moved.
    expect((await db().task.findUniqueOrThrow({ where: { id: s.task.id } })).version).toBe(versionBefore + 1);
    const asked = github.requests.filter((r) => r.path.startsWith(`/repos/acme/${s.repo}/pulls/7`)).map((r) => `${r.method} ${r.path.split("?")[0]}`);
    expect(asked).toEqual([`GET /repos/acme/${s.repo}/pulls/7`, `GET /repos/acme/${s.repo}/pulls/7/files`]);
  });

  it("without a connection, the attempt says so and no job is sent", async () => {
    const s = await setup({ connected: false });
    const sent = await deliverOpened(s);
    expect(sent).toMatchObject({ diffFetch: null, diffNote: DIFF_NOTES.notConnected });
    expect(await jobsFor(sent.id)).toEqual([]);
  });

  it.each([
    [500, "GitHub had an error (500)."],
    [401, "GitHub refused the token (401 Bad credentials)"],
    [404, "GitHub answered 404"],
  ] as const)("a %i is recorded on the attempt in words, and the next try succeeds", async (status, words) => {
    const s = await setup();
    github.failNext({ path: new RegExp(`^/repos/acme/${s.repo}/pulls/7$`) }, { status }, 1);
    const sent = await deliverOpened(s);
    await startJobWorkers();
    const failed = await waitFor(() => attempt(sent.id), (a) => a.diffFetchTries >= 1);
    expect(failed.diffFetch).toBe("pending");
    expect(failed.diffNote).toContain(`try 1 of ${MAX_DIFF_TRIES} failed`);
    expect(failed.diffNote).toContain(words);
    const done = await waitFor(() => attempt(sent.id), (a) => a.diffFetch !== "pending");
    expect(done).toMatchObject({ diffFetch: "fetched", diff: DIFF, diffFetchTries: 2, diffNote: null });
  });

  it("a rate limit waits as long as GitHub says (Retry-After)", async () => {
    const s = await setup();
    github.failNext({ path: new RegExp(`^/repos/acme/${s.repo}/pulls/7$`) }, { status: 403, rateLimited: { retryAfterSeconds: 3 } }, 1);
    const sent = await deliverOpened(s);
    await startJobWorkers();
    const limited = await waitFor(() => attempt(sent.id), (a) => a.diffFetchTries >= 1);
    expect(limited.diffNote).toContain("rate limit");
    const next = (await jobsFor(sent.id)).find((j) => j.data.try === 2);
    expect(next).toBeDefined();
    const wait = ((next as { start_after: Date }).start_after.getTime() - limited.updatedAt.getTime()) / 1000;
    expect(wait).toBeGreaterThan(2);
    expect(wait).toBeLessThan(5);
    const done = await waitFor(() => attempt(sent.id), (a) => a.diffFetch !== "pending");
    expect(done.diffFetch).toBe("fetched");
  });

  it("a timeout is a failed try like any other", async () => {
    const s = await setup();
    github.failNext({ path: new RegExp(`^/repos/acme/${s.repo}/pulls/7$`) }, { delayMs: 3_000 }, 1);
    const sent = await deliverOpened(s);
    await startJobWorkers();
    const failed = await waitFor(() => attempt(sent.id), (a) => a.diffFetchTries >= 1);
    expect(failed.diffNote).toContain("did not answer within 1 s");
    expect((await waitFor(() => attempt(sent.id), (a) => a.diffFetch !== "pending")).diffFetch).toBe("fetched");
  });

  it("the next try survives a restart: workers stopped after a failure, new ones finish the job", async () => {
    const s = await setup();
    github.failNext({ path: new RegExp(`^/repos/acme/${s.repo}/pulls/7$`) }, { status: 502 }, 1);
    const sent = await deliverOpened(s);
    await startJobWorkers();
    await waitFor(() => attempt(sent.id), (a) => a.diffFetchTries >= 1);
    await stopJobWorkers();
    // Nothing runs while the instance is down; the next try waits in PostgreSQL.
    expect((await jobsFor(sent.id)).filter((j) => j.state === "created").map((j) => j.data.try)).toEqual([2]);
    expect((await attempt(sent.id)).diffFetch).toBe("pending");
    await startJobWorkers();
    expect(await waitFor(() => attempt(sent.id), (a) => a.diffFetch !== "pending")).toMatchObject({ diffFetch: "fetched", diffFetchTries: 2 });
  });

  it(`gives up after ${MAX_DIFF_TRIES} tries, saying why and pointing to the pull request`, async () => {
    const s = await setup();
    github.failNext({ path: new RegExp(`^/repos/acme/${s.repo}/pulls/7$`) }, { status: 503 }, MAX_DIFF_TRIES);
    process.env.BATON_JOB_RETRY_SECONDS = "0.05";
    try {
      const sent = await deliverOpened(s);
      await startJobWorkers();
      const failed = await waitFor(() => attempt(sent.id), (a) => a.diffFetch !== "pending", 30_000);
      expect(failed).toMatchObject({ diffFetch: "failed", diffFetchTries: MAX_DIFF_TRIES, diff: "" });
      expect(failed.diffNote).toBe(`The diff could not be fetched after ${MAX_DIFF_TRIES} tries. GitHub had an error (503). Open the pull request to see the change.`);
      expect((await jobsFor(sent.id)).map((j) => j.data.try)).toEqual([1, 2, 3, 4, 5, 6]);
    } finally {
      process.env.BATON_JOB_RETRY_SECONDS = "0.2";
    }
  });
});
