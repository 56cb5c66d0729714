// Bad input gets a clear 4xx with the one error shape, never a 500, and changes nothing.
import { expect, test } from "@playwright/test";
import { baseURL, call, freshTask } from "../support/http";

const GARBAGE: unknown[] = [null, [], "text", 42, { title: { nested: true } }, { version: "1" }, { lane: "sideways" }, { afterId: 7 }, { title: "x".repeat(5000) }];

test("task writes answer 4xx to malformed bodies and leave the task as it was", async () => {
  const task = await freshTask();
  const targets = [
    ["POST", "/api/w/acme/tasks"],
    ["PATCH", `/api/w/acme/tasks/${task.key}`],
    ["POST", `/api/w/acme/tasks/${task.key}/move`],
    ["POST", "/api/w/acme/boards"],
    ["POST", "/api/workspaces"],
    ["POST", "/api/signup"],
  ] as const;
  for (const [method, path] of targets) {
    for (const body of GARBAGE) {
      const result = await call("owner", method, path, body);
      expect(result.status, `${method} ${path} ${JSON.stringify(body)?.slice(0, 40)}`).toBeGreaterThanOrEqual(400);
      expect(result.status, `${method} ${path} ${JSON.stringify(body)?.slice(0, 40)}`).toBeLessThan(500);
      expect(result.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    }
  }
  const after = await call("owner", "GET", `/api/w/acme/tasks/${task.key}`);
  expect(after.body).toMatchObject({ task: { version: task.version, title: expect.stringContaining("Authz fixture") } });
});

test("a body that is not JSON is a 400, and an oversized one a 413", async () => {
  const notJson = await fetch(`${baseURL}/api/signup`, { method: "POST", body: "{nope", headers: { "content-type": "application/json" } });
  expect(notJson.status).toBe(400);
  const huge = await call("owner", "POST", "/api/w/acme/tasks", { boardKey: "WEB", title: "Big", description: "x".repeat(70 * 1024) });
  expect(huge.status).toBe(413);
  expect(huge.body).toMatchObject({ error: { code: "payload_too_large" } });
});

test("field errors name each bad field", async () => {
  const result = await call("owner", "POST", "/api/w/acme/tasks", { boardKey: "WEB", title: "", lane: "sideways" });
  expect(result.status).toBe(400);
  expect(result.body).toMatchObject({ error: { code: "invalid", fields: { title: [expect.any(String)], lane: [expect.any(String)] } } });
});

test("spec lint: bad input is a 400, an oversized body a 413, and a good one a score", async () => {
  expect((await call("member", "POST", "/api/v1/spec-lint", { md: "x" })).status).toBe(400);
  expect((await call("member", "POST", "/api/v1/spec-lint", { markdown: "x".repeat(300 * 1024) })).status).toBe(413);
  const ok = await call("member", "POST", "/api/v1/spec-lint", { markdown: "Please add dark mode to the app." });
  expect(ok.status).toBe(200);
  expect(ok.body).toMatchObject({ score: expect.any(Number), findings: expect.arrayContaining([expect.objectContaining({ ruleId: "outcome-stated" })]) });
  expect((ok.body as { score: number }).score).toBeLessThan(20);
});

test("spec reference checks: each bad query is a 400 naming the parameter; a board without a repository says so", async () => {
  const task = await freshTask();
  const url = (query: string) => `/api/w/acme/tasks/${task.key}/spec/references${query}`;
  const cases: [string, string][] = [
    ["", "ref"],
    ["?ref=", "ref.0"],
    ["?ref=hello", "ref.0"],
    [`?ref=${"a".repeat(400)}.ts`, "ref.0"],
    [`?${Array.from({ length: 51 }, (_, i) => `ref=src/f${i}.ts`).join("&")}`, "ref"],
    ["?ref=src/a.ts&other=1", "other"],
    ["?ref=src/a.ts&ref=%00.ts", "ref.1"],
  ];
  for (const [query, field] of cases) {
    const result = await call("member", "GET", url(query));
    expect(result.status, query.slice(0, 60)).toBe(400);
    expect(result.body, query.slice(0, 60)).toMatchObject({ error: { code: "invalid", fields: { [field]: [expect.any(String)] } } });
  }
  const unlinked = await call("member", "GET", url("?ref=src/pagination.ts:142&ref=README.md"));
  expect(unlinked.status).toBe(200);
  expect(unlinked.body).toMatchObject({ state: "not-linked", references: [], message: expect.stringContaining("Settings → GitHub") });
  expect((await call("member", "GET", `/api/w/acme/tasks/WEB-999999/spec/references?ref=a.ts`)).status).toBe(404);
});

test("dashboard exports and metrics: each bad query is a 400 naming the parameter", async () => {
  const cases: [string, string][] = [
    ["/api/v1/metrics?workspace=acme&groupBy=colour", "groupBy"],
    ["/api/v1/metrics?workspace=acme&board=NOPE", "board"],
    ["/api/v1/metrics?workspace=acme&from=2026-13-45", "from"],
    ["/api/v1/metrics?workspace=acme&tz=Mars%2FOlympus", "tz"],
    ["/api/v1/metrics?workspace=acme&colour=blue", "colour"],
    ["/api/v1/metrics", "workspace"],
    ["/w/acme/dashboard/export.csv?to=yesterday", "to"],
    ["/w/acme/dashboard/export.csv?board=NOPE", "board"],
  ];
  for (const [path, field] of cases) {
    const result = await call("viewer", "GET", path);
    expect(result.status, path).toBe(400);
    expect(result.body, path).toMatchObject({ error: { code: "invalid", fields: { [field]: [expect.any(String)] } } });
  }
});

test("an address whose percent-encoding does not decode is not found (404), for pages and the API alike, never a 500", async () => {
  for (const path of ["/w/acme/b/%ZZ", "/w/%E0%A4%A", "/w/acme/tasks/WEB-1%ZZ"]) {
    const page = await call("owner", "GET", path);
    expect(page.status, path).toBe(404);
    expect(String(page.body), path).toContain("<html");
  }
  for (const [method, path] of [["GET", "/api/w/acme/boards/%ZZ"], ["DELETE", "/api/w/acme/tokens/%E0%A4%A"], ["GET", "/api/v1/tasks/%ZZ"]] as const) {
    const result = await call("owner", method, path);
    expect(result.status, `${method} ${path}`).toBe(404);
    expect(result.body, path).toEqual({ error: { code: "not_found", message: "Not found." } });
  }
});
