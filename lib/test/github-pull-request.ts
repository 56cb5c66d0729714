// Shared by the integration tests of the GitHub jobs: a workspace connected to the loopback
// stand-in (lib/test/github-stand-in.ts), its board linked to a repository with pull request #7,
// a task ready for an agent, and a signed delivery of that pull request through the real route.
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { expect } from "vitest";
import { POST } from "@/app/api/webhooks/github/[workspace]/route";
import { db } from "@/lib/core/db";
import { createTask } from "@/lib/task/mutations";
import { createTestWorkspace } from "./fixtures";
import type { GitHubStandIn } from "./github-stand-in";
import { connectGitHub, linkBoard } from "@/lib/github/mutations";
import { sign } from "@/lib/github/signature";
import { pullRequestPayload } from "@/lib/github/test-payloads";

const SECRET = "whsec-test-0123456789abcdef";
let repos = 0;

export async function pullRequestWorkspace(github: GitHubStandIn, options: { diff: string; connected?: boolean; mention?: string }) {
  const ws = await createTestWorkspace();
  const workspaceId = ws.scopes.owner.workspaceId;
  const repo = `web-${++repos}-${randomUUID().slice(0, 8)}`;
  github.addRepo({ owner: "acme", name: repo, files: { "src/login.ts": "export function login() {}\n" } });
  github.addPull("acme", repo, { number: 7, headRef: "fix-login", diff: options.diff });
  await db().workspace.update({ where: { id: workspaceId }, data: { webhookSecret: SECRET } });
  if (options.connected !== false) await connectGitHub(ws.scopes.admin, { apiUrl: github.url, token: github.token });
  await linkBoard(ws.scopes.admin, ws.boardKey, { repository: `acme/${repo}` });
  const agent = await db().agent.create({ data: { workspaceId, name: "Copilot", kind: "copilot", mention: options.mention ?? null } });
  const task = await createTask(ws.scopes.member, { boardKey: ws.boardKey, title: "Fix the login form", lane: "delegate", status: "ready", overDelegationReason: "Test", gateOverrideReason: "Test" });
  await db().task.update({ where: { id: task.id }, data: { agentId: agent.id, assignedAt: new Date() } });
  return { ws, workspaceId, repo, task };
}

/** Pull request #7 "opened", signed and delivered as GitHub would; the attempt it made. */
export async function deliverOpened(s: Awaited<ReturnType<typeof pullRequestWorkspace>>) {
  const body = JSON.stringify(pullRequestPayload({ action: "opened", number: 7, title: `${s.task.key} Fix the login form`, branch: "fix-login", repo: `acme/${s.repo}` }));
  const request = new NextRequest(`http://localhost/api/webhooks/github/${s.ws.slug}`, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", "x-github-event": "pull_request", "x-github-delivery": randomUUID(), "x-hub-signature-256": sign(body, SECRET) },
  });
  expect((await POST(request, { params: Promise.resolve({ workspace: s.ws.slug }) })).status).toBe(200);
  return db().submission.findFirstOrThrow({ where: { taskId: s.task.id }, orderBy: { attempt: "desc" } });
}

/** Reads until `done` holds (jobs run in the background), or fails with the last value. */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out; last: ${JSON.stringify(value)?.slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
