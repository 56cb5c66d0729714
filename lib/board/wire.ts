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
 * One card: id, number, title, lane and status (indexes), position, version, owner (index into
 * `people`, or -1), labels, triage (recommendation index, or -1 if nobody answered), spec score,
 * agent (index into `agents`, or -1), attempts, review loops, lifecycle ([stage index, time or
 * null], or 0), leverage session ([id, paused 0/1, phase index, person index], or 0).
 * Trailing fields at their defaults (CARD_DEFAULTS) are left out: most cards have no agent and
 * no session, and a thousand cards' worth of `-1,null,-1,0,0,0,0` is a tenth of the page.
 */
export type WireCard = [
  id: string,
  number: number,
  title: string,
  lane: number,
  status: number,
  position: string,
  version: number,
  owner?: number,
  labels?: string[] | 0,
  triage?: number,
  specScore?: number | null,
  agent?: number,
  attempts?: number,
  loopCount?: number,
  lifecycle?: [stage: number, at: string | null] | 0,
  session?: [id: string, paused: 0 | 1, phase: number, person: number] | 0,
];

/** What a card's optional fields are when left out, from `owner` (index 7) on. */
const CARD_DEFAULTS = [-1, 0, -1, null, -1, 0, 0, 0, 0] as const;
const FIRST_OPTIONAL = 7;

/** Drops the trailing fields that are at their defaults (in place). */
export function trimCard(card: unknown[]): void {
  while (card.length > FIRST_OPTIONAL && card[card.length - 1] === CARD_DEFAULTS[card.length - 1 - FIRST_OPTIONAL]) card.pop();
}

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
    ([id, number, title, lane, status, position, version, owner = -1, labels = 0, triage = -1, specScore = null, agent = -1, attempts = 0, loopCount = 0, lifecycle = 0, session = 0]): TaskCardData => ({
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
