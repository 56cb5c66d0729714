import { beforeAll, describe, expect, it } from "vitest";
import { createTask, deleteTask, moveTask, updateTask } from "@/lib/task/mutations";
import { createTestWorkspace, type TestWorkspace } from "@/lib/test/fixtures";
import { changesSince } from "./activity";

let ws: TestWorkspace;
let other: TestWorkspace;
beforeAll(async () => {
  [ws, other] = await Promise.all([createTestWorkspace(), createTestWorkspace()]);
});

describe("changesSince (what a reconnecting live stream replays)", () => {
  it("lists the workspace's changes after a time, oldest first, with where each card stands now", async () => {
    const first = await createTask(ws.scopes.member, { boardKey: ws.boardKey, title: "Replay me" });
    const gone = await createTask(ws.scopes.member, { boardKey: ws.boardKey, title: "Delete me" });
    const theirs = await createTask(other.scopes.member, { boardKey: other.boardKey, title: "Not theirs to see" });
    // Clear of the creates above by a few milliseconds (the replay starts at `since`'s millisecond).
    await new Promise((resolve) => setTimeout(resolve, 5));
    const since = new Date();
    await new Promise((resolve) => setTimeout(resolve, 5));

    const moved = await moveTask(ws.scopes.member, first.key, { lane: "untriaged", status: "ready", afterId: null });
    const edited = await updateTask(ws.scopes.member, first.key, { title: "Replayed", version: moved.version });
    await deleteTask(ws.scopes.member, gone.key);
    await moveTask(other.scopes.member, theirs.key, { lane: "untriaged", status: "ready", afterId: null });

    const changes = await changesSince(ws.scopes.viewer, since, 10);
    expect(changes.map((c) => [c.taskId, c.type])).toEqual([
      [first.id, "moved"],
      [first.id, "updated"],
      [gone.id, "deleted"],
    ]);
    // Every change names the card as it stands now (the client skips versions it has).
    expect(changes[0]).toMatchObject({ workspaceId: ws.scopes.viewer.workspaceId, version: edited.version });
    expect(changes[0]!.card).toEqual({ number: first.number, lane: "untriaged", status: "ready", position: moved.position, deleted: false });
    expect(changes[2]!.card).toMatchObject({ number: gone.number, deleted: true });
    expect(changes.every((c) => c.at && new Date(c.at) >= since)).toBe(true);
    // A page at a time: the stream treats a full page as a gap.
    expect(await changesSince(ws.scopes.viewer, since, 2)).toHaveLength(2);
    expect(await changesSince(ws.scopes.viewer, new Date(), 10)).toEqual([]);
  });
});
