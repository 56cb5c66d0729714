// Integration tests for specs (revisions, conflicts, restore) and spec templates (real PostgreSQL).
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { getTask, listTaskEvents } from "@/lib/task/data";
import { createTask, deleteTask, updateTask } from "@/lib/task/mutations";
import { caught, createTestWorkspace, raceTwo, type TestWorkspace } from "@/lib/test/fixtures";
import { getRevision, getSpec, listRevisions, listTemplates } from "./data";
import { lintSpec } from "./lint";
import { createTemplate, deleteTemplate, restoreRevision, saveSpec } from "./mutations";
import { BUILT_IN_TEMPLATES, FILLED_EXAMPLES } from "./templates";

let ws: TestWorkspace;
let other: TestWorkspace;
/** A board only `ws` has, so that its task keys do not exist in `other` (which has a TST board too). */
const BOARD = "SPC";
beforeAll(async () => {
  [ws, other] = await Promise.all([createTestWorkspace(), createTestWorkspace()]);
  await db().board.create({ data: { workspaceId: ws.scopes.owner.workspaceId, name: "Specs", key: BOARD } });
});

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const V1 = "## Outcome\n\nThe export is faster.\n";
const V2 = FILLED_EXAMPLES["unit-tests"];
const V3 = FILLED_EXAMPLES["diagnosed-bug-fix"];


const newTask = (title = "Spec task") => createTask(ws.scopes.member, { boardKey: BOARD, title });

/** Every row a spec write can touch in the workspace, to prove that a refused write changed nothing. */
async function snapshot(w: TestWorkspace = ws) {
  const workspaceId = w.scopes.owner.workspaceId;
  const [tasks, revisions, events] = await Promise.all([
    db().task.findMany({ where: { workspaceId }, orderBy: { id: "asc" } }),
    db().specRevision.findMany({ where: { workspaceId }, orderBy: { id: "asc" } }),
    db().taskEvent.findMany({ where: { workspaceId }, orderBy: { id: "asc" } }),
  ]);
  return { tasks, revisions, events };
}

const revisionRows = (taskId: string) => db().specRevision.findMany({ where: { taskId }, orderBy: { number: "asc" } });

const person = (w: TestWorkspace, role: "owner" | "admin" | "member" | "viewer") => ({ name: expect.any(String), email: w.users[role].email });

/** A task with revisions 1..n holding the given texts, saved by the member. */
async function taskWithRevisions(...texts: string[]) {
  const task = await newTask();
  for (const [i, markdown] of texts.entries()) await saveSpec(ws.scopes.member, task.key, { markdown, baseRevision: i });
  return task;
}

// ---------------------------------------------------------------------------------------------

describe("saveSpec", () => {
  it("writes revision 1 from baseRevision 0 with the lint score, and updates the task's specScore", async () => {
    const task = await newTask();
    expect(await getSpec(ws.scopes.viewer, task.key)).toEqual({ markdown: "", revision: 0, score: null, updatedBy: null, updatedAt: null });
    expect((await getTask(ws.scopes.member, task.key)).specScore).toBeNull();

    const state = await saveSpec(ws.scopes.member, task.key, { markdown: V2, baseRevision: 0 });
    expect(state).toEqual({ markdown: V2, revision: 1, score: lintSpec(V2).score, updatedBy: person(ws, "member"), updatedAt: expect.any(String) });
    expect(state.score).toBe(100);
    expect(await getSpec(ws.scopes.viewer, task.key)).toEqual(state);
    expect((await getTask(ws.scopes.member, task.key)).specScore).toBe(100);

    const rows = await revisionRows(task.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ number: 1, markdown: V2, score: 100, authorId: ws.users.member.id, workspaceId: ws.scopes.owner.workspaceId });
    const events = (await listTaskEvents(ws.scopes.member, task.key)).filter((e) => e.type === "spec_saved");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ after: { revision: 1, score: 100 }, actor: { id: ws.users.member.id } });
  });

  it("writes revision 2 from baseRevision 1, with its own score", async () => {
    const task = await taskWithRevisions(V2);
    const state = await saveSpec(ws.scopes.admin, task.key, { markdown: V1, baseRevision: 1 });
    expect(state).toMatchObject({ markdown: V1, revision: 2, score: lintSpec(V1).score, updatedBy: person(ws, "admin") });
    expect((await getTask(ws.scopes.member, task.key)).specScore).toBe(lintSpec(V1).score);
    expect((await revisionRows(task.id)).map((r) => [r.number, r.markdown])).toEqual([
      [1, V2],
      [2, V1],
    ]);
  });

  it("does not bump the task version, so an open task edit stays valid", async () => {
    const task = await newTask();
    await saveSpec(ws.scopes.member, task.key, { markdown: V1, baseRevision: 0 });
    expect((await getTask(ws.scopes.member, task.key)).version).toBe(task.version);
    expect(await updateTask(ws.scopes.member, task.key, { version: task.version, title: "Still valid" })).toMatchObject({ version: task.version + 1 });
  });

  it("refuses a stale baseRevision with conflict and the newer text, writing nothing", async () => {
    const task = await taskWithRevisions(V1);
    await saveSpec(ws.scopes.admin, task.key, { markdown: V2, baseRevision: 1 });
    const before = await snapshot();

    const error = await caught(saveSpec(ws.scopes.member, task.key, { markdown: V3, baseRevision: 1 }));
    expect(error.code).toBe("conflict");
    expect(error.status).toBe(409);
    expect(error.details?.currentRevision).toBe(2);
    expect(error.details?.current).toEqual({
      markdown: V2,
      revision: 2,
      score: lintSpec(V2).score,
      updatedBy: person(ws, "admin"),
      updatedAt: expect.any(String),
    });
    expect(await snapshot()).toEqual(before);
    expect(await revisionRows(task.id)).toHaveLength(2);
    expect(await getSpec(ws.scopes.member, task.key)).toMatchObject({ markdown: V2, revision: 2 });

    // A base from the future is stale too.
    const ahead = await caught(saveSpec(ws.scopes.member, task.key, { markdown: V3, baseRevision: 7 }));
    expect(ahead.code).toBe("conflict");
    expect(await snapshot()).toEqual(before);
  });

  it("treats saving identical text on the current revision as a no-op (no revision, no event)", async () => {
    const task = await taskWithRevisions(V1, V2);
    const before = await snapshot();
    const state = await saveSpec(ws.scopes.admin, task.key, { markdown: V2, baseRevision: 2 });
    // The state is the existing revision 2, still credited to its author.
    expect(state).toEqual({ markdown: V2, revision: 2, score: lintSpec(V2).score, updatedBy: person(ws, "member"), updatedAt: expect.any(String) });
    expect(await snapshot()).toEqual(before);
  });

  it("lets exactly one of two concurrent saves on the same base win; the other gets a conflict", async () => {
    for (let round = 0; round < 5; round++) {
      const task = await taskWithRevisions(V1);
      const results = await Promise.allSettled([
        saveSpec(ws.scopes.member, task.key, { markdown: `${V2}\nmember ${round}\n`, baseRevision: 1 }),
        saveSpec(ws.scopes.admin, task.key, { markdown: `${V3}\nadmin ${round}\n`, baseRevision: 1 }),
      ]);
      const fulfilled = results.filter((r) => r.status === "fulfilled");
      const rejected = results.filter((r) => r.status === "rejected");
      expect(fulfilled, `round ${round}`).toHaveLength(1);
      expect(rejected, `round ${round}`).toHaveLength(1);
      expect(rejected[0]?.reason).toBeInstanceOf(AppError);
      expect((rejected[0]?.reason as AppError).code).toBe("conflict");

      const winner = (fulfilled[0] as PromiseFulfilledResult<{ markdown: string; revision: number }>).value;
      expect(winner.revision).toBe(2);
      const rows = await revisionRows(task.id);
      expect(rows.map((r) => r.number)).toEqual([1, 2]);
      expect(rows[1]?.markdown).toBe(winner.markdown);
      expect(await getSpec(ws.scopes.member, task.key)).toMatchObject({ markdown: winner.markdown, revision: 2 });
      const saved = (await listTaskEvents(ws.scopes.member, task.key)).filter((e) => e.type === "spec_saved");
      expect(saved).toHaveLength(2);
    }
  });

  // The loser of a simultaneous save passes the first `specRevision !== baseRevision` check (it read
  // the row before the winner committed); its conditional UPDATE then matches nothing, and it must
  // be answered exactly as any stale save: the winner's revision and text, which the editor's
  // compare view needs.
  it("gives the loser of a simultaneous save the winner's revision (currentRevision) and text (current)", async () => {
    for (let round = 0; round < 5; round++) {
      const task = await taskWithRevisions(V1);
      const { winner, loser } = await raceTwo(
        saveSpec(ws.scopes.member, task.key, { markdown: V2, baseRevision: 1 }),
        saveSpec(ws.scopes.admin, task.key, { markdown: V3, baseRevision: 1 }),
        `round ${round}`,
      );
      expect(loser.details).toMatchObject({ currentRevision: 2, current: { markdown: winner.markdown, revision: 2, updatedBy: winner.updatedBy } });
      expect(await getSpec(ws.scopes.viewer, task.key)).toEqual(winner);
    }
  });

  it("refuses markdown over 100,000 characters with invalid/fields.markdown, and accepts exactly 100,000", async () => {
    const task = await newTask();
    const before = await snapshot();
    const error = await caught(saveSpec(ws.scopes.member, task.key, { markdown: "a".repeat(100_001), baseRevision: 0 }));
    expect(error.code).toBe("invalid");
    expect(error.fields?.markdown).toEqual(["A spec has at most 100,000 characters."]);
    expect(await snapshot()).toEqual(before);
    expect(await saveSpec(ws.scopes.member, task.key, { markdown: "a".repeat(100_000), baseRevision: 0 })).toMatchObject({ revision: 1 });
  });

  it("refuses malformed input with invalid, writing nothing", async () => {
    const task = await newTask();
    const before = await snapshot();
    for (const input of [
      {},
      { markdown: V1 },
      { markdown: V1, baseRevision: -1 },
      { markdown: V1, baseRevision: 0.5 },
      { markdown: V1, baseRevision: "0" },
      { markdown: 42, baseRevision: 0 },
      { markdown: V1, baseRevision: 0, extra: true },
    ]) {
      expect((await caught(saveSpec(ws.scopes.member, task.key, input))).code, JSON.stringify(input)).toBe("invalid");
    }
    expect(await snapshot()).toEqual(before);
  });

  it("refuses viewers with forbidden and writes nothing; viewers can still read", async () => {
    const task = await taskWithRevisions(V1);
    const before = await snapshot();
    expect((await caught(saveSpec(ws.scopes.viewer, task.key, { markdown: V2, baseRevision: 1 }))).code).toBe("forbidden");
    expect((await caught(restoreRevision(ws.scopes.viewer, task.key, 1, { baseRevision: 1 }))).code).toBe("forbidden");
    expect(await snapshot()).toEqual(before);
    expect(await getSpec(ws.scopes.viewer, task.key)).toMatchObject({ markdown: V1, revision: 1 });
    expect(await listRevisions(ws.scopes.viewer, task.key)).toHaveLength(1);
    expect((await getRevision(ws.scopes.viewer, task.key, 1)).markdown).toBe(V1);
  });

  it("is not_found for a deleted task", async () => {
    const task = await taskWithRevisions(V1);
    await deleteTask(ws.scopes.member, task.key);
    const before = await snapshot();
    expect((await caught(saveSpec(ws.scopes.member, task.key, { markdown: V2, baseRevision: 1 }))).code).toBe("not_found");
    expect((await caught(getSpec(ws.scopes.member, task.key))).code).toBe("not_found");
    expect(await snapshot()).toEqual(before);
  });
});

describe("revisions", () => {
  it("lists revisions newest first, with author and score", async () => {
    const task = await newTask();
    await saveSpec(ws.scopes.member, task.key, { markdown: V1, baseRevision: 0 });
    await saveSpec(ws.scopes.admin, task.key, { markdown: V2, baseRevision: 1 });
    await saveSpec(ws.scopes.owner, task.key, { markdown: V3, baseRevision: 2 });
    const list = await listRevisions(ws.scopes.viewer, task.key);
    expect(list).toEqual([
      { number: 3, score: lintSpec(V3).score, author: person(ws, "owner"), createdAt: expect.any(String) },
      { number: 2, score: lintSpec(V2).score, author: person(ws, "admin"), createdAt: expect.any(String) },
      { number: 1, score: lintSpec(V1).score, author: person(ws, "member"), createdAt: expect.any(String) },
    ]);
    expect(await listRevisions(ws.scopes.viewer, (await newTask()).key)).toEqual([]);
  });

  it("getRevision returns an old text; a missing or malformed number is not_found", async () => {
    const task = await taskWithRevisions(V1, V2);
    expect(await getRevision(ws.scopes.member, task.key, 1)).toEqual({
      number: 1,
      markdown: V1,
      score: lintSpec(V1).score,
      createdAt: expect.any(String),
      author: person(ws, "member"),
    });
    for (const number of [0, 3, -1, 1.5, Number.NaN, 2 ** 31, 1e20, Number.POSITIVE_INFINITY]) {
      expect((await caught(getRevision(ws.scopes.member, task.key, number))).code, String(number)).toBe("not_found");
    }
  });

  it("does not return a revision of another task by its number", async () => {
    const a = await taskWithRevisions(V1, V2);
    const b = await taskWithRevisions(V3);
    expect((await caught(getRevision(ws.scopes.member, b.key, 2))).code).toBe("not_found");
    const before = await snapshot();
    expect((await caught(restoreRevision(ws.scopes.member, b.key, 2, { baseRevision: 1 }))).code).toBe("not_found");
    expect(await snapshot()).toEqual(before);
    expect((await getRevision(ws.scopes.member, a.key, 2)).markdown).toBe(V2);
  });

  it("restoreRevision makes the old text a NEW revision, keeps history and records spec_restored", async () => {
    const task = await taskWithRevisions(V1, V2, V3);
    const oldRows = await revisionRows(task.id);

    const state = await restoreRevision(ws.scopes.admin, task.key, 1, { baseRevision: 3 });
    expect(state).toEqual({ markdown: V1, revision: 4, score: lintSpec(V1).score, updatedBy: person(ws, "admin"), updatedAt: expect.any(String) });
    expect(await getSpec(ws.scopes.member, task.key)).toEqual(state);
    expect((await getTask(ws.scopes.member, task.key)).specScore).toBe(lintSpec(V1).score);

    const rows = await revisionRows(task.id);
    expect(rows).toHaveLength(4);
    expect(rows.slice(0, 3)).toEqual(oldRows);
    expect(rows[3]).toMatchObject({ number: 4, markdown: V1, score: lintSpec(V1).score, authorId: ws.users.admin.id });

    const restored = (await listTaskEvents(ws.scopes.member, task.key)).filter((e) => e.type === "spec_restored");
    expect(restored).toHaveLength(1);
    expect(restored[0]).toMatchObject({ after: { revision: 4, score: lintSpec(V1).score, restoredFrom: 1 }, actor: { id: ws.users.admin.id } });
  });

  it("refuses a restore on a stale baseRevision with conflict, writing nothing", async () => {
    const task = await taskWithRevisions(V1, V2);
    const before = await snapshot();
    const error = await caught(restoreRevision(ws.scopes.member, task.key, 1, { baseRevision: 1 }));
    expect(error.code).toBe("conflict");
    expect(error.details?.current).toMatchObject({ markdown: V2, revision: 2 });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a restore of a missing revision or with malformed input, writing nothing", async () => {
    const task = await taskWithRevisions(V1);
    const before = await snapshot();
    for (const number of [0, 2, 1.5]) {
      expect((await caught(restoreRevision(ws.scopes.member, task.key, number, { baseRevision: 1 }))).code, String(number)).toBe("not_found");
    }
    for (const input of [{}, { baseRevision: -1 }, { baseRevision: "1" }, { baseRevision: 1, markdown: V2 }]) {
      expect((await caught(restoreRevision(ws.scopes.member, task.key, 1, input))).code, JSON.stringify(input)).toBe("invalid");
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("tenancy", () => {
  it("is not_found for every spec read and write with another workspace's scope, and writes nothing", async () => {
    const task = await taskWithRevisions(V1);
    const mine = await snapshot();
    const theirs = await snapshot(other);
    const scope = other.scopes.owner;
    expect((await caught(getSpec(scope, task.key))).code).toBe("not_found");
    expect((await caught(saveSpec(scope, task.key, { markdown: V2, baseRevision: 1 }))).code).toBe("not_found");
    expect((await caught(listRevisions(scope, task.key))).code).toBe("not_found");
    expect((await caught(getRevision(scope, task.key, 1))).code).toBe("not_found");
    expect((await caught(restoreRevision(scope, task.key, 1, { baseRevision: 1 }))).code).toBe("not_found");
    expect(await snapshot()).toEqual(mine);
    expect(await snapshot(other)).toEqual(theirs);
  });
});

describe("templates", () => {
  let tws: TestWorkspace;
  beforeAll(async () => {
    tws = await createTestWorkspace();
  });
  const templateRows = (w: TestWorkspace) => db().specTemplate.findMany({ where: { workspaceId: w.scopes.owner.workspaceId }, orderBy: { id: "asc" } });
  const allTemplateRows = () => db().specTemplate.findMany({ orderBy: { id: "asc" } });

  it("lists the 4 built-ins first (builtIn true), then the workspace's own by name; viewers can list", async () => {
    const fresh = await listTemplates(tws.scopes.viewer);
    expect(fresh).toEqual(BUILT_IN_TEMPLATES.map((t) => ({ ...t, builtIn: true })));
    expect(fresh).toHaveLength(4);

    await createTemplate(tws.scopes.admin, { name: "Zebra runbook", markdown: "## Outcome\n\nZ\n" });
    await createTemplate(tws.scopes.owner, { name: "Alpha runbook", description: " First ", markdown: "## Outcome\n\nA\n" });
    const list = await listTemplates(tws.scopes.viewer);
    expect(list.slice(0, 4)).toEqual(fresh);
    expect(list.slice(4)).toEqual([
      { id: expect.any(String), name: "Alpha runbook", description: "First", markdown: "## Outcome\n\nA\n", builtIn: false },
      { id: expect.any(String), name: "Zebra runbook", description: "", markdown: "## Outcome\n\nZ\n", builtIn: false },
    ]);
    // Another workspace sees only the built-ins.
    expect(await listTemplates(other.scopes.member)).toEqual(fresh);
  });

  it("refuses members and viewers with forbidden and writes nothing; admins create", async () => {
    const before = await templateRows(tws);
    for (const role of ["member", "viewer"] as const) {
      expect((await caught(createTemplate(tws.scopes[role], { name: `By ${role}`, markdown: "x" }))).code).toBe("forbidden");
    }
    expect(await templateRows(tws)).toEqual(before);

    const created = await createTemplate(tws.scopes.admin, { name: "  Migration  ", markdown: FILLED_EXAMPLES["reference-based-change"] });
    expect(created).toEqual({ id: expect.any(String), name: "Migration", description: "", markdown: FILLED_EXAMPLES["reference-based-change"] });
    const row = await db().specTemplate.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ workspaceId: tws.scopes.owner.workspaceId, createdById: tws.users.admin.id, name: "Migration" });
  });

  it("refuses a duplicate name (after trimming) with conflict/fields.name; other workspaces may reuse it", async () => {
    await createTemplate(tws.scopes.admin, { name: "Hotfix", markdown: "## Outcome\n\nFixed.\n" });
    const before = await allTemplateRows();
    for (const name of ["Hotfix", "  Hotfix "]) {
      const error = await caught(createTemplate(tws.scopes.owner, { name, markdown: "other" }));
      expect(error.code).toBe("conflict");
      expect(error.fields?.name).toEqual(["A template with this name exists in this workspace."]);
    }
    expect(await allTemplateRows()).toEqual(before);
    expect(await createTemplate(other.scopes.admin, { name: "Hotfix", markdown: "theirs" })).toMatchObject({ name: "Hotfix" });
  });

  it("refuses invalid input with invalid and a message per field, writing nothing", async () => {
    const before = await templateRows(tws);
    const error = await caught(createTemplate(tws.scopes.admin, { name: " ", markdown: "" }));
    expect(error.code).toBe("invalid");
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(["markdown", "name"]);
    const long = await caught(createTemplate(tws.scopes.admin, { name: "x".repeat(81), markdown: "a".repeat(100_001), description: "d".repeat(301) }));
    expect(Object.keys(long.fields ?? {}).sort()).toEqual(["description", "markdown", "name"]);
    expect(await templateRows(tws)).toEqual(before);
  });

  it("deletes only the scope's own templates: another workspace's id is not_found and the template stays", async () => {
    const theirs = await createTemplate(other.scopes.admin, { name: "Theirs to keep", markdown: "keep" });
    const before = await allTemplateRows();
    expect((await caught(deleteTemplate(tws.scopes.owner, theirs.id))).code).toBe("not_found");
    expect((await caught(deleteTemplate(tws.scopes.owner, "feature-flag-removal"))).code).toBe("not_found");
    expect((await caught(deleteTemplate(tws.scopes.owner, "no-such-id"))).code).toBe("not_found");
    expect(await allTemplateRows()).toEqual(before);
    expect(await db().specTemplate.findUnique({ where: { id: theirs.id } })).not.toBeNull();
    expect((await listTemplates(other.scopes.viewer)).map((t) => t.id)).toContain(theirs.id);
  });

  it("refuses members deleting with forbidden; admins delete, and the template leaves the list", async () => {
    const mine = await createTemplate(tws.scopes.admin, { name: "Short-lived", markdown: "bye" });
    const before = await allTemplateRows();
    expect((await caught(deleteTemplate(tws.scopes.member, mine.id))).code).toBe("forbidden");
    expect((await caught(deleteTemplate(tws.scopes.viewer, mine.id))).code).toBe("forbidden");
    expect(await allTemplateRows()).toEqual(before);

    await deleteTemplate(tws.scopes.admin, mine.id);
    expect(await db().specTemplate.findUnique({ where: { id: mine.id } })).toBeNull();
    expect((await listTemplates(tws.scopes.viewer)).map((t) => t.id)).not.toContain(mine.id);
    expect((await caught(deleteTemplate(tws.scopes.admin, mine.id))).code).toBe("not_found");
  });
});
