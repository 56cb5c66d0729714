// Spec references checked against the code of the board's repository — here the loopback stand-in
// for GitHub's REST API — on a real database: each verdict (found, resolved from a bare name or a
// partial path, missing, ambiguous, lines out of range), what is cached per commit and what is
// asked of GitHub when, a new head read afresh, GitHub's failures, and tenancy.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { createTask } from "@/lib/task/mutations";
import { caught, createTestWorkspace } from "@/lib/test/fixtures";
import { startGitHubStandIn, type GitHubStandIn } from "@/lib/test/github-stand-in";
import { checkSpecReferences, forgetCodeCache } from "./code";
import { connectGitHub, linkBoard } from "./mutations";

const lines = (n: number) => Array.from({ length: n }, (_, i) => `// line ${i + 1}`).join("\n") + "\n";

const FILES = {
  "src/pagination.ts": lines(120),
  "src/pages/InvoicesPage.tsx": lines(90),
  "src/components/ExportButton.tsx": lines(40),
  "app/settings/page.tsx": lines(70),
  "app/projects/page.tsx": lines(30),
  "README.md": "# App\n",
};

let github: GitHubStandIn;

beforeAll(async () => {
  github = await startGitHubStandIn();
});
afterAll(async () => {
  await github.close();
});
beforeEach(() => {
  delete process.env.BATON_GITHUB_HEAD_TTL_SECONDS;
  forgetCodeCache();
});

/** A workspace connected to the stand-in, its board linked to a repository holding FILES, and a task on it. */
async function linkedTask(options: { connected?: boolean; linked?: boolean } = {}) {
  const ws = await createTestWorkspace();
  const repo = `app-${randomUUID().slice(0, 8)}`;
  github.addRepo({ owner: "acme", name: repo, files: FILES });
  if (options.connected !== false) await connectGitHub(ws.scopes.admin, { apiUrl: github.url, token: github.token });
  if (options.linked !== false && options.connected !== false) await linkBoard(ws.scopes.admin, ws.boardKey, { repository: `acme/${repo}` });
  const task = await createTask(ws.scopes.member, { boardKey: ws.boardKey, title: "Add CSV export" });
  return { ws, repo, key: task.key, scope: ws.scopes.viewer };
}

/** Requests the stand-in received for this repository since `from`, as "METHOD path" without the query. */
const asked = (repo: string, from: number) =>
  github.requests
    .slice(from)
    .filter((r) => r.path.startsWith(`/repos/acme/${repo}/`))
    .map((r) => `${r.method} ${decodeURIComponent(r.path.split("?")[0] ?? "").replace(`/repos/acme/${repo}`, "")}`);

const byText = (report: Awaited<ReturnType<typeof checkSpecReferences>>) => Object.fromEntries(report.references.map((r) => [r.text, r]));

describe("references checked at the default branch", () => {
  it("finds files and lines, resolves a unique bare name or partial path, and says what is wrong with the rest, with the fix", async () => {
    const t = await linkedTask();
    const report = await checkSpecReferences(t.scope, t.key, [
      "src/pagination.ts:12",
      "src/pagination.ts:142",
      "src/pagination.ts:100-130",
      "InvoicesPage.tsx:88",
      "components/ExportButton.tsx",
      "page.tsx:67",
      "src/pagnation.ts:4",
      "Pagination.ts:3",
      "src/pagination.ts:60-40",
      "README.md",
    ]);
    expect(report).toMatchObject({ state: "checked", repository: `acme/${t.repo}`, branch: "main", commit: github.headSha("acme", t.repo) });
    const checks = byText(report);
    expect(checks["src/pagination.ts:12"]).toMatchObject({ status: "found", path: "src/pagination.ts", lines: 120, fix: null });
    expect(checks["src/pagination.ts:142"]).toMatchObject({
      status: "out-of-range",
      lines: 120,
      message: "“src/pagination.ts” has 120 lines; the spec points at 142.",
      fix: expect.stringContaining("(1–120)"),
    });
    expect(checks["src/pagination.ts:100-130"]).toMatchObject({ status: "out-of-range", message: "“src/pagination.ts” has 120 lines; the spec points at 100–130." });
    expect(checks["InvoicesPage.tsx:88"]).toMatchObject({ status: "found", path: "src/pages/InvoicesPage.tsx", lines: 90 });
    expect(checks["components/ExportButton.tsx"]).toMatchObject({ status: "found", path: "src/components/ExportButton.tsx", lines: null });
    expect(checks["page.tsx:67"]).toMatchObject({
      status: "ambiguous",
      message: expect.stringContaining("matches 2 files"),
      fix: "Write the path, e.g. “app/projects/page.tsx:67”.",
    });
    expect(checks["src/pagnation.ts:4"]).toMatchObject({ status: "missing", message: `“src/pagnation.ts” is not in acme/${t.repo} at main.` });
    expect(checks["Pagination.ts:3"]).toMatchObject({ status: "missing", fix: "Did you mean “src/pagination.ts:3”?" });
    expect(checks["src/pagination.ts:60-40"]).toMatchObject({ status: "out-of-range", message: "The range 60–40 runs backwards." });
    expect(checks["README.md"]).toMatchObject({ status: "found", path: "README.md" });
  });

  it("reads a commit once: the file list and each file's lines are cached per commit, in memory and in the database", async () => {
    const t = await linkedTask();
    let from = github.requests.length;
    await checkSpecReferences(t.scope, t.key, ["src/pagination.ts:12", "InvoicesPage.tsx:88", "README.md"]);
    // The head, the file list, and the two files whose lines are named (README.md names none).
    expect(asked(t.repo, from).sort()).toEqual(["GET /branches/main", "GET /contents/src/pagination.ts", "GET /contents/src/pages/InvoicesPage.tsx", `GET /git/trees/${github.headSha("acme", t.repo)}`].sort());

    // Typing on: the same references, and another line of a file already read, ask GitHub nothing.
    from = github.requests.length;
    const again = await checkSpecReferences(t.scope, t.key, ["src/pagination.ts:12", "src/pagination.ts:140", "InvoicesPage.tsx:88"]);
    expect(asked(t.repo, from)).toEqual([]);
    expect(byText(again)["src/pagination.ts:140"]).toMatchObject({ status: "out-of-range", lines: 120 });

    // A reference into a file not read yet: that file only.
    from = github.requests.length;
    await checkSpecReferences(t.scope, t.key, ["app/settings/page.tsx:67"]);
    expect(asked(t.repo, from)).toEqual(["GET /contents/app/settings/page.tsx"]);

    // Another instance (or this one after a restart) asks only for the head: the rest is in the database.
    forgetCodeCache();
    from = github.requests.length;
    const fromTable = await checkSpecReferences(t.scope, t.key, ["src/pagination.ts:12", "app/settings/page.tsx:67", "README.md"]);
    expect(asked(t.repo, from)).toEqual(["GET /branches/main"]);
    expect(fromTable.references.map((r) => [r.text, r.status, r.lines])).toEqual([
      ["src/pagination.ts:12", "found", 120],
      ["app/settings/page.tsx:67", "found", 70],
      ["README.md", "found", null],
    ]);
    const rows = await db().codeSnapshot.findMany({ where: { workspaceId: t.scope.workspaceId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.lineCounts).toEqual({ "src/pagination.ts": 120, "src/pages/InvoicesPage.tsx": 90, "app/settings/page.tsx": 70 });
  });

  it("reads a new head of the default branch afresh once the remembered head expires", async () => {
    const t = await linkedTask();
    const before = await checkSpecReferences(t.scope, t.key, ["src/pagination.ts:142"]);
    expect(byText(before)["src/pagination.ts:142"]?.status).toBe("out-of-range");

    const head = github.setFile("acme", t.repo, "src/pagination.ts", lines(150));
    // Within the minute the head is remembered: still the old commit, nothing asked.
    let from = github.requests.length;
    expect((await checkSpecReferences(t.scope, t.key, ["src/pagination.ts:142"])).commit).toBe(before.commit);
    expect(asked(t.repo, from)).toEqual([]);

    process.env.BATON_GITHUB_HEAD_TTL_SECONDS = "0";
    from = github.requests.length;
    const after = await checkSpecReferences(t.scope, t.key, ["src/pagination.ts:142"]);
    expect(after.commit).toBe(head);
    expect(byText(after)["src/pagination.ts:142"]).toMatchObject({ status: "found", lines: 150 });
    expect(asked(t.repo, from).sort()).toEqual(["GET /branches/main", "GET /contents/src/pagination.ts", `GET /git/trees/${head}`].sort());
  });
});

describe("when references cannot be checked", () => {
  it("says so for a board without a repository and a workspace without GitHub, asking GitHub nothing", async () => {
    const unlinked = await linkedTask({ linked: false });
    const from = github.requests.length;
    expect(await checkSpecReferences(unlinked.scope, unlinked.key, ["src/pagination.ts:12"])).toMatchObject({ state: "not-linked", references: [] });
    const unconnected = await linkedTask({ connected: false });
    expect(await checkSpecReferences(unconnected.scope, unconnected.key, ["src/pagination.ts:12"])).toMatchObject({ state: "not-linked", references: [] });
    await db().gitHubConnection.deleteMany({ where: { workspaceId: unlinked.scope.workspaceId } });
    await db().board.updateMany({ where: { workspaceId: unlinked.scope.workspaceId }, data: { repository: `acme/${unlinked.repo}`, defaultBranch: "main" } });
    expect(await checkSpecReferences(unlinked.scope, unlinked.key, ["src/pagination.ts:12"])).toMatchObject({ state: "not-connected", message: expect.stringContaining("Settings → GitHub") });
    expect(github.requests.length).toBe(from);
  });

  it("reports GitHub refusing or failing as unavailable, caches nothing, and checks again on the next change", async () => {
    const t = await linkedTask();
    github.failNext({ path: new RegExp(`^/repos/acme/${t.repo}/branches/`) }, { status: 401 }, 1);
    expect(await checkSpecReferences(t.scope, t.key, ["src/pagination.ts:12"])).toMatchObject({
      state: "unavailable",
      references: [],
      message: expect.stringContaining("401 Bad credentials"),
    });
    github.failNext({ path: new RegExp(`^/repos/acme/${t.repo}/git/trees/`) }, { status: 403, rateLimited: { retryAfterSeconds: 30 } }, 1);
    expect(await checkSpecReferences(t.scope, t.key, ["src/pagination.ts:12"])).toMatchObject({ state: "unavailable", message: expect.stringContaining("rate limit") });
    expect(await db().codeSnapshot.count({ where: { workspaceId: t.scope.workspaceId } })).toBe(0);

    // A file that fails to come is unchecked, and read on the next check.
    github.failNext({ path: new RegExp(`^/repos/acme/${t.repo}/contents/src(?:/|%2F)pagination\\.ts`) }, { status: 502 }, 1);
    const partly = await checkSpecReferences(t.scope, t.key, ["src/pagination.ts:12", "InvoicesPage.tsx:88"]);
    expect(partly.references.map((r) => [r.text, r.status])).toEqual([
      ["src/pagination.ts:12", "unchecked"],
      ["InvoicesPage.tsx:88", "found"],
    ]);
    expect(byText(partly)["src/pagination.ts:12"]?.message).toContain("checked again");
    const from = github.requests.length;
    expect(byText(await checkSpecReferences(t.scope, t.key, ["src/pagination.ts:12", "InvoicesPage.tsx:88"]))["src/pagination.ts:12"]).toMatchObject({ status: "found", lines: 120 });
    expect(asked(t.repo, from)).toEqual(["GET /contents/src/pagination.ts"]);
  });

  it("answers not found for a task the workspace does not have, and keeps each workspace's snapshots apart", async () => {
    const mine = await linkedTask();
    const theirs = await linkedTask();
    await checkSpecReferences(theirs.scope, theirs.key, ["src/pagination.ts:12"]);
    expect((await caught(checkSpecReferences(mine.scope, "TST-999999", ["src/pagination.ts:12"]))).code).toBe("not_found");
    // The same repository linked in two workspaces keeps one snapshot each.
    const shared = await linkedTask();
    await linkBoard(shared.ws.scopes.admin, shared.ws.boardKey, { repository: `acme/${theirs.repo}` });
    await checkSpecReferences(shared.scope, shared.key, ["src/pagination.ts:12"]);
    expect(await db().codeSnapshot.count({ where: { repository: `acme/${theirs.repo}` } })).toBe(2);
  });
});
