// Optimistic concurrency over HTTP, for every versioned entity (task, spec, review draft, settings):
// two writes sent at once on one version → exactly one 200, the other a 409 whose body names the
// version now in force, and a read afterwards shows the winner's write.
import { expect, test } from "@playwright/test";
import { call, freshAttempt, freshTask, type CallResult } from "../support/http";

const ROUNDS = 5;

interface Conflict {
  error: { code: string; message: string; currentVersion?: number; currentRevision?: number; current?: unknown };
}

/** Sends both requests at once and returns them in order, with the index of the one that won. */
async function race(first: () => Promise<CallResult>, second: () => Promise<CallResult>, label: string) {
  const results = await Promise.all([first(), second()]);
  expect(
    results.map((r) => r.status).sort(),
    `${label}: ${JSON.stringify(results.map((r) => r.body))}`,
  ).toEqual([200, 409]);
  const winnerIndex = results.findIndex((r) => r.status === 200);
  const loser = results[1 - winnerIndex] as CallResult;
  expect((loser.body as Conflict).error).toMatchObject({ code: "conflict", message: expect.any(String) });
  return { winner: results[winnerIndex] as CallResult, winnerIndex, conflict: (loser.body as Conflict).error };
}

test("a task: of two edits on one version, one wins and the other is 409 with the current version", async () => {
  for (let round = 0; round < ROUNDS; round++) {
    const task = await freshTask();
    const path = `/api/w/acme/tasks/${task.key}`;
    const titles = [`Concurrency A ${round} ${task.key}`, `Concurrency B ${round} ${task.key}`];
    const { winner, winnerIndex, conflict } = await race(
      () => call("owner", "PATCH", path, { version: task.version, title: titles[0] }),
      () => call("member", "PATCH", path, { version: task.version, title: titles[1] }),
      `round ${round}`,
    );
    const won = (winner.body as { task: { title: string; version: number } }).task;
    expect(won).toMatchObject({ title: titles[winnerIndex], version: task.version + 1 });
    expect(conflict.currentVersion).toBe(won.version);
    expect(conflict.current).toMatchObject({ title: won.title, version: won.version });
    const stored = await call("viewer", "GET", path);
    expect((stored.body as { task: unknown }).task).toMatchObject({ title: won.title, version: won.version });
  }
});

test("a spec: of two saves on one baseRevision, one wins and the other is 409 with the current revision", async () => {
  for (let round = 0; round < ROUNDS; round++) {
    const task = await freshTask();
    const path = `/api/w/acme/tasks/${task.key}/spec`;
    const first = await call("owner", "PUT", path, { markdown: "## Outcome\nThe first revision.\n", baseRevision: 0 });
    expect(first.status).toBe(200);
    const texts = [`## Outcome\nOwner's text, round ${round}.\n`, `## Outcome\nMember's text, round ${round}.\n`];
    const { winner, winnerIndex, conflict } = await race(
      () => call("owner", "PUT", path, { markdown: texts[0], baseRevision: 1 }),
      () => call("member", "PUT", path, { markdown: texts[1], baseRevision: 1 }),
      `round ${round}`,
    );
    const won = (winner.body as { spec: { markdown: string; revision: number } }).spec;
    expect(won).toMatchObject({ markdown: texts[winnerIndex], revision: 2 });
    expect(conflict.currentRevision).toBe(2);
    expect(conflict.current).toMatchObject({ markdown: won.markdown, revision: 2 });
    const stored = await call("viewer", "GET", path);
    expect((stored.body as { spec: unknown }).spec).toMatchObject({ markdown: won.markdown, revision: 2 });
  }
});

test("a review draft: of two saves on one version (two tabs), one wins and the other is 409 with the current version", async () => {
  const { submissionId } = await freshAttempt();
  for (let round = 0; round < ROUNDS; round++) {
    const created = await call("owner", "POST", `/api/w/acme/review/attempts/${submissionId}/comments`, {
      target: "criterion",
      criterion: "No reads of the flag remain.",
      body: `Concurrency draft ${round}`,
    });
    expect(created.status).toBe(201);
    const draft = (created.body as { comment: { id: string; version: number } }).comment;
    const path = `/api/w/acme/review/comments/${draft.id}`;
    const bodies = [`From tab A, round ${round}`, `From tab B, round ${round}`];
    const { winner, winnerIndex, conflict } = await race(
      () => call("owner", "PATCH", path, { body: bodies[0], version: draft.version }),
      () => call("owner", "PATCH", path, { body: bodies[1], version: draft.version }),
      `round ${round}`,
    );
    const won = (winner.body as { comment: { body: string; version: number } }).comment;
    expect(won).toMatchObject({ body: bodies[winnerIndex], version: draft.version + 1 });
    expect(conflict.currentVersion).toBe(won.version);
    expect(conflict.current).toMatchObject({ id: draft.id, body: won.body, version: won.version });
    const attempt = await call("owner", "GET", `/api/w/acme/review/attempts/${submissionId}`);
    const stored = (attempt.body as { attempt: { drafts: { id: string }[] } }).attempt.drafts.find((d) => d.id === draft.id);
    expect(stored).toMatchObject({ body: won.body, version: won.version });
  }
});

// Acme's settings are read by other tests (threshold 70, loop limit 2): each round changes the
// threshold for a moment and puts it back at once, and the test ends as it found them.
test("the settings: of two edits on one version, one wins and the other is 409 with the current version", async () => {
  type Settings = { specThreshold: number; loopLimit: number; version: number };
  const read = async () => ((await call("owner", "GET", "/api/w/acme/settings")).body as { settings: Settings }).settings;
  const original = await read();
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const base = await read();
      const thresholds = [base.specThreshold === 41 ? 42 : 41, base.specThreshold === 43 ? 44 : 43];
      const { winner, winnerIndex, conflict } = await race(
        () => call("owner", "PATCH", "/api/w/acme/settings", { specThreshold: thresholds[0], version: base.version }),
        () => call("owner", "PATCH", "/api/w/acme/settings", { specThreshold: thresholds[1], version: base.version }),
        `round ${round}`,
      );
      const won = (winner.body as { settings: Settings }).settings;
      expect(won).toEqual({ specThreshold: thresholds[winnerIndex], loopLimit: base.loopLimit, version: base.version + 1 });
      expect(conflict.currentVersion).toBe(won.version);
      expect(conflict.current).toEqual(won);
      expect(await read()).toMatchObject(won);
      const restored = await call("owner", "PATCH", "/api/w/acme/settings", { specThreshold: original.specThreshold, version: won.version });
      expect(restored.status).toBe(200);
    }
  } finally {
    // Whatever happened above: put back the values other tests rely on.
    const now = await read();
    if (now.specThreshold !== original.specThreshold || now.loopLimit !== original.loopLimit) {
      await call("owner", "PATCH", "/api/w/acme/settings", { specThreshold: original.specThreshold, loopLimit: original.loopLimit, version: now.version });
    }
  }
  expect(await read()).toMatchObject({ specThreshold: original.specThreshold, loopLimit: original.loopLimit });
});
