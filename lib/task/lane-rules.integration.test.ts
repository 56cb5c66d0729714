// Integration tests for the lane rules as the data layer enforces them (real PostgreSQL): the
// over-delegation reason, the readiness gate on the spec score, and the triage answers they read.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { lintSpec } from "@/lib/spec/lint";
import { saveSpec } from "@/lib/spec/mutations";
import { FILLED_EXAMPLES } from "@/lib/spec/templates";
import { caught, createTestWorkspace, type TestWorkspace } from "@/lib/test/fixtures";
import { getWorkspaceSettings } from "@/lib/workspace/data";
import { updateWorkspaceSettings } from "@/lib/workspace/mutations";
import { getTask, listTaskEvents } from "./data";
import { createTask, moveTask, setTriage, updateTask } from "./mutations";
import type { Lane, Status } from "./schema";
import type { TriageAnswers } from "./triage";

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createTestWorkspace();
});

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const DELEGATE_YES: TriageAnswers = { knowWhat: true, examples: true, approachObvious: true, successDefined: true, selfContained: true };

/** Scores 55: outcome, a precise reference and boundaries, but no example, success criteria or tests. */
const WEAK_SPEC = [
  "## Outcome",
  "",
  "The CSV export of the invoices page finishes in under two seconds for ten thousand rows.",
  "",
  "## References",
  "",
  "- src/export/csv.ts:40-80",
  "",
  "## Boundaries",
  "",
  "- Do not change the CSV format.",
  "",
].join("\n");
const WEAK_SCORE = lintSpec(WEAK_SPEC).score;
const GOOD_SPEC = FILLED_EXAMPLES["feature-flag-removal"];

/** Every row a task write can touch in the workspace, to prove that a refused write changed nothing. */
async function snapshot(w: TestWorkspace = ws) {
  const workspaceId = w.scopes.owner.workspaceId;
  const [tasks, events, boards, revisions, workspace] = await Promise.all([
    db().task.findMany({ where: { workspaceId }, orderBy: { id: "asc" } }),
    db().taskEvent.findMany({ where: { workspaceId }, orderBy: { id: "asc" } }),
    db().board.findMany({ where: { workspaceId }, orderBy: { id: "asc" }, select: { id: true, key: true, nextNumber: true } }),
    db().specRevision.findMany({ where: { workspaceId }, orderBy: { id: "asc" } }),
    db().workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { specThreshold: true } }),
  ]);
  return { tasks, events, boards, revisions, workspace };
}


/** A task in Untriaged · Backlog, never triaged. */
const newTask = (title: string, w: TestWorkspace = ws) => createTask(w.scopes.member, { boardKey: w.boardKey, title });

const move = (key: string, lane: Lane, status: Status, extra: Record<string, unknown> = {}, w: TestWorkspace = ws) =>
  moveTask(w.scopes.member, key, { lane, status, afterId: null, ...extra });

/** A task triaged as Delegate and sitting in Delegate · Backlog, optionally with a saved spec. */
async function delegateBacklogTask(title: string, spec?: string, w: TestWorkspace = ws) {
  const task = await newTask(title, w);
  await setTriage(w.scopes.member, task.key, { answers: DELEGATE_YES });
  if (spec !== undefined) await saveSpec(w.scopes.member, task.key, { markdown: spec, baseRevision: 0 });
  const moved = await move(task.key, "delegate", "backlog", {}, w);
  expect(moved).toMatchObject({ lane: "delegate", status: "backlog" });
  return moved;
}

const eventsOfType = async (key: string, type: string, w: TestWorkspace = ws) =>
  (await listTaskEvents(w.scopes.viewer, key)).filter((e) => e.type === type);

const overDelegation = (recommendation: string) => ({ kind: "over_delegation", recommendation, field: "overDelegationReason" });
const specGate = (score: number, threshold: number) => ({ kind: "spec_gate", score, threshold, field: "gateOverrideReason" });

// ---------------------------------------------------------------------------------------------

describe("over-delegation", () => {
  it("refuses moving an untriaged task into the delegate lane without a reason (422) and changes nothing", async () => {
    const task = await newTask("No triage yet");
    const before = await snapshot();
    const error = await caught(move(task.key, "delegate", "backlog"));
    expect(error.code).toBe("unprocessable");
    expect(error.status).toBe(422);
    expect(error.details?.requirements).toEqual([overDelegation("unclear")]);
    expect(error.details?.findings).toEqual([]);
    expect(await snapshot()).toEqual(before);
    expect(await getTask(ws.scopes.member, task.key)).toMatchObject({ lane: "untriaged", status: "backlog", version: 1, position: task.position });
  });

  it("moves it with an over-delegation reason and records over_delegated with the trimmed reason", async () => {
    const task = await newTask("Delegate anyway");
    const moved = await move(task.key, "delegate", "backlog", { overDelegationReason: "   The agent did this twice before.  " });
    expect(moved).toMatchObject({ lane: "delegate", status: "backlog", version: 2 });
    const events = await eventsOfType(task.key, "over_delegated");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      before: null,
      after: { reason: "The agent did this twice before.", recommendation: "unclear" },
      actor: { id: ws.users.member.id },
    });
    expect(await eventsOfType(task.key, "moved")).toHaveLength(1);
  });

  it("needs no reason once the triage recommends Delegate (all five delegate answers yes)", async () => {
    const task = await newTask("Clearly delegable");
    await setTriage(ws.scopes.member, task.key, { answers: DELEGATE_YES });
    const moved = await move(task.key, "delegate", "backlog");
    expect(moved.lane).toBe("delegate");
    expect(await eventsOfType(task.key, "over_delegated")).toEqual([]);
  });

  it("does not record a reason that was not needed", async () => {
    const task = await newTask("Reason given anyway");
    await setTriage(ws.scopes.member, task.key, { answers: DELEGATE_YES });
    await move(task.key, "delegate", "backlog", { overDelegationReason: "Just in case" });
    expect(await eventsOfType(task.key, "over_delegated")).toEqual([]);
  });

  it("asks again when a leverage answer is yes, even with all delegate answers yes (recommendation leverage)", async () => {
    const task = await newTask("Needs diagnosis");
    await setTriage(ws.scopes.member, task.key, { answers: { ...DELEGATE_YES, diagnosis: true } });
    const before = await snapshot();
    const error = await caught(move(task.key, "delegate", "backlog"));
    expect(error.code).toBe("unprocessable");
    expect(error.details?.requirements).toEqual([overDelegation("leverage")]);
    expect(await snapshot()).toEqual(before);

    await move(task.key, "delegate", "backlog", { overDelegationReason: "Diagnosis is in the ticket" });
    const [event] = await eventsOfType(task.key, "over_delegated");
    expect(event?.after).toEqual({ reason: "Diagnosis is in the ticket", recommendation: "leverage" });
  });

  it("never asks for moves within the delegate lane, and asks again after leaving it", async () => {
    const task = await newTask("Over-delegated once");
    await move(task.key, "delegate", "backlog", { overDelegationReason: "Agreed in standup" });
    for (const status of ["in_review", "done", "backlog"] as const) {
      expect(await move(task.key, "delegate", status)).toMatchObject({ lane: "delegate", status });
    }
    // Within the lane, only the readiness gate may still apply (empty spec → score 0).
    const error = await caught(move(task.key, "delegate", "ready"));
    expect(error.details?.requirements).toEqual([specGate(0, 70)]);
    expect(await eventsOfType(task.key, "over_delegated")).toHaveLength(1);

    await move(task.key, "leverage", "backlog");
    const again = await caught(move(task.key, "delegate", "backlog"));
    expect(again.details?.requirements).toEqual([overDelegation("unclear")]);
  });

  it("applies to createTask directly into the delegate lane, writing nothing (not even a number) when refused", async () => {
    const before = await snapshot();
    const error = await caught(createTask(ws.scopes.member, { boardKey: ws.boardKey, title: "Straight to delegate", lane: "delegate" }));
    expect(error.code).toBe("unprocessable");
    expect(error.details?.requirements).toEqual([overDelegation("unclear")]);
    expect(await snapshot()).toEqual(before);

    const task = await createTask(ws.scopes.member, {
      boardKey: ws.boardKey,
      title: "Straight to delegate",
      lane: "delegate",
      overDelegationReason: " Small and well known ",
    });
    expect(task).toMatchObject({ lane: "delegate", status: "backlog", triaged: false, recommendation: "unclear" });
    const events = await listTaskEvents(ws.scopes.member, task.key);
    expect(events.map((e) => e.type).sort()).toEqual(["created", "over_delegated"]);
    expect(events.find((e) => e.type === "over_delegated")?.after).toEqual({ reason: "Small and well known", recommendation: "unclear" });
  });

  it("applies to updateTask changing the lane to delegate, keeping the version when refused", async () => {
    const task = await newTask("Edited into delegate");
    const before = await snapshot();
    const error = await caught(updateTask(ws.scopes.member, task.key, { version: 1, lane: "delegate" }));
    expect(error.code).toBe("unprocessable");
    expect(error.details?.requirements).toEqual([overDelegation("unclear")]);
    expect(await snapshot()).toEqual(before);

    const updated = await updateTask(ws.scopes.member, task.key, { version: 1, lane: "delegate", overDelegationReason: "Owner asked for it" });
    expect(updated).toMatchObject({ lane: "delegate", version: 2 });
    expect((await eventsOfType(task.key, "over_delegated"))[0]?.after).toEqual({ reason: "Owner asked for it", recommendation: "unclear" });
    // Editing other fields of a task already in the lane does not ask again.
    expect(await updateTask(ws.scopes.member, task.key, { version: 2, title: "Renamed" })).toMatchObject({ title: "Renamed", version: 3 });
  });

  it("refuses a reason shorter than 3 characters (after trimming) with invalid/fields.overDelegationReason", async () => {
    const task = await newTask("Short reason");
    const before = await snapshot();
    for (const reason of ["ab", "  a  ", ""]) {
      const error = await caught(move(task.key, "delegate", "backlog", { overDelegationReason: reason }));
      expect(error.code).toBe("invalid");
      expect(Object.keys(error.fields ?? {})).toEqual(["overDelegationReason"]);
    }
    const onCreate = await caught(createTask(ws.scopes.member, { boardKey: ws.boardKey, title: "x", lane: "delegate", overDelegationReason: "no" }));
    expect(onCreate.fields?.overDelegationReason).toEqual(["Give a reason (at least 3 characters)."]);
    const onUpdate = await caught(updateTask(ws.scopes.member, task.key, { version: 1, lane: "delegate", overDelegationReason: "x" }));
    expect(onUpdate.fields?.overDelegationReason).toBeDefined();
    expect(await snapshot()).toEqual(before);
  });
});

describe("readiness gate", () => {
  it("refuses a delegate task with an empty spec leaving the backlog for Ready, listing up to 3 findings", async () => {
    const task = await delegateBacklogTask("Empty spec");
    const before = await snapshot();
    const error = await caught(move(task.key, "delegate", "ready"));
    expect(error.code).toBe("unprocessable");
    expect(error.details?.requirements).toEqual([specGate(0, 70)]);
    const findings = error.details?.findings as unknown[];
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.length).toBeLessThanOrEqual(3);
    expect(findings).toEqual(lintSpec("").findings.slice(0, 3));
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a weak spec with its score, and changes nothing", async () => {
    expect(WEAK_SCORE).toBeGreaterThan(0);
    expect(WEAK_SCORE).toBeLessThan(70);
    const task = await delegateBacklogTask("Weak spec", WEAK_SPEC);
    const before = await snapshot();
    const error = await caught(move(task.key, "delegate", "ready"));
    expect(error.code).toBe("unprocessable");
    expect(error.details?.requirements).toEqual([specGate(WEAK_SCORE, 70)]);
    expect(error.details?.findings).toEqual(lintSpec(WEAK_SPEC).findings.slice(0, 3));
    expect((error.details?.findings as unknown[]).length).toBeLessThanOrEqual(3);
    expect(await snapshot()).toEqual(before);
    expect(await getTask(ws.scopes.member, task.key)).toMatchObject({ lane: "delegate", status: "backlog", version: task.version, position: task.position });
  });

  it("lets a spec scoring 100 through without any override event", async () => {
    expect(lintSpec(GOOD_SPEC).score).toBe(100);
    const task = await delegateBacklogTask("Good spec", GOOD_SPEC);
    expect(await move(task.key, "delegate", "ready")).toMatchObject({ lane: "delegate", status: "ready" });
    expect(await eventsOfType(task.key, "gate_overridden")).toEqual([]);
  });

  it("does not record a gate override reason that was not needed", async () => {
    const task = await delegateBacklogTask("Good spec, reason anyway", GOOD_SPEC);
    await move(task.key, "delegate", "ready", { gateOverrideReason: "Not needed" });
    expect(await eventsOfType(task.key, "gate_overridden")).toEqual([]);
  });

  it("lets a weak spec through with gateOverrideReason and records gate_overridden {reason, score, threshold}", async () => {
    const task = await delegateBacklogTask("Weak, overridden", WEAK_SPEC);
    const moved = await move(task.key, "delegate", "ready", { gateOverrideReason: "  Spike, the agent knows the module  " });
    expect(moved).toMatchObject({ lane: "delegate", status: "ready", version: task.version + 1 });
    const events = await eventsOfType(task.key, "gate_overridden");
    expect(events).toHaveLength(1);
    expect(events[0]?.after).toEqual({ reason: "Spike, the agent knows the module", score: WEAK_SCORE, threshold: 70 });
    expect(events[0]?.actor?.id).toBe(ws.users.member.id);
  });

  it("gates a move straight to In progress too", async () => {
    const task = await delegateBacklogTask("Straight to work", WEAK_SPEC);
    const before = await snapshot();
    const error = await caught(move(task.key, "delegate", "in_progress"));
    expect(error.code).toBe("unprocessable");
    expect(error.details?.requirements).toEqual([specGate(WEAK_SCORE, 70)]);
    expect(await snapshot()).toEqual(before);
  });

  it("does not gate Delegate · Ready → In progress again", async () => {
    const task = await delegateBacklogTask("Past the gate", WEAK_SPEC);
    await move(task.key, "delegate", "ready", { gateOverrideReason: "Time-boxed experiment" });
    expect(await move(task.key, "delegate", "in_progress")).toMatchObject({ status: "in_progress" });
    expect(await eventsOfType(task.key, "gate_overridden")).toHaveLength(1);
  });

  it("does not gate Backlog → Done (or In review)", async () => {
    const a = await delegateBacklogTask("Done already", WEAK_SPEC);
    expect(await move(a.key, "delegate", "done")).toMatchObject({ status: "done" });
    const b = await delegateBacklogTask("Reviewed already");
    expect(await move(b.key, "delegate", "in_review")).toMatchObject({ status: "in_review" });
    expect(await eventsOfType(a.key, "gate_overridden")).toEqual([]);
  });

  it("gates updateTask changing the status to Ready, keeping the version when refused", async () => {
    const task = await delegateBacklogTask("Edited to ready", WEAK_SPEC);
    const before = await snapshot();
    const error = await caught(updateTask(ws.scopes.member, task.key, { version: task.version, status: "ready" }));
    expect(error.code).toBe("unprocessable");
    expect(error.details?.requirements).toEqual([specGate(WEAK_SCORE, 70)]);
    expect(await snapshot()).toEqual(before);
    const updated = await updateTask(ws.scopes.member, task.key, { version: task.version, status: "ready", gateOverrideReason: "Owner will pair" });
    expect(updated).toMatchObject({ status: "ready", version: task.version + 1 });
    expect((await eventsOfType(task.key, "gate_overridden"))[0]?.after).toEqual({ reason: "Owner will pair", score: WEAK_SCORE, threshold: 70 });
  });

  it("asks for both reasons at once (untriaged weak task → Delegate · Ready); one reason alone still fails, naming only the other", async () => {
    const task = await newTask("Both rules");
    await saveSpec(ws.scopes.member, task.key, { markdown: WEAK_SPEC, baseRevision: 0 });
    const before = await snapshot();

    const both = await caught(move(task.key, "delegate", "ready"));
    expect(both.code).toBe("unprocessable");
    expect(both.details?.requirements).toEqual([overDelegation("unclear"), specGate(WEAK_SCORE, 70)]);
    expect(both.details?.findings).toEqual(lintSpec(WEAK_SPEC).findings.slice(0, 3));

    const onlyOver = await caught(move(task.key, "delegate", "ready", { overDelegationReason: "We know this code" }));
    expect(onlyOver.code).toBe("unprocessable");
    expect(onlyOver.details?.requirements).toEqual([specGate(WEAK_SCORE, 70)]);

    const onlyGate = await caught(move(task.key, "delegate", "ready", { gateOverrideReason: "Spec is good enough" }));
    expect(onlyGate.code).toBe("unprocessable");
    expect(onlyGate.details?.requirements).toEqual([overDelegation("unclear")]);
    expect(onlyGate.details?.findings).toEqual([]);
    expect(await snapshot()).toEqual(before);

    await move(task.key, "delegate", "ready", { overDelegationReason: "We know this code", gateOverrideReason: "Spec is good enough" });
    expect((await eventsOfType(task.key, "over_delegated"))[0]?.after).toEqual({ reason: "We know this code", recommendation: "unclear" });
    expect((await eventsOfType(task.key, "gate_overridden"))[0]?.after).toEqual({ reason: "Spec is good enough", score: WEAK_SCORE, threshold: 70 });
  });

  it("applies both rules to createTask directly into Delegate · Ready (empty spec scores 0)", async () => {
    const before = await snapshot();
    const input = { boardKey: ws.boardKey, title: "Created ready", lane: "delegate", status: "ready" };
    const error = await caught(createTask(ws.scopes.member, { ...input, overDelegationReason: "Known work" }));
    expect(error.details?.requirements).toEqual([specGate(0, 70)]);
    expect(await snapshot()).toEqual(before);
    const task = await createTask(ws.scopes.member, { ...input, overDelegationReason: "Known work", gateOverrideReason: "Spec follows" });
    expect(task).toMatchObject({ lane: "delegate", status: "ready" });
    const types = (await listTaskEvents(ws.scopes.member, task.key)).map((e) => e.type).sort();
    expect(types).toEqual(["created", "gate_overridden", "over_delegated"]);
  });

  describe("with a changed workspace threshold", () => {
    let gws: TestWorkspace;
    beforeAll(async () => {
      gws = await createTestWorkspace();
    });

    it("lets the weak spec pass once the owner sets the threshold to 0", async () => {
      const task = await delegateBacklogTask("Threshold zero", WEAK_SPEC, gws);
      const error = await caught(move(task.key, "delegate", "ready", {}, gws));
      expect(error.details?.requirements).toEqual([specGate(WEAK_SCORE, 70)]);
      await updateWorkspaceSettings(gws.scopes.owner, { specThreshold: 0, version: (await getWorkspaceSettings(gws.scopes.owner)).version });
      expect(await move(task.key, "delegate", "ready", {}, gws)).toMatchObject({ status: "ready" });
      expect(await eventsOfType(task.key, "gate_overridden", gws)).toEqual([]);
      // Even an empty spec (score 0) passes a threshold of 0.
      const empty = await delegateBacklogTask("Empty, threshold zero", undefined, gws);
      expect(await move(empty.key, "delegate", "in_progress", {}, gws)).toMatchObject({ status: "in_progress" });
    });

    it("passes at a threshold exactly equal to the score, and refuses one point above it", async () => {
      await updateWorkspaceSettings(gws.scopes.owner, { specThreshold: WEAK_SCORE, version: (await getWorkspaceSettings(gws.scopes.owner)).version });
      const atThreshold = await delegateBacklogTask("At threshold", WEAK_SPEC, gws);
      expect(await move(atThreshold.key, "delegate", "ready", {}, gws)).toMatchObject({ status: "ready" });

      await updateWorkspaceSettings(gws.scopes.owner, { specThreshold: WEAK_SCORE + 1, version: (await getWorkspaceSettings(gws.scopes.owner)).version });
      const above = await delegateBacklogTask("One below", WEAK_SPEC, gws);
      const before = await snapshot(gws);
      const error = await caught(move(above.key, "delegate", "ready", {}, gws));
      expect(error.details?.requirements).toEqual([specGate(WEAK_SCORE, WEAK_SCORE + 1)]);
      expect(await snapshot(gws)).toEqual(before);
    });

    it("does not change the gate of another workspace", async () => {
      await updateWorkspaceSettings(gws.scopes.owner, { specThreshold: 0, version: (await getWorkspaceSettings(gws.scopes.owner)).version });
      const task = await delegateBacklogTask("Other workspace keeps 70", WEAK_SPEC);
      const error = await caught(move(task.key, "delegate", "ready"));
      expect(error.details?.requirements).toEqual([specGate(WEAK_SCORE, 70)]);
    });
  });
});

describe("setTriage", () => {
  it("refuses viewers with forbidden and changes nothing", async () => {
    const task = await newTask("Viewer triage");
    const before = await snapshot();
    const error = await caught(setTriage(ws.scopes.viewer, task.key, { answers: DELEGATE_YES }));
    expect(error.code).toBe("forbidden");
    expect(await snapshot()).toEqual(before);
  });

  it("refuses unknown question ids, non-boolean answers and malformed bodies with invalid, changing nothing", async () => {
    const task = await newTask("Bad triage");
    await setTriage(ws.scopes.member, task.key, { answers: { knowWhat: true } });
    const before = await snapshot();

    const unknown = await caught(setTriage(ws.scopes.member, task.key, { answers: { knowWhat: true, isEasy: true } }));
    expect(unknown.code).toBe("invalid");
    expect(unknown.fields?.["answers.isEasy"]).toEqual(["Unknown field."]);

    const nonBoolean = await caught(setTriage(ws.scopes.member, task.key, { answers: { knowWhat: "yes" } }));
    expect(nonBoolean.code).toBe("invalid");
    expect(nonBoolean.fields?.["answers.knowWhat"]).toEqual(["Answers are yes (true) or no (false)."]);

    for (const input of [{}, { answers: null }, { answers: [true] }, { answers: { knowWhat: 1 } }, { answers: {}, extra: true }]) {
      expect((await caught(setTriage(ws.scopes.member, task.key, input))).code, JSON.stringify(input)).toBe("invalid");
    }
    expect(await snapshot()).toEqual(before);
  });

  it("stores the answers without bumping the version and records a triaged event with before/after recommendation", async () => {
    const task = await newTask("Triage me");
    expect(await getTask(ws.scopes.member, task.key)).toMatchObject({ triaged: false, recommendation: "unclear", triage: null });

    const card = await setTriage(ws.scopes.member, task.key, { answers: DELEGATE_YES });
    expect(card).toMatchObject({ version: 1, triaged: true, recommendation: "delegate" });
    const detail = await getTask(ws.scopes.viewer, task.key);
    expect(detail).toMatchObject({ version: 1, triaged: true, recommendation: "delegate", triage: DELEGATE_YES });
    const row = await db().task.findUniqueOrThrow({ where: { id: task.id }, select: { triage: true, version: true } });
    expect(row).toEqual({ triage: DELEGATE_YES, version: 1 });

    const [first] = await eventsOfType(task.key, "triaged");
    expect(first).toMatchObject({
      before: { recommendation: "unclear" },
      after: { recommendation: "delegate", answers: DELEGATE_YES },
      actor: { id: ws.users.member.id },
    });

    await setTriage(ws.scopes.member, task.key, { answers: { ...DELEGATE_YES, architecture: true } });
    const triaged = await eventsOfType(task.key, "triaged");
    expect(triaged).toHaveLength(2);
    expect(triaged.map((e) => e.before)).toContainEqual({ recommendation: "delegate" });
    expect(triaged.map((e) => (e.after as { recommendation: string }).recommendation).sort()).toEqual(["delegate", "leverage"]);
    expect(await getTask(ws.scopes.member, task.key)).toMatchObject({ version: 1, recommendation: "leverage", triaged: true });
  });

  it("keeps an open edit valid: updateTask with the version read before triaging still succeeds", async () => {
    const task = await newTask("Open editor");
    const opened = await getTask(ws.scopes.member, task.key);
    await setTriage(ws.scopes.admin, task.key, { answers: { explore: true } });
    const updated = await updateTask(ws.scopes.member, task.key, { version: opened.version, title: "Saved from the open editor" });
    expect(updated).toMatchObject({ title: "Saved from the open editor", version: opened.version + 1, recommendation: "leverage" });
  });

  it("marks a task triaged even with partial answers, and the board card shows the recommendation", async () => {
    const task = await newTask("Partly triaged");
    const card = await setTriage(ws.scopes.member, task.key, { answers: { knowWhat: true, examples: false } });
    expect(card).toMatchObject({ triaged: true, recommendation: "unclear" });
    expect((await getTask(ws.scopes.member, task.key)).triage).toEqual({ knowWhat: true, examples: false });
  });

  it("is not_found for a task of another workspace, which stays untriaged", async () => {
    const other = await createTestWorkspace();
    await db().board.create({ data: { workspaceId: ws.scopes.owner.workspaceId, name: "Triage tenancy", key: "TRX" } });
    const task = await createTask(ws.scopes.member, { boardKey: "TRX", title: "Cross-tenant triage" });
    const before = await snapshot();
    const error = await caught(setTriage(other.scopes.owner, task.key, { answers: DELEGATE_YES }));
    expect(error.code).toBe("not_found");
    expect(await snapshot()).toEqual(before);
    expect(await getTask(ws.scopes.member, task.key)).toMatchObject({ triaged: false, triage: null });
  });
});
