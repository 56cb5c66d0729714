import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findTaskKeys, DIFF_NOTES, isSubmittingAction, pullRequestEventSchema, pullRequestSummary, SUMMARY_BODY_CHARS } from "./pull-request";
import { pullRequestPayload } from "./test-payloads";

const pr = (head: string, title = "", body: string | null = null) => ({ head: { ref: head }, title, body });

describe("findTaskKeys", () => {
  it("finds a key in the branch name, in any case and position", () => {
    expect(findTaskKeys(pr("web-42-fix-thing"))).toEqual(["WEB-42"]);
    expect(findTaskKeys(pr("feature/WEB-42"))).toEqual(["WEB-42"]);
    expect(findTaskKeys(pr("copilot/fix-web-42"))).toEqual(["WEB-42"]);
    expect(findTaskKeys(pr("WEB-42_login"))).toEqual(["WEB-42"]);
    expect(findTaskKeys(pr("ops2-7"))).toEqual(["OPS2-7"]);
  });

  it("finds keys in the title and body, branch first, each once, in order of appearance", () => {
    expect(findTaskKeys(pr("web-42-x", "Fix WEB-42 and api-3", "Also (WEB-9), see web-42.\nCloses API-3."))).toEqual(["WEB-42", "API-3", "WEB-9"]);
  });

  it("needs a boundary on both sides", () => {
    expect(findTaskKeys(pr("x", "XWEB-42 WEB-421 WEB-42a 9WEB-4 WEB-0 W-1"))).toEqual(["XWEB-42", "WEB-421"]);
    expect(findTaskKeys(pr("main", "WEB-42x"))).toEqual([]);
    expect(findTaskKeys(pr("main", "#WEB-42: done"))).toEqual(["WEB-42"]);
  });

  it("takes keys of the same shape as TASK_KEY_PATTERN only", () => {
    expect(findTaskKeys(pr("main", "ABCDEFGHIJK-1 ABCDEFGHIJ-1 WEB-1234567890 WEB-123456789"))).toEqual(["ABCDEFGHIJ-1", "WEB-123456789"]);
  });

  it("finds nothing in a pull request that names no task, or has no body", () => {
    expect(findTaskKeys(pr("changes", "Update the README with new information.", null))).toEqual([]);
  });
});

describe("pullRequestEventSchema", () => {
  it("reads the fields Baton uses from GitHub's payload, dropping the rest", () => {
    const event = pullRequestEventSchema.parse(pullRequestPayload({ action: "synchronize", number: 12, title: "WEB-1 Fix", branch: "web-1", body: null }));
    expect(event).toEqual({
      action: "synchronize",
      number: 12,
      pull_request: {
        html_url: "https://github.com/acme/web/pull/12",
        title: "WEB-1 Fix",
        body: null,
        merged: false,
        head: { ref: "web-1", sha: "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d" },
        user: { login: "copilot-swe-agent[bot]" },
      },
      repository: { full_name: "acme/web" },
    });
  });

  it("treats a missing body as null and a null merged as not merged", () => {
    const payload = pullRequestPayload() as { pull_request: Record<string, unknown> };
    delete payload.pull_request.body;
    payload.pull_request.merged = null;
    const event = pullRequestEventSchema.parse(payload);
    expect(event.pull_request.body).toBeNull();
    expect(event.pull_request.merged).toBe(false);
  });

  it("refuses payloads without the fields it needs, or with a non-web URL", () => {
    expect(pullRequestEventSchema.safeParse({ action: "opened" }).success).toBe(false);
    const payload = pullRequestPayload();
    expect(pullRequestEventSchema.safeParse({ ...payload, pull_request: { ...payload.pull_request, html_url: "javascript:alert(1)" } }).success).toBe(false);
    expect(pullRequestEventSchema.safeParse({ ...payload, number: "7" }).success).toBe(false);
  });

  const fixtures = path.resolve(import.meta.dirname, "../..", "../shared/fixtures/github-webhooks");
  it.skipIf(!existsSync(fixtures))("parses GitHub's example pull_request payloads", () => {
    for (const file of ["pull_request.opened.payload.json", "pull_request.synchronize.payload.json", "pull_request.closed.payload.json", "pull_request.opened.with-null-body.json"]) {
      const result = pullRequestEventSchema.safeParse(JSON.parse(readFileSync(path.join(fixtures, file), "utf8")));
      expect(result.success, file).toBe(true);
    }
  });
});

describe("pullRequestSummary", () => {
  const event = (body: string | null) => pullRequestEventSchema.parse(pullRequestPayload({ number: 3, title: "  Fix login ", body }));

  it("is the number and title, then the description", () => {
    expect(pullRequestSummary(event(null))).toBe("PR #3: Fix login");
    expect(pullRequestSummary(event("   "))).toBe("PR #3: Fix login");
    expect(pullRequestSummary(event("Closes WEB-1.\n\nDetails."))).toBe("PR #3: Fix login\n\nCloses WEB-1.\n\nDetails.");
  });

  it("keeps only the start of a long description", () => {
    const summary = pullRequestSummary(event("é".repeat(SUMMARY_BODY_CHARS + 500)));
    expect(summary).toBe(`PR #3: Fix login\n\n${"é".repeat(SUMMARY_BODY_CHARS)}…`);
  });
});

describe("isSubmittingAction", () => {
  it("is the actions that hand back an attempt", () => {
    expect(["opened", "reopened", "ready_for_review", "synchronize"].every(isSubmittingAction)).toBe(true);
    expect(["closed", "edited", "labeled", "converted_to_draft"].some(isSubmittingAction)).toBe(false);
  });
});

it("explains the missing diff", () => {
  expect(DIFF_NOTES.notConnected).toMatch(/not connected to GitHub/);
});
