// Agent-side load for `npm run bench`: submission bodies made of the real demo diffs, and signed
// GitHub `pull_request` deliveries as GitHub sends them. Pure, apart from reading the diff files.
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { sign } from "../../lib/github/signature";
import { pullRequestPayload } from "../../lib/github/test-payloads";
import { projectRoot } from "./database";
import type { TimedResponse } from "./bench-http";

const DIFF_DIR = path.join(projectRoot, "prisma/demo-diffs");

export interface DemoDiff {
  name: string;
  text: string;
  bytes: number;
}

/** The demo diffs (prisma/demo-diffs/*.diff) of minBytes…maxBytes, by name. */
export function demoDiffs(minBytes: number, maxBytes: number): DemoDiff[] {
  const diffs = readdirSync(DIFF_DIR)
    .filter((file) => file.endsWith(".diff"))
    .sort()
    .map((file) => {
      const text = readFileSync(path.join(DIFF_DIR, file), "utf8");
      return { name: file, text, bytes: Buffer.byteLength(text) };
    })
    .filter((d) => d.bytes >= minBytes && d.bytes <= maxBytes);
  if (diffs.length === 0) throw new Error(`No demo diff of ${minBytes}–${maxBytes} bytes in ${DIFF_DIR}.`);
  return diffs;
}

/** What an agent POSTs to /api/v1/tasks/:key/submissions; `label` names the attempt ("attempt 3"). */
export function submissionBody(agentName: string, label: string, diff: DemoDiff): string {
  return JSON.stringify({
    summary: `${agentName}, ${label}: applied ${diff.name.replace(/\.diff$/, "")}; tests pass locally.`,
    branch: `bench/${agentName}`,
    diff: diff.text,
    checks: { status: "passed", url: `https://ci.example.com/bench/${agentName}/${encodeURIComponent(label)}` },
  });
}

export interface Delivery {
  /** The task the pull request names (in its title). */
  taskKey: string;
  id: string;
  body: string;
  headers: Record<string, string>;
}

/**
 * Signed `pull_request` deliveries, one per entry of `taskKeys`: the first delivery of a task
 * opens its pull request (number `firstNumber + index of the task`), later ones are pushes to it
 * (`synchronize`). The title names the task; the branch and body name nothing else.
 */
export function pullRequestDeliveries(taskKeys: readonly string[], secret: string, firstNumber: number): Delivery[] {
  const numbers = new Map<string, number>();
  return taskKeys.map((taskKey, index) => {
    const opened = !numbers.has(taskKey);
    if (opened) numbers.set(taskKey, firstNumber + numbers.size);
    const number = numbers.get(taskKey) as number;
    const payload = pullRequestPayload({
      action: opened ? "opened" : "synchronize",
      number,
      title: `${taskKey}: bench change, pull request ${number}`,
      // Each push is a new body, as GitHub's are (its head and times change): the same signed body
      // twice would be refused as a replay.
      body: `Opened by the bench. Replaces the handler's manual retry loop and adds tests. (Delivery ${firstNumber}-${index}.)`,
      branch: "bench-webhook-change",
    });
    const body = JSON.stringify(payload);
    const id = randomUUID();
    return {
      taskKey,
      id,
      body,
      headers: {
        "content-type": "application/json",
        "user-agent": "GitHub-Hookshot/bench",
        "x-github-event": "pull_request",
        "x-github-delivery": id,
        "x-hub-signature-256": sign(body, secret),
      },
    };
  });
}

/** Failed responses grouped by status and the start of the body, most frequent first. */
export function failureGroups(failed: readonly TimedResponse[]): [string, number][] {
  const groups = new Map<string, number>();
  for (const r of failed) {
    const what = `${r.status} ${r.body.slice(0, 240)}`;
    groups.set(what, (groups.get(what) ?? 0) + 1);
  }
  return [...groups].sort((a, b) => b[1] - a[1]);
}
