import { describe, expect, it } from "vitest";
import type { TaskCardData } from "@/lib/task/types";
import type { BoardView } from "./types";
import { decodeBoard, encodeBoard, type BoardWire } from "./wire";

const ada = { id: "u-ada", name: "Ada", email: "ada@example.com" };
const bob = { id: "u-bob", name: null, email: "bob@example.com" };
/** Owns a card but has left the workspace. */
const former = { id: "u-former", name: "Former", email: "former@example.com" };
const claude = { id: "a-claude", name: "Claude Code", kind: "claude_code" as const };
const retired = { id: "a-retired", name: "Retired bot", kind: "custom" as const };

function card(number: number, overrides: Partial<TaskCardData> = {}): TaskCardData {
  return {
    id: `t-${number}`,
    key: `WEB-${number}`,
    number,
    title: `Task ${number}`,
    lane: "untriaged",
    status: "backlog",
    position: `a${number}`,
    labels: [],
    version: 1,
    recommendation: "unclear",
    triaged: false,
    specScore: null,
    agent: null,
    attempts: 0,
    loopCount: 0,
    lifecycle: null,
    owner: null,
    session: null,
    ...overrides,
  };
}

const view: BoardView = {
  workspace: { slug: "acme", name: "Acme" },
  board: { id: "b-web", key: "WEB", name: "Web" },
  role: "member",
  liveSince: "2026-12-01T09:59:55.000Z",
  viewerId: ada.id,
  specThreshold: 70,
  loopLimit: 2,
  agents: [claude],
  members: [ada, bob],
  labels: ["api", "ui"],
  tasks: [
    card(1),
    card(2, { lane: "delegate", status: "in_review", labels: ["api", "ui"], version: 7, recommendation: "delegate", triaged: true, specScore: 88, agent: claude, attempts: 2, loopCount: 1, lifecycle: { stage: "submitted", at: "2026-12-01T09:00:00.000Z" }, owner: ada }),
    card(3, { lane: "leverage", status: "in_progress", recommendation: "leverage", triaged: true, owner: former, session: { id: "s-1", state: "paused", phase: "design", person: bob } }),
    card(4, { lane: "delegate", status: "ready", recommendation: "unclear", triaged: true, specScore: 0, agent: retired, lifecycle: { stage: "assigned", at: null }, session: { id: "s-2", state: "active", phase: "refinement", person: former } }),
  ],
};

describe("the board's compact form", () => {
  it("decodes to the same view, whoever and whatever its cards name", () => {
    // Through JSON, as it travels.
    const wire = JSON.parse(JSON.stringify(encodeBoard(view))) as BoardWire;
    expect(decodeBoard(wire).tasks).toEqual(view.tasks);
    expect(decodeBoard(wire).members).toEqual(view.members);
    // A person who left is carried once, however many cards name them.
    expect(wire.formerMembers).toEqual([former]);
    expect(wire.cards).toHaveLength(4);
  });

  it("is much smaller than the cards as objects", () => {
    const tasks = Array.from({ length: 500 }, (_, i) => card(i + 1, { owner: i % 2 ? ada : bob, agent: i % 3 ? claude : null, labels: i % 5 ? [] : ["api"] }));
    const big = { ...view, tasks };
    const objects = JSON.stringify(big).length;
    const compact = JSON.stringify(encodeBoard(big)).length;
    expect(compact).toBeLessThan(objects / 2);
    expect(decodeBoard(JSON.parse(JSON.stringify(encodeBoard(big))) as BoardWire).tasks).toEqual(tasks);
  });
});
