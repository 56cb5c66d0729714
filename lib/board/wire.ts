import { PHASES } from "@/lib/session/rules";
import { LANES, STATUSES } from "@/lib/task/schema";
import type { Recommendation } from "@/lib/task/triage";
import type { TaskCardData, TaskPerson } from "@/lib/task/types";
import type { BoardView } from "./types";

// The board as it travels to the browser (the page's payload and the board JSON): cards as
// positional arrays, and the people and agents they name once per board rather than once per card
// (decision 46). A 1,000-card board is a fifth of its size as objects. Plain functions, used on both
// sides: the server encodes, the browser decodes into the `BoardView` the components use.

// The indexes cards carry (the board read builds them in SQL from these same lists).
export const RECOMMENDATIONS: Recommendation[] = ["delegate", "leverage", "unclear"];
export const STAGES = ["assigned", "working", "submitted", "reviewed"] as const;

/**
 * One card: id, number, title, lane and status (indexes), position, version, labels, triage
 * (recommendation index, or -1 if nobody answered), spec score, agent (index into `agents`, or -1),
 * attempts, review loops, lifecycle ([stage index, time or null], or 0), owner (index into
 * `people`, or -1), leverage session ([id, paused 0/1, phase index, person index], or 0).
 */
export type WireCard = [
  id: string,
  number: number,
  title: string,
  lane: number,
  status: number,
  position: string,
  version: number,
  labels: string[] | 0,
  triage: number,
  specScore: number | null,
  agent: number,
  attempts: number,
  loopCount: number,
  lifecycle: [stage: number, at: string | null] | 0,
  owner: number,
  session: [id: string, paused: 0 | 1, phase: number, person: number] | 0,
];

export interface BoardWire extends Omit<BoardView, "tasks"> {
  cards: WireCard[];
  /** Everyone the cards name who is not a member any more; `people` indexes run over members, then these. */
  formerMembers: TaskPerson[];
}

export function encodeBoard(view: BoardView): BoardWire {
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
  const cards = tasks.map((t): WireCard => [
    t.id,
    t.number,
    t.title,
    LANES.indexOf(t.lane),
    STATUSES.indexOf(t.status),
    t.position,
    t.version,
    t.labels.length > 0 ? t.labels : 0,
    t.triaged ? RECOMMENDATIONS.indexOf(t.recommendation) : -1,
    t.specScore,
    agentIndex(t.agent),
    t.attempts,
    t.loopCount,
    t.lifecycle ? [STAGES.indexOf(t.lifecycle.stage), t.lifecycle.at] : 0,
    t.owner ? personIndex(t.owner) : -1,
    t.session ? [t.session.id, t.session.state === "paused" ? 1 : 0, PHASES.indexOf(t.session.phase), personIndex(t.session.person)] : 0,
  ]);
  return { ...rest, cards, formerMembers };
}

export function decodeBoard(wire: BoardWire): BoardView {
  const { cards, formerMembers, ...rest } = wire;
  const people = [...wire.members, ...formerMembers];
  const key = wire.board.key;
  const tasks = cards.map(
    ([id, number, title, lane, status, position, version, labels, triage, specScore, agent, attempts, loopCount, lifecycle, owner, session]): TaskCardData => ({
      id,
      key: `${key}-${number}`,
      number,
      title,
      lane: LANES[lane]!,
      status: STATUSES[status]!,
      position,
      labels: labels === 0 ? [] : labels,
      version,
      // Unanswered triage recommends nothing yet: "unclear", as recommendLane(null) says.
      recommendation: triage < 0 ? "unclear" : RECOMMENDATIONS[triage]!,
      triaged: triage >= 0,
      specScore,
      agent: agent < 0 ? null : wire.agents[agent]!,
      attempts,
      loopCount,
      lifecycle: lifecycle === 0 ? null : { stage: STAGES[lifecycle[0]]!, at: lifecycle[1] },
      owner: owner < 0 ? null : people[owner]!,
      session: session === 0 ? null : { id: session[0], state: session[1] ? "paused" : "active", phase: PHASES[session[2]]!, person: people[session[3]]! },
    }),
  );
  return { ...rest, tasks };
}
