import { describe, expect, it } from "vitest";
import type { TaskCardData, TaskPerson } from "@/lib/task/types";
import type { BoardView } from "./types";
import { LANES, STATUSES } from "@/lib/task/schema";
import { PHASES } from "@/lib/session/rules";
import { decodeBoard, RECOMMENDATIONS, STAGES, trimCard, type BoardWire, type WireCard } from "./wire";

/** The format, written the plain way (the server builds it in SQL: getBoardWire, tested against getTask). */
function encodeBoard(view: BoardView): BoardWire {
  const { tasks, ...rest } = view;
  const people = new Map(view.members.map((m, i) => [m.id, i]));
  const formerMembers: TaskPerson[] = [];
  const personIndex = (person: TaskPerson) => {
    let index = people.get(person.id);
    if (index === undefined) {
      index = people.size;
      people.set(person.id, index);
      formerMembers.push(person);
    }
    return index;
  };
  const agents = new Map(view.agents.map((a, i) => [a.id, i]));
  const agentIndex = (agent: TaskCardData["agent"]) => {
    if (!agent) return -1;
    let index = agents.get(agent.id);
    if (index === undefined) {
      index = rest.agents.length;
      rest.agents = [...rest.agents, agent];
      agents.set(agent.id, index);
    }
    return index;
  };
  const cards = tasks.map((t): WireCard => {
    const card: WireCard = [
    t.id,
    t.number,
    t.title,
    LANES.indexOf(t.lane),
    STATUSES.indexOf(t.status),
    t.position,
    t.version,
    t.owner ? personIndex(t.owner) : -1,
    t.labels.length > 0 ? t.labels : 0,
    t.triaged ? RECOMMENDATIONS.indexOf(t.recommendation) : -1,
    t.specScore,
    agentIndex(t.agent),
    t.attempts,
    t.loopCount,
    t.lifecycle ? [STAGES.indexOf(t.lifecycle.stage), t.lifecycle.at] : 0,
    t.session ? [t.session.id, t.session.state === "paused" ? 1 : 0, PHASES.indexOf(t.session.phase), personIndex(t.session.person)] : 0,
    ];
    trimCard(card);
    return card;
  });
  return { ...rest, cards, formerMembers };
}

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
    // Fields at their defaults at the end are left out: a bare card is its first seven; one with
    // only an owner stops there; the first non-default from the end keeps everything before it.
    expect(wire.cards[0]).toEqual(["t-1", 1, "Task 1", 0, 0, "a1", 1]);
    expect(wire.cards[1]).toHaveLength(15);
    expect(wire.cards[3]).toHaveLength(16);
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
