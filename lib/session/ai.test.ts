// The AI side of a leverage session, through the real route handler: Claude Code's hook payloads
// (as its hooks reference documents them: SessionStart, UserPromptSubmit, Stop, SessionEnd, with
// fields Baton does not read) land on the session's timeline and counts; the token is the
// session's alone, replaced by a new one; other shapes are a clear 400 and change nothing.
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/session-hooks/route";
import { db } from "@/lib/core/db";
import { createTask } from "@/lib/task/mutations";
import { createTestWorkspace, type TestWorkspace } from "@/lib/test/fixtures";
import { getSession } from "./data";
import { createAiToken, startSession, updateSession } from "./mutations";

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createTestWorkspace();
});

const CLAUDE = { session_id: "9f3c2a71-5b7e-4d0a-8c11-2e6f0b9d4a10", transcript_path: "/home/dev/.claude/projects/app/9f3c2a71.jsonl", cwd: "/home/dev/app", permission_mode: "default" };
const PAYLOADS = {
  start: { ...CLAUDE, hook_event_name: "SessionStart", source: "startup", model: "claude-sonnet-4-5" },
  prompt: { ...CLAUDE, hook_event_name: "UserPromptSubmit", prompt: "Read src/export.ts and tell me why a 100k-row export times out." },
  stop: { ...CLAUDE, hook_event_name: "Stop", stop_hook_active: false },
  end: { ...CLAUDE, hook_event_name: "SessionEnd", reason: "prompt_input_exit" },
};

async function hook(token: string | null, body: unknown) {
  const request = new NextRequest("http://localhost/api/v1/session-hooks", {
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "content-type": "application/json", ...(token && { authorization: `Bearer ${token}` }) },
  });
  const response = await POST(request, { params: Promise.resolve({}) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function linkedSession(scope = () => ws.scopes.member) {
  const task = await createTask(scope(), { boardKey: ws.boardKey, title: `AI session ${Math.random().toString(36).slice(2, 7)}`, lane: "leverage" });
  const { session } = await startSession(scope(), { taskKey: task.key, previous: "pause" });
  const { token } = await createAiToken(scope(), session.id);
  return { session, token };
}

describe("Claude Code hooks on a session", () => {
  it("puts each hook on the session's timeline and counts prompts and turns", async () => {
    const { session, token } = await linkedSession();
    expect(token).toMatch(/^bls_[0-9A-Za-z]{32}$/);
    for (const payload of [PAYLOADS.start, PAYLOADS.prompt, PAYLOADS.stop, PAYLOADS.prompt, PAYLOADS.stop, PAYLOADS.end]) {
      expect(await hook(token, payload)).toEqual({ status: 200, body: {} });
    }
    const view = await getSession(ws.scopes.viewer, session.id);
    expect(view.ai).toMatchObject({ tokenIssued: true, prompts: 2, stops: 2, lastEventAt: expect.any(String) });
    expect(view.timeline.filter((e) => e.kind === "ai").map((e) => e.text)).toEqual([
      "AI session started (startup)",
      `AI prompt: ${PAYLOADS.prompt.prompt}`,
      "AI finished its turn",
      `AI prompt: ${PAYLOADS.prompt.prompt}`,
      "AI finished its turn",
      "AI session ended (prompt_input_exit)",
    ]);
    const stored = await db().sessionAiEvent.findMany({ where: { sessionId: session.id } });
    expect(stored.every((e) => e.aiSessionId === CLAUDE.session_id && e.phase === "discovery")).toBe(true);
  });

  it("keeps a long prompt's first 1,000 characters, and shows the start of it", async () => {
    const { session, token } = await linkedSession();
    expect((await hook(token, { ...PAYLOADS.prompt, prompt: "x".repeat(5000) })).status).toBe(200);
    expect((await db().sessionAiEvent.findFirstOrThrow({ where: { sessionId: session.id } })).detail).toHaveLength(1000);
    expect((await getSession(ws.scopes.member, session.id)).timeline.at(-1)?.text).toBe(`AI prompt: ${"x".repeat(160)}…`);
  });

  it("answers another shape with a 400 that says what is wrong, and records nothing", async () => {
    const { session, token } = await linkedSession();
    const cases: [unknown, string][] = [
      [{ ...CLAUDE, hook_event_name: "PreToolUse", tool_name: "Bash" }, "hook_event_name"],
      [{ hook_event_name: "UserPromptSubmit", prompt: "hi" }, "session_id"],
      [{ ...CLAUDE, hook_event_name: "UserPromptSubmit" }, "prompt"],
      [{ ...CLAUDE, hook_event_name: "Stop", stop_hook_active: "no" }, "stop_hook_active"],
      [{ event: "prompt", text: "hi" }, "hook_event_name"],
      [[PAYLOADS.prompt], "_"],
    ];
    for (const [payload, field] of cases) {
      const answer = await hook(token, payload);
      expect(answer.status, JSON.stringify(payload)).toBe(400);
      expect(answer.body, JSON.stringify(payload)).toMatchObject({ error: { code: "invalid", fields: { [field]: [expect.any(String)] } } });
    }
    expect((await hook(token, "{not json")).status).toBe(400);
    expect(await db().sessionAiEvent.count({ where: { sessionId: session.id } })).toBe(0);
  });

  it("takes only the session's current token: none, a malformed, an unknown or a replaced one is 401; a finished session is 409", async () => {
    const { session, token } = await linkedSession();
    expect((await hook(null, PAYLOADS.prompt)).status).toBe(401);
    expect((await hook("bat_0123456789abcdefghijABCDEFGHIJ01", PAYLOADS.prompt)).status).toBe(401);
    expect((await hook(`bls_${"A".repeat(32)}`, PAYLOADS.prompt)).status).toBe(401);
    const { token: newer } = await createAiToken(ws.scopes.member, session.id);
    expect((await hook(token, PAYLOADS.prompt)).status).toBe(401);
    expect((await hook(newer, PAYLOADS.prompt)).status).toBe(200);
    const current = await getSession(ws.scopes.member, session.id);
    await updateSession(ws.scopes.member, session.id, { version: current.version, state: "finished", outcome: "Done" });
    const late = await hook(newer, PAYLOADS.prompt);
    expect(late).toMatchObject({ status: 409, body: { error: { message: expect.stringContaining("finished") } } });
    expect(await db().sessionAiEvent.count({ where: { sessionId: session.id } })).toBe(1);
  });

  it("lets only the session's person make its token", async () => {
    const { session } = await linkedSession(() => ws.scopes.member);
    await expect(createAiToken(ws.scopes.admin, session.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(createAiToken(ws.scopes.viewer, session.id)).rejects.toMatchObject({ code: "forbidden" });
  });
});
