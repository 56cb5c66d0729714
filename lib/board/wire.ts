import { PHASES } from "@/lib/session/rules";
import { LANES, STATUSES } from "@/lib/task/schema";
import type { Recommendation } from "@/lib/task/triage";
import type { TaskCardData, TaskPerson } from "@/lib/task/types";
import type { BoardView } from "./types";

// The board as it travels to the browser (the page's payload and the board JSON): cards as
// positional arrays, and the people and agents they name once per board rather than once per card
// (decision 46). A 1,000-card board is a fifth of its size as objects.
// The server builds it in SQL (getBoardWire); the browser decodes it into the `BoardView` the components use.

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
