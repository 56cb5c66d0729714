import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startGitHubStandIn, type GitHubStandIn, type ReviewCommentInput } from "./github-stand-in";

// The stand-in as Baton's client sees it: every call goes through @octokit/rest against the local
// server. Expected shas were computed by git itself (`git write-tree`, `git commit-tree` with the
// stand-in's author and dates, `git hash-object`) from the same files, and the diffs are git's output.

const OWNER = "acme";
const NAME = "widgets";
const FILES = {
  "README.md": "# Widgets\n",
  "old.txt": "obsolete\n",
  "src-notes.md": "notes\n",
  "src/index.ts": 'import { add } from "./util/math";\nexport const answer = 42;\nexport default answer;\n',
  "src/util/math.ts": "export function add(a: number, b: number) {\n  return a + b;\n}\n",
  "src_z.md": "z\n",
};

const GIT = {
  commit: "78c441579246f82b9ecb857aa04b182efb4e8d6f",
  tree: "d5ed2552a509dba38d545d66587b4e752f776d7b",
  /** `git ls-tree -r -t` of the tree: git sorts "src/" after "src-notes.md" and before "src_z.md". */
  listing: [
    ["100644", "blob", "097bbeec9d6fd565e250f92553b246a1e29c0c61", "README.md"],
    ["100644", "blob", "6e263abce10f69a67055f355ff61e4d51f66962d", "old.txt"],
    ["100644", "blob", "bfa655111293037a5564088d1a9bbca4cbcf446b", "src-notes.md"],
    ["040000", "tree", "19efb70cf34d0814f68a8223a7a394536a69081a", "src"],
    ["100644", "blob", "b4f8e3fcbf1878b1931c5dd316b9124ff3c2b76c", "src/index.ts"],
    ["040000", "tree", "4743f554f31cb24e6b7b1e1f856112897d7de712", "src/util"],
    ["100644", "blob", "3b399665dc81da354beef75b3859ed04d14b1ed4", "src/util/math.ts"],
    ["100644", "blob", "b68025345d5301abad4d9ec9166f455243a0d746", "src_z.md"],
  ],
  /** After README.md becomes "# Widgets\n\nNow with gears.\n". */
  nextCommit: "704ffca86a86ddf22a32550c244679cef617da83",
  nextReadme: "f38eb66aac35de544682ec18801c8967d8f13868",
};

const DIFF = `diff --git a/docs/guide.md b/docs/guide.md
new file mode 100644
index 0000000..f2c33cc
--- /dev/null
+++ b/docs/guide.md
@@ -0,0 +1,2 @@
+# Guide
+Read me.
diff --git a/old.txt b/old.txt
deleted file mode 100644
index 6e263ab..0000000
--- a/old.txt
+++ /dev/null
@@ -1 +0,0 @@
-obsolete
diff --git a/src/index.ts b/src/index.ts
index b4f8e3f..1d77baa 100644
--- a/src/index.ts
+++ b/src/index.ts
@@ -1,3 +1,4 @@
 import { add } from "./util/math";
-export const answer = 42;
+export const answer = add(40, 2);
+export const question = "unknown";
 export default answer;
diff --git a/src/util/math.ts b/src/util/sum.ts
similarity index 29%
rename from src/util/math.ts
rename to src/util/sum.ts
index 3b39966..508f35f 100644
--- a/src/util/math.ts
+++ b/src/util/sum.ts
@@ -1,3 +1,3 @@
-export function add(a: number, b: number) {
+export function sum(a: number, b: number) {
   return a + b;
 }
`;

/** git's output for names it quotes (non-ASCII), ends with a tab (a space), or a binary file. */
const UNUSUAL_NAMES_DIFF = `diff --git "a/docs/caf\\303\\251.md" "b/docs/caf\\303\\251.md"
new file mode 100644
index 0000000..d66d227
--- /dev/null
+++ "b/docs/caf\\303\\251.md"
@@ -0,0 +1 @@
+accent
diff --git a/docs/logo.png b/docs/logo.png
new file mode 100644
index 0000000..f584f40
Binary files /dev/null and b/docs/logo.png differ
diff --git a/docs/read me.md b/docs/read me.md
new file mode 100644
index 0000000..bd4269f
--- /dev/null
+++ b/docs/read me.md\t
@@ -0,0 +1 @@
+spaced
`;

const HEAD_SHA = "1d77baa0000000000000000000000000000000aa";
const DOCS_REVIEWS = "https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request";

/** What Octokit's RequestError carries; its class is not a dependency of Baton. */
interface OctokitError extends Error {
  status: number;
  response?: { headers: Record<string, string | undefined>; data: unknown };
}

async function rejection(promise: Promise<unknown>): Promise<OctokitError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    return error as OctokitError;
  }
  throw new Error("expected the request to fail");
}

/** Octokit logs every failed request; these tests fail requests on purpose. */
const QUIET = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

let standIn: GitHubStandIn;
let octokit: Octokit;
const repo = { owner: OWNER, repo: NAME };

beforeAll(async () => {
  standIn = await startGitHubStandIn();
  octokit = new Octokit({ auth: standIn.token, baseUrl: standIn.url, log: QUIET });
});

afterAll(async () => {
  await standIn.close();
});

beforeEach(() => {
  standIn.reset();
  standIn.addRepo({ owner: OWNER, name: NAME, files: FILES });
  standIn.addPull(OWNER, NAME, { number: 7, title: "WID-7: Sum it up", body: "Renames add to sum.", author: "dev", headRef: "wid-7-sum", headSha: HEAD_SHA, diff: DIFF });
});

describe("GitHub stand-in: accounts and repositories", () => {
  it("answers the authenticated user, with GitHub's rate-limit headers on every answer", async () => {
    const first = await octokit.rest.users.getAuthenticated();
    const second = await octokit.rest.users.getAuthenticated();
    expect(first.data).toMatchObject({ login: standIn.login, id: 1, type: "User" });
    expect(first.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(first.headers["x-ratelimit-limit"]).toBe("5000");
    expect(first.headers["x-ratelimit-resource"]).toBe("core");
    expect([first.headers["x-ratelimit-used"], second.headers["x-ratelimit-used"]]).toEqual(["1", "2"]);
    expect(second.headers["x-ratelimit-remaining"]).toBe("4998");
    const reset = Number(first.headers["x-ratelimit-reset"]);
    expect(reset).toBeGreaterThan(Date.now() / 1000);
    expect(reset).toBeLessThanOrEqual(Date.now() / 1000 + 3600);
    expect(first.headers["x-github-request-id"]).toMatch(/^[0-9A-F]{4}:[0-9A-F]{4}:[0-9A-F]{6}:[0-9A-F]{6}:[0-9A-F]{8}$/);
  });

  it("answers a repository by a name in any case, and 404s an unknown one with GitHub's body", async () => {
    const { data } = await octokit.rest.repos.get({ owner: "ACME", repo: "Widgets" });
    expect(data).toMatchObject({ name: NAME, full_name: `${OWNER}/${NAME}`, private: false, default_branch: "main", owner: { login: OWNER }, html_url: `https://github.com/${OWNER}/${NAME}` });
    const error = await rejection(octokit.rest.repos.get({ owner: OWNER, repo: "gadgets" }));
    expect(error.status).toBe(404);
    expect(error.response?.data).toEqual({ message: "Not Found", documentation_url: "https://docs.github.com/rest/repos/repos#get-a-repository", status: "404" });
  });

  it("404s a route it does not serve", async () => {
    const error = await rejection(octokit.request("GET /repos/{owner}/{repo}/issues", repo));
    expect(error.status).toBe(404);
    expect(error.response?.data).toEqual({ message: "Not Found", documentation_url: "https://docs.github.com/rest", status: "404" });
  });

  it("refuses a bad token or none with 401, and takes a Bearer token", async () => {
    const stranger = new Octokit({ auth: "ghp_notAcceptedAnywhere000000000000000000", baseUrl: standIn.url, log: QUIET });
    const error = await rejection(stranger.rest.users.getAuthenticated());
    expect(error.status).toBe(401);
    expect(error.response?.data).toEqual({ message: "Bad credentials", documentation_url: "https://docs.github.com/rest", status: "401" });
    expect(error.response?.headers["x-ratelimit-limit"]).toBe("5000");
    const anonymous = await fetch(`${standIn.url}/user`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ message: "Requires authentication" });
    const bearer = await fetch(`${standIn.url}/user`, { headers: { authorization: `Bearer ${standIn.token}` } });
    expect(bearer.status).toBe(200);
  });

  it("accepts every token it was started with", async () => {
    const other = await startGitHubStandIn({ tokens: ["ghp_first", "ghp_second"] });
    try {
      expect(other.token).toBe("ghp_first");
      const second = new Octokit({ auth: "ghp_second", baseUrl: other.url });
      expect((await second.rest.users.getAuthenticated()).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});

describe("GitHub stand-in: git data", () => {
  it("names commits, trees and blobs as git does, and lists trees recursively with the directories", async () => {
    const branch = await octokit.rest.repos.getBranch({ ...repo, branch: "main" });
    expect(branch.data).toMatchObject({ name: "main", commit: { sha: GIT.commit, commit: { tree: { sha: GIT.tree } } }, protected: false });
    const commit = await octokit.rest.repos.getCommit({ ...repo, ref: "main" });
    expect(commit.data).toMatchObject({ sha: GIT.commit, parents: [], commit: { message: "Initial commit", author: { name: "Baton Stand-in", date: "2024-01-01T00:00:00.000Z" } } });
    const tree = await octokit.rest.git.getTree({ ...repo, tree_sha: GIT.commit, recursive: "1" });
    expect(tree.data.sha).toBe(GIT.tree);
    expect(tree.data.truncated).toBe(false);
    expect(tree.data.tree.map((entry) => [entry.mode, entry.type, entry.sha, entry.path])).toEqual(GIT.listing);
    expect(tree.data.tree.find((entry) => entry.path === "src/util/math.ts")).toMatchObject({ size: 62, url: `${standIn.url}/repos/${OWNER}/${NAME}/git/blobs/3b399665dc81da354beef75b3859ed04d14b1ed4` });
    const top = await octokit.rest.git.getTree({ ...repo, tree_sha: "main" });
    expect(top.data.tree.map((entry) => entry.path)).toEqual(["README.md", "old.txt", "src-notes.md", "src", "src_z.md"]);
    const subtree = await octokit.rest.git.getTree({ ...repo, tree_sha: "19efb70cf34d0814f68a8223a7a394536a69081a" });
    expect(subtree.data.tree.map((entry) => entry.path)).toEqual(["index.ts", "util"]);
  });

  it("answers GitHub's errors for an unknown branch, commit and tree", async () => {
    const branch = await rejection(octokit.rest.repos.getBranch({ ...repo, branch: "nope" }));
    expect([branch.status, (branch.response?.data as { message: string }).message]).toEqual([404, "Branch not found"]);
    const commit = await rejection(octokit.rest.repos.getCommit({ ...repo, ref: "nope" }));
    expect([commit.status, (commit.response?.data as { message: string }).message]).toEqual([422, "No commit found for SHA: nope"]);
    const tree = await rejection(octokit.rest.git.getTree({ ...repo, tree_sha: "0".repeat(40) }));
    expect(tree.status).toBe(404);
  });

  it("serves a file's content in base64 lines of 60 characters, at the head or any older commit", async () => {
    const before = await octokit.rest.repos.getContent({ ...repo, path: "src/util/math.ts" });
    expect(before.data).toMatchObject({ type: "file", encoding: "base64", name: "math.ts", path: "src/util/math.ts", sha: "3b399665dc81da354beef75b3859ed04d14b1ed4", size: 62 });
    const content = (before.data as { content: string }).content;
    expect(content.split("\n").every((line) => line.length <= 60)).toBe(true);
    expect(content.endsWith("\n")).toBe(true);
    expect(Buffer.from(content, "base64").toString("utf8")).toBe(FILES["src/util/math.ts"]);

    expect(standIn.setFile(OWNER, NAME, "README.md", "# Widgets\n\nNow with gears.\n")).toBe(GIT.nextCommit);
    expect(standIn.headSha(OWNER, NAME)).toBe(GIT.nextCommit);
    const next = await octokit.rest.repos.getCommit({ ...repo, ref: GIT.nextCommit });
    expect(next.data.parents.map((parent) => parent.sha)).toEqual([GIT.commit]);
    const current = await octokit.rest.repos.getContent({ ...repo, path: "README.md" });
    const old = await octokit.rest.repos.getContent({ ...repo, path: "README.md", ref: GIT.commit });
    expect(current.data).toMatchObject({ sha: GIT.nextReadme });
    expect(Buffer.from((current.data as { content: string }).content, "base64").toString("utf8")).toBe("# Widgets\n\nNow with gears.\n");
    expect(Buffer.from((old.data as { content: string }).content, "base64").toString("utf8")).toBe(FILES["README.md"]);
  });

  it("lists a directory, serves the raw media type, and 404s a missing file or ref", async () => {
    const directory = await octokit.rest.repos.getContent({ ...repo, path: "src" });
    expect((directory.data as { type: string; path: string }[]).map((entry) => [entry.type, entry.path])).toEqual([
      ["file", "src/index.ts"],
      ["dir", "src/util"],
    ]);
    const raw = await octokit.rest.repos.getContent({ ...repo, path: "src/index.ts", mediaType: { format: "raw" } });
    expect(raw.data).toBe(FILES["src/index.ts"]);
    const missing = await rejection(octokit.rest.repos.getContent({ ...repo, path: "src/nope.ts" }));
    expect(missing.status).toBe(404);
    const badRef = await rejection(octokit.rest.repos.getContent({ ...repo, path: "README.md", ref: "nope" }));
    expect([badRef.status, (badRef.response?.data as { message: string }).message]).toEqual([404, "No commit found for the ref nope"]);
  });

  it("refuses fixtures git could not hold", () => {
    expect(() => standIn.addRepo({ owner: "acme", name: "broken", files: { a: "file", "a/b": "file below it" } })).toThrow(/both a file and a directory/);
    expect(() => standIn.addRepo({ owner: "acme", name: "escape", files: { "../etc/passwd": "" } })).toThrow(/not a file path/);
    expect(() => standIn.addRepo({ owner: OWNER, name: NAME, files: {} })).toThrow(/already added/);
  });
});

describe("GitHub stand-in: pull requests", () => {
  it("answers a pull request as JSON, and as its diff for the diff media type", async () => {
    const { data } = await octokit.rest.pulls.get({ ...repo, pull_number: 7 });
    expect(data).toMatchObject({
      number: 7,
      state: "open",
      title: "WID-7: Sum it up",
      body: "Renames add to sum.",
      html_url: `https://github.com/${OWNER}/${NAME}/pull/7`,
      user: { login: "dev" },
      head: { ref: "wid-7-sum", sha: HEAD_SHA },
      base: { ref: "main", sha: GIT.commit },
      draft: false,
      merged: false,
      additions: 5,
      deletions: 3,
      changed_files: 4,
    });
    const diff = await octokit.rest.pulls.get({ ...repo, pull_number: 7, mediaType: { format: "diff" } });
    expect(diff.data).toBe(DIFF);
    expect(diff.headers["content-type"]).toBe("application/vnd.github.diff; charset=utf-8");
    expect(standIn.requests.at(-1)?.headers.accept).toBe("application/vnd.github.v3.diff");
    const missing = await rejection(octokit.rest.pulls.get({ ...repo, pull_number: 8 }));
    expect(missing.status).toBe(404);
  });

  it("lists the changed files read from the diff, a page at a time with GitHub's Link header", async () => {
    const files = await octokit.paginate(octokit.rest.pulls.listFiles, { ...repo, pull_number: 7, per_page: 3 });
    expect(files.map(({ filename, status, additions, deletions, changes, previous_filename }) => ({ filename, status, additions, deletions, changes, previous_filename }))).toEqual([
      { filename: "docs/guide.md", status: "added", additions: 2, deletions: 0, changes: 2, previous_filename: undefined },
      { filename: "old.txt", status: "removed", additions: 0, deletions: 1, changes: 1, previous_filename: undefined },
      { filename: "src/index.ts", status: "modified", additions: 2, deletions: 1, changes: 3, previous_filename: undefined },
      { filename: "src/util/sum.ts", status: "renamed", additions: 1, deletions: 1, changes: 2, previous_filename: "src/util/math.ts" },
    ]);
    expect(files[2]?.patch).toBe('@@ -1,3 +1,4 @@\n import { add } from "./util/math";\n-export const answer = 42;\n+export const answer = add(40, 2);\n+export const question = "unknown";\n export default answer;');
    expect(files[0]?.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(standIn.requests.map((request) => request.path)).toEqual([`/repos/${OWNER}/${NAME}/pulls/7/files?per_page=3`, `/repos/${OWNER}/${NAME}/pulls/7/files?per_page=3&page=2`]);

    const middle = await octokit.rest.pulls.listFiles({ ...repo, pull_number: 7, per_page: 1, page: 2 });
    const page = (number: number) => `<${standIn.url}/repos/${OWNER}/${NAME}/pulls/7/files?per_page=1&page=${number}>`;
    expect(middle.headers.link).toBe(`${page(1)}; rel="prev", ${page(3)}; rel="next", ${page(4)}; rel="last", ${page(1)}; rel="first"`);
    expect(middle.data.map((file) => file.filename)).toEqual(["old.txt"]);
    const all = await octokit.rest.pulls.listFiles({ ...repo, pull_number: 7 });
    expect(all.headers.link).toBeUndefined();
    expect(all.data).toHaveLength(4);
  });

  it("reads the names git quotes or ends with a tab, and gives a binary file no patch", async () => {
    standIn.addPull(OWNER, NAME, { number: 8, headRef: "docs", diff: UNUSUAL_NAMES_DIFF });
    const { data } = await octokit.rest.pulls.listFiles({ ...repo, pull_number: 8 });
    expect(data.map((file) => [file.filename, file.status, file.patch])).toEqual([
      ["docs/café.md", "added", "@@ -0,0 +1 @@\n+accent"],
      ["docs/logo.png", "added", undefined],
      ["docs/read me.md", "added", "@@ -0,0 +1 @@\n+spaced"],
    ]);
  });

  it("takes the changed files as given instead of reading them from the diff", async () => {
    standIn.addPull(OWNER, NAME, { number: 9, headRef: "given", diff: "", state: "closed", merged: true, files: [{ filename: "a.txt", status: "modified", patch: "@@ -1 +1,2 @@\n-a\n+b\n+c" }] });
    const { data } = await octokit.rest.pulls.listFiles({ ...repo, pull_number: 9 });
    expect(data).toMatchObject([{ filename: "a.txt", status: "modified", additions: 2, deletions: 1, changes: 3 }]);
    const pull = await octokit.rest.pulls.get({ ...repo, pull_number: 9 });
    expect(pull.data).toMatchObject({ state: "closed", merged: true, changed_files: 1 });
  });
});

/** Posts a review body the typed client would not let through. */
function postReview(review: Record<string, unknown>) {
  return octokit.request({ method: "POST", url: "/repos/{owner}/{repo}/pulls/{pull_number}/reviews", ...repo, pull_number: 7, ...review });
}

describe("GitHub stand-in: reviews", () => {
  it("creates a review with inline comments, lists it, and keeps what it received", async () => {
    const comments: ReviewCommentInput[] = [
      { path: "src/index.ts", line: 3, body: "Is the question still unknown?" },
      { path: "old.txt", line: 1, side: "LEFT", body: "Was anything still reading this?" },
    ];
    const created = await octokit.rest.pulls.createReview({ ...repo, pull_number: 7, event: "REQUEST_CHANGES", body: "Two things.", comments });
    expect(created.status).toBe(200);
    expect(created.data).toMatchObject({ user: { login: standIn.login }, body: "Two things.", state: "CHANGES_REQUESTED", commit_id: HEAD_SHA, pull_request_url: `${standIn.url}/repos/${OWNER}/${NAME}/pulls/7` });
    expect(created.data.html_url).toBe(`https://github.com/${OWNER}/${NAME}/pull/7#pullrequestreview-${created.data.id}`);
    expect(new Date(created.data.submitted_at ?? "").getTime()).toBeGreaterThan(Date.now() - 60_000);

    const approved = await octokit.rest.pulls.createReview({ ...repo, pull_number: 7, event: "APPROVE", comments: [{ path: "src/util/sum.ts", start_line: 1, line: 3, body: "Nice rename." }] });
    expect(approved.data).toMatchObject({ state: "APPROVED", body: "" });
    const listed = await octokit.rest.pulls.listReviews({ ...repo, pull_number: 7 });
    expect(listed.data.map((review) => [review.id, review.state])).toEqual([
      [created.data.id, "CHANGES_REQUESTED"],
      [approved.data.id, "APPROVED"],
    ]);
    expect(listed.data[0]).toEqual(created.data);
    const received = standIn.reviews(OWNER, NAME, 7);
    expect(received.map((review) => review.comments)).toEqual([comments, [{ path: "src/util/sum.ts", start_line: 1, line: 3, body: "Nice rename." }]]);
  });

  it("creates a pending review when no event is given, and only one", async () => {
    const pending = await octokit.rest.pulls.createReview({ ...repo, pull_number: 7, comments: [{ path: "docs/guide.md", position: 2, body: "Read what?" }] });
    expect(pending.data.state).toBe("PENDING");
    expect(pending.data).not.toHaveProperty("submitted_at");
    const second = await rejection(octokit.rest.pulls.createReview({ ...repo, pull_number: 7 }));
    expect(second.status).toBe(422);
    expect(second.response?.data).toEqual({ message: "Unprocessable Entity", errors: ["User can only have one pending review per pull request"], documentation_url: DOCS_REVIEWS, status: "422" });
  });

  const LINE_OUTSIDE = "Pull request review thread line must be part of the diff and Pull request review thread diff hunk can't be blank";
  it.each([
    { why: "a line outside the diff", review: { event: "COMMENT", body: "x", comments: [{ path: "src/index.ts", line: 9, body: "?" }] }, errors: [LINE_OUTSIDE] },
    { why: "a line only on the other side", review: { event: "COMMENT", body: "x", comments: [{ path: "src/index.ts", line: 4, side: "LEFT", body: "?" }] }, errors: [LINE_OUTSIDE] },
    { why: "a file the pull request does not change", review: { event: "COMMENT", body: "x", comments: [{ path: "README.md", line: 1, body: "?" }] }, errors: ["Pull request review thread path is invalid and Pull request review thread diff hunk can't be blank"] },
    {
      why: "a range that ends before it starts",
      review: { event: "COMMENT", body: "x", comments: [{ path: "src/index.ts", start_line: 3, line: 2, body: "?" }] },
      errors: ["Pull request review thread start line must precede the end line. and Pull request review thread diff hunk can't be blank"],
    },
    {
      why: "several problems at once",
      review: { event: "COMMENT", body: "x", comments: [{ path: "src/index.ts", line: 9, body: "?" }, { path: "README.md", line: 1, body: "?" }] },
      errors: ["Pull request review thread line must be part of the diff, Pull request review thread path is invalid, and Pull request review thread diff hunk can't be blank"],
    },
    { why: "a position past the file's patch", review: { event: "COMMENT", body: "x", comments: [{ path: "docs/guide.md", position: 3, body: "?" }] }, errors: ["Pull request review thread position is invalid and Pull request review thread diff hunk can't be blank"] },
    { why: "changes requested without a body", review: { event: "REQUEST_CHANGES", body: "" }, errors: ["You need to leave a comment indicating the requested changes."] },
  ])("refuses $why with 422 Unprocessable Entity, and records nothing", async ({ review, errors }) => {
    const error = await rejection(postReview(review));
    expect(error.status).toBe(422);
    expect(error.response?.data).toEqual({ message: "Unprocessable Entity", errors, documentation_url: DOCS_REVIEWS, status: "422" });
    expect(standIn.reviews(OWNER, NAME, 7)).toEqual([]);
  });

  it.each([
    { why: "a comment review with a blank body", review: { event: "COMMENT", body: "  " }, error: { resource: "PullRequestReview", field: "body", code: "missing_field" } },
    { why: "an unknown event", review: { event: "LGTM", body: "ok" }, error: { resource: "PullRequestReview", field: "event", code: "invalid" } },
    { why: "an event named like an object's own method", review: { event: "toString", body: "ok" }, error: { resource: "PullRequestReview", field: "event", code: "invalid" } },
    { why: "a comment without a path", review: { event: "COMMENT", body: "x", comments: [{ line: 1, body: "?" }] }, error: { resource: "PullRequestReviewComment", field: "path", code: "missing_field" } },
    { why: "a side that is not LEFT or RIGHT", review: { event: "COMMENT", body: "x", comments: [{ path: "old.txt", line: 1, side: "UP", body: "?" }] }, error: { resource: "PullRequestReviewComment", field: "side", code: "invalid" } },
  ])("refuses $why with 422 Validation Failed", async ({ review, error: expected }) => {
    const error = await rejection(postReview(review));
    expect(error.status).toBe(422);
    expect(error.response?.data).toEqual({ message: "Validation Failed", errors: [expected], documentation_url: DOCS_REVIEWS, status: "422" });
    expect(standIn.reviews(OWNER, NAME, 7)).toEqual([]);
  });

  it("records every request, with the authorization reduced to its scheme", async () => {
    await octokit.rest.pulls.createReview({ ...repo, pull_number: 7, event: "COMMENT", body: "Looks tidy.", comments: [{ path: "docs/guide.md", line: 2, body: "Read what?" }] });
    const [request] = standIn.requests;
    expect(standIn.requests).toHaveLength(1);
    expect(request).toMatchObject({ method: "POST", path: `/repos/${OWNER}/${NAME}/pulls/7/reviews`, body: { event: "COMMENT", body: "Looks tidy.", comments: [{ path: "docs/guide.md", line: 2, body: "Read what?" }] } });
    expect(request?.headers.authorization).toBe("token [redacted]");
    expect(request?.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(JSON.stringify(standIn.requests)).not.toContain(standIn.token);
    await fetch(`${standIn.url}/user`, { headers: { authorization: standIn.token } });
    expect(standIn.requests.at(-1)?.headers.authorization).toBe("[redacted]");
  });
});

describe("GitHub stand-in: injected failures", () => {
  it("fails the next matching requests with the status asked for, then answers again", async () => {
    standIn.failNext({ method: "GET", path: /^\/repos\/acme\/widgets$/ }, { status: 500 }, 2);
    standIn.failNext({ path: /^\/user$/ }, { status: 404 });
    for (let i = 0; i < 2; i++) {
      const error = await rejection(octokit.rest.repos.get(repo));
      expect(error.status).toBe(500);
      expect(error.response?.data).toEqual({ message: "Server Error", documentation_url: "https://docs.github.com/rest/repos/repos#get-a-repository", status: "500" });
    }
    expect((await octokit.rest.repos.get(repo)).status).toBe(200);
    expect((await rejection(octokit.rest.users.getAuthenticated())).status).toBe(404);
    expect((await octokit.rest.users.getAuthenticated()).status).toBe(200);
  });

  it("answers GitHub's primary rate limit: 403, nothing remaining, and when it resets", async () => {
    standIn.failNext({ path: /\/pulls\/7$/ }, { status: 403, rateLimited: { resetInSeconds: 120 } });
    const error = await rejection(octokit.rest.pulls.get({ ...repo, pull_number: 7 }));
    expect(error.status).toBe(403);
    expect(error.message).toContain("API rate limit exceeded for user ID 1.");
    expect(error.response?.headers["x-ratelimit-remaining"]).toBe("0");
    expect(Number(error.response?.headers["x-ratelimit-reset"]) - Date.now() / 1000).toBeGreaterThan(115);
    expect(Number(error.response?.headers["x-ratelimit-reset"]) - Date.now() / 1000).toBeLessThanOrEqual(120);
    expect(error.response?.headers["retry-after"]).toBeUndefined();
  });

  it("answers a secondary rate limit: 429 with retry-after", async () => {
    standIn.failNext({ method: "POST", path: /\/reviews$/ }, { status: 429, rateLimited: { retryAfterSeconds: 7 } });
    const error = await rejection(octokit.rest.pulls.createReview({ ...repo, pull_number: 7, event: "APPROVE" }));
    expect(error.status).toBe(429);
    expect(error.message).toContain("You have exceeded a secondary rate limit");
    expect(error.response?.headers["retry-after"]).toBe("7");
    expect(error.response?.headers["x-ratelimit-remaining"]).not.toBe("0");
    expect(standIn.reviews(OWNER, NAME, 7)).toEqual([]);
  });

  it("answers late on an injected delay, so that a client timeout aborts the request", async () => {
    standIn.failNext({ path: /^\/user$/ }, { delayMs: 2000 });
    const error = await rejection(octokit.rest.users.getAuthenticated({ request: { signal: AbortSignal.timeout(100) } }));
    expect(error.cause).toMatchObject({ name: "TimeoutError" });
    standIn.failNext({ path: /^\/user$/ }, { delayMs: 150 });
    const started = performance.now();
    const late = await octokit.rest.users.getAuthenticated();
    expect(late.data.login).toBe(standIn.login);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("drops the connection without an answer on an injected drop", async () => {
    standIn.failNext({ path: /^\/user$/ }, { drop: true });
    const error = await rejection(octokit.rest.users.getAuthenticated());
    expect(error.status).toBe(500);
    expect(error.response).toBeUndefined();
    expect(error.cause).toBeInstanceOf(TypeError);
    expect((await octokit.rest.users.getAuthenticated()).status).toBe(200);
  });

  it("forgets everything on reset", async () => {
    standIn.failNext({ path: /./ }, { status: 503 }, 5);
    await octokit.rest.pulls.createReview({ ...repo, pull_number: 7, event: "APPROVE" }).catch(() => undefined);
    standIn.reset();
    expect(standIn.requests).toEqual([]);
    expect((await rejection(octokit.rest.repos.get(repo))).status).toBe(404);
    expect(() => standIn.reviews(OWNER, NAME, 7)).toThrow(/no repository/);
  });
});
