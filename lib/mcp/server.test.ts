// The MCP server end to end, driven by the SDK's own client: Client → StreamableHTTPClientTransport
// → (fetch, in process) → app/api/mcp/route.ts → token gate → McpServer → lib/agent.
import { randomUUID } from "node:crypto";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { NextRequest } from "next/server";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { DELETE, GET, POST } from "@/app/api/mcp/route";
import { listAttemptsWithReviews as listSubmissions } from "@/lib/review/data";
import { createBoard } from "@/lib/board/mutations";
import { assignAgent, createAgent, createToken, revokeToken } from "@/lib/agent/mutations";
import { saveSpec } from "@/lib/spec/mutations";
import { getTask } from "@/lib/task/data";
import { createTask } from "@/lib/task/mutations";
import { createTestWorkspace, type TestWorkspace } from "@/lib/test/fixtures";

const URL_ = "http://localhost:3000/api/mcp";
const TOOLS = ["claim_task", "get_review_feedback", "get_task", "lint_spec", "list_assigned_tasks", "submit_output"];
const SPEC = "## Outcome\nThe pager shows 50 rows per page.\n\n## Tests\n`src/pagination.test.ts` covers the last page.";

let ws: TestWorkspace;
let other: TestWorkspace;
let agent: { id: string; name: string };
let token: string;
let otherKey: string;

/** Routes the client's requests to the route handlers, in process. */
async function inProcessFetch(url: string | URL, init?: RequestInit): Promise<Response> {
  const handler = { POST, GET, DELETE }[(init?.method ?? "GET").toUpperCase() as "POST" | "GET" | "DELETE"];
  if (!handler) throw new Error(`unexpected method ${init?.method}`);
  // NextRequest's RequestInit does not take `signal: null`.
  return handler(new NextRequest(url, { ...init, signal: init?.signal ?? undefined }), { params: Promise.resolve({}) });
}

const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

async function connect(bearer: string | null = token): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL(URL_), {
    fetch: inProcessFetch,
    requestInit: bearer === null ? {} : { headers: { Authorization: `Bearer ${bearer}` } },
  });
  const client = new Client({ name: "baton-test", version: "1.0.0" });
  clients.push(client);
  await client.connect(transport);
  return client;
}

async function call(client: Client, name: string, args: Record<string, unknown> = {}) {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const text = result.content[0]?.type === "text" ? result.content[0].text : "";
  return { result, text };
}

/** The tool's JSON result (text and structured content agree), failing on a tool error. */
async function callOk<T = Record<string, unknown>>(client: Client, name: string, args: Record<string, unknown> = {}): Promise<T> {
  const { result, text } = await call(client, name, args);
  expect(result.isError, text).toBeFalsy();
  expect(JSON.parse(text)).toEqual(result.structuredContent);
  return result.structuredContent as T;
}

/** A delegate task in `workspace`, assigned to `agentId` unless null. */
async function delegateTask(workspace: TestWorkspace, agentId: string | null, title = `Task ${randomUUID().slice(0, 6)}`, boardKey = workspace.boardKey): Promise<string> {
  const task = await createTask(workspace.scopes.member, {
    boardKey,
    title,
    lane: "delegate",
    status: "ready",
    overDelegationReason: "test",
    gateOverrideReason: "test",
  });
  if (agentId) await assignAgent(workspace.scopes.member, task.key, { agentId });
  return task.key;
}

beforeAll(async () => {
  [ws, other] = await Promise.all([createTestWorkspace(), createTestWorkspace()]);
  agent = await createAgent(ws.scopes.owner, { name: "Claude Code", kind: "claude_code" });
  token = (await createToken(ws.scopes.owner, agent.id)).token;
  const otherAgent = await createAgent(other.scopes.owner, { name: "Claude Code", kind: "claude_code" });
  // Its own board key, so that the key names no task in `ws` (keys are per workspace).
  await createBoard(other.scopes.owner, { name: "Elsewhere", key: "OTH" });
  otherKey = await delegateTask(other, otherAgent.id, "Other workspace's task", "OTH");
});

describe("MCP server", () => {
  it("lists exactly the six tools, each with a description and an input schema", async () => {
    const client = await connect();
    expect(client.getServerVersion()?.name).toBe("baton");
    expect(client.getInstructions()).toContain("list_assigned_tasks");
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(TOOLS);
    for (const tool of tools) {
      expect(tool.description?.length, tool.name).toBeGreaterThan(40);
      expect(tool.inputSchema.type).toBe("object");
    }
    const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
    expect(byName.get_task?.inputSchema.required).toEqual(["key"]);
    expect(byName.submit_output?.inputSchema.required?.sort()).toEqual(["key", "summary"]);
    expect(Object.keys(byName.submit_output?.inputSchema.properties ?? {}).sort()).toEqual(
      ["branch", "checks", "costUsd", "diff", "durationSeconds", "idempotencyKey", "key", "prUrl", "summary"],
    );
    expect(byName.list_assigned_tasks?.inputSchema.properties?.status).toMatchObject({ enum: ["backlog", "ready", "in_progress", "in_review", "done"] });
    expect(byName.lint_spec?.inputSchema.required).toEqual(["markdown"]);
    expect(byName.list_assigned_tasks?.annotations?.readOnlyHint).toBe(true);
  });

  it("list_assigned_tasks returns the agent's tasks, not unassigned ones, and filters by status", async () => {
    const assigned = await delegateTask(ws, agent.id);
    const unassigned = await delegateTask(ws, null);
    const client = await connect();
    const { tasks } = await callOk<{ tasks: { key: string; status: string }[] }>(client, "list_assigned_tasks");
    const keys = tasks.map((t) => t.key);
    expect(keys).toContain(assigned);
    expect(keys).not.toContain(unassigned);
    expect(keys).not.toContain(otherKey);
    expect(tasks.find((t) => t.key === assigned)).toMatchObject({ status: "ready", loopCount: 0 });

    const done = await callOk<{ tasks: unknown[] }>(client, "list_assigned_tasks", { status: "done" });
    expect(done.tasks).toEqual([]);
    const wrong = await call(client, "list_assigned_tasks", { status: "finished" });
    expect(wrong.result.isError).toBe(true);
    expect(wrong.text).toMatch(/status/);
  });

  it("get_task returns the spec with sections, score, loop and latest review", async () => {
    const key = await delegateTask(ws, agent.id);
    await saveSpec(ws.scopes.member, key, { markdown: SPEC, baseRevision: 0 });
    const client = await connect();
    const { task } = await callOk<{ task: Record<string, unknown> & { spec: { markdown: string; score: number; sections: Record<string, string | null> } } }>(
      client,
      "get_task",
      { key },
    );
    expect(task).toMatchObject({ key, status: "ready", loop: { count: 0, limit: 2 }, attempts: 0, latestReview: null, agent: { id: agent.id } });
    expect(task.spec.markdown).toBe(SPEC);
    expect(task.spec.sections.outcome).toBe("The pager shows 50 rows per page.");
    expect(task.spec.score).toBeGreaterThan(0);
  });

  it("claim_task moves the task to In progress, and claiming again changes nothing", async () => {
    const key = await delegateTask(ws, agent.id);
    const client = await connect();
    const claimed = await callOk<{ key: string; status: string; claimedAt: string }>(client, "claim_task", { key });
    expect(claimed).toMatchObject({ key, status: "in_progress" });
    expect((await getTask(ws.scopes.member, key)).status).toBe("in_progress");
    const again = await callOk<{ claimedAt: string }>(client, "claim_task", { key });
    expect(again.claimedAt).toBe(claimed.claimedAt);
  });

  it("submit_output records attempt 1 from MCP and puts the task in review", async () => {
    const key = await delegateTask(ws, agent.id);
    const client = await connect();
    await callOk(client, "claim_task", { key });
    const { submission, created } = await callOk<{ submission: Record<string, unknown>; created: boolean }>(client, "submit_output", {
      key,
      summary: "Paginated the list.",
      prUrl: "https://github.com/acme/web/pull/7",
      branch: "agent/paging",
      diff: "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n",
      checks: { status: "passed", url: "https://ci.example/1" },
      durationSeconds: 120,
      costUsd: 0.42,
    });
    expect(created).toBe(true);
    expect(submission).toMatchObject({
      attempt: 1,
      source: "mcp",
      summary: "Paginated the list.",
      branch: "agent/paging",
      checks: { status: "passed", url: "https://ci.example/1", log: null },
      costUsd: 0.42,
      agent: { id: agent.id },
    });
    expect((await getTask(ws.scopes.member, key)).status).toBe("in_review");
    const { task } = await callOk<{ task: { attempts: number } }>(client, "get_task", { key });
    expect(task.attempts).toBe(1);
  });

  it("submit_output twice with one idempotencyKey and body records one submission", async () => {
    const key = await delegateTask(ws, agent.id);
    const client = await connect();
    const body = { key, summary: "Done.", idempotencyKey: `mcp-${randomUUID()}` };
    const first = await callOk<{ submission: { id: string }; created: boolean }>(client, "submit_output", body);
    const second = await callOk<{ submission: { id: string }; created: boolean }>(client, "submit_output", body);
    expect(first.created).toBe(true);
    expect(second).toMatchObject({ created: false, submission: { id: first.submission.id } });
    expect(await listSubmissions(ws.scopes.member, key)).toHaveLength(1);

    const reused = await call(client, "submit_output", { ...body, summary: "Something else." });
    expect(reused.result.isError).toBe(true);
    expect(reused.text).toMatch(/^unprocessable: This Idempotency-Key was already used/);
    expect(await listSubmissions(ws.scopes.member, key)).toHaveLength(1);
  });

  it("get_review_feedback lists no reviews before any", async () => {
    const key = await delegateTask(ws, agent.id);
    const client = await connect();
    expect(await callOk(client, "get_review_feedback", { key })).toEqual({ reviews: [] });
  });

  it("lint_spec scores markdown with findings", async () => {
    const client = await connect();
    const vague = await callOk<{ score: number; findings: { ruleId: string; message: string; fix: string }[] }>(client, "lint_spec", {
      markdown: "Please make the app faster somehow, etc.",
    });
    expect(vague.score).toBeGreaterThanOrEqual(0);
    expect(vague.score).toBeLessThan(50);
    expect(vague.findings.length).toBeGreaterThan(0);
    expect(vague.findings[0]).toMatchObject({ ruleId: expect.any(String), message: expect.any(String), fix: expect.any(String) });
    const better = await callOk<{ score: number }>(client, "lint_spec", { markdown: SPEC });
    expect(better.score).toBeGreaterThan(vague.score);
  });

  describe("bad input is a tool error with a clear message, not a protocol failure", () => {
    it("a missing key", async () => {
      const client = await connect();
      for (const tool of ["get_task", "claim_task", "get_review_feedback"]) {
        const { result, text } = await call(client, tool, {});
        expect(result.isError, tool).toBe(true);
        expect(text).toMatch(/key is required/);
      }
      const submit = await call(client, "submit_output", { summary: "No key." });
      expect(submit.result.isError).toBe(true);
      expect(submit.text).toMatch(/key is required/);
    });

    it("an unknown or malformed key", async () => {
      const client = await connect();
      for (const key of ["TST-99999", "not a key"]) {
        for (const tool of ["get_task", "claim_task", "get_review_feedback"]) {
          const { result, text } = await call(client, tool, { key });
          expect(result.isError, `${tool} ${key}`).toBe(true);
          expect(text).toBe("not_found: Task not found.");
          expect(result.structuredContent).toEqual({ error: { code: "not_found", message: "Task not found." } });
        }
      }
    });

    it("a task of another workspace, or one not assigned to this agent, is not found and untouched", async () => {
      const unassigned = await delegateTask(ws, null);
      const client = await connect();
      for (const key of [otherKey, unassigned]) {
        for (const tool of ["get_task", "claim_task", "get_review_feedback"]) {
          const { result, text } = await call(client, tool, { key });
          expect(result.isError, `${tool} ${key}`).toBe(true);
          expect(text).toBe("not_found: Task not found.");
        }
        const submit = await call(client, "submit_output", { key, summary: "Not mine." });
        expect(submit.text).toBe("not_found: Task not found.");
      }
      expect((await getTask(other.scopes.member, otherKey)).status).toBe("ready");
      expect(await listSubmissions(other.scopes.member, otherKey)).toEqual([]);
      expect((await getTask(ws.scopes.member, unassigned)).status).toBe("ready");
    });

    it("invalid submission fields name each field", async () => {
      const key = await delegateTask(ws, agent.id);
      const client = await connect();
      const { result, text } = await call(client, "submit_output", { key, summary: "Bad.", prUrl: "not a url", checks: { status: "green" } });
      expect(result.isError).toBe(true);
      expect(text).toMatch(/prUrl must be an http\(s\) URL/);
      expect(text).toMatch(/checks\.status|checks/);
      const unknown = await call(client, "submit_output", { key, summary: "Typo.", pr_url: "https://github.com/acme/web/pull/1" });
      expect(unknown.result.isError).toBe(true);
      expect(unknown.text).toMatch(/pr_url/);
      expect(await listSubmissions(ws.scopes.member, key)).toEqual([]);
      expect((await getTask(ws.scopes.member, key)).status).toBe("ready");
    });

    it("an unknown tool", async () => {
      const client = await connect();
      const { result, text } = await call(client, "delete_everything", {});
      expect(result.isError).toBe(true);
      expect(text).toMatch(/delete_everything not found/);
    });
  });

  describe("the token gate answers before MCP", () => {
    it("no token, a malformed token and an unknown token cannot connect (401)", async () => {
      await expect(connect(null)).rejects.toThrow(/401|Send an API token/);
      await expect(connect("not-a-token")).rejects.toThrow(/401|Send an API token/);
      await expect(connect(`bat_${"x".repeat(32)}`)).rejects.toThrow(/not valid/);
    });

    it("answers 401 with WWW-Authenticate and the JSON error shape, for every method, and writes nothing", async () => {
      const key = await delegateTask(ws, agent.id);
      const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "submit_output", arguments: { key, summary: "Sneaky." } } });
      const headers = { "content-type": "application/json", accept: "application/json, text/event-stream" };
      for (const authorization of [undefined, "Bearer nope", `Bearer bat_${"y".repeat(32)}`]) {
        for (const method of ["POST", "GET", "DELETE"]) {
          const response = await inProcessFetch(URL_, {
            method,
            headers: { ...headers, ...(authorization && { authorization }) },
            ...(method === "POST" && { body }),
          });
          expect(response.status, `${method} ${authorization}`).toBe(401);
          expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
          expect(await response.json()).toMatchObject({ error: { code: "unauthenticated", message: expect.any(String) } });
        }
      }
      expect(await listSubmissions(ws.scopes.member, key)).toEqual([]);
      expect((await getTask(ws.scopes.member, key)).status).toBe("ready");
    });

    it("GET and DELETE with a valid token are 405: the server is stateless", async () => {
      for (const method of ["GET", "DELETE"]) {
        const response = await inProcessFetch(URL_, { method, headers: { authorization: `Bearer ${token}`, accept: "text/event-stream" } });
        expect(response.status).toBe(405);
        expect(response.headers.get("allow")).toBe("POST");
      }
    });

    // The limit as lib/http/rate-limit.ts reads it; skipped when set too high to exhaust quickly.
    const configured = Number(process.env.BATON_API_RATE_LIMIT ?? 300);
    const points = configured > 0 ? configured : 300;
    it.skipIf(points > 1000)("is rate-limited per token (429 with Retry-After) before MCP", async () => {
      const limited = await createToken(ws.scopes.owner, agent.id);
      const get = () => inProcessFetch(URL_, { method: "GET", headers: { authorization: `Bearer ${limited.token}` } });
      for (let i = 0; i < points; i++) expect((await get()).status).toBe(405);
      const refused = await get();
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await refused.json()).toMatchObject({ error: { code: "rate_limited" } });
      // Other tokens keep their own budget.
      expect((await inProcessFetch(URL_, { method: "GET", headers: { authorization: `Bearer ${token}` } })).status).toBe(405);
    });

    it("a token revoked mid-session is refused on its next call, and nothing is written", async () => {
      const created = await createToken(ws.scopes.owner, agent.id);
      const key = await delegateTask(ws, agent.id);
      const client = await connect(created.token);
      await callOk(client, "get_task", { key });
      await revokeToken(ws.scopes.owner, created.id);
      await expect(client.callTool({ name: "claim_task", arguments: { key } })).rejects.toThrow(/401|revoked/);
      await expect(client.callTool({ name: "submit_output", arguments: { key, summary: "After revocation." } })).rejects.toThrow(/401|revoked/);
      expect(await listSubmissions(ws.scopes.member, key)).toEqual([]);
      expect((await getTask(ws.scopes.member, key)).status).toBe("ready");
      await expect(connect(created.token)).rejects.toThrow(/401|revoked/);
    });
  });
});
