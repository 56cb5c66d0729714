// The rules of a leverage session (DESIGN.md, Leverage session), shared by the server and the
// session view: the phases in order, the interrupt categories, what the design phase asks for,
// and how time per phase is counted.

export const PHASES = ["discovery", "design", "implementation", "refinement"] as const;
export type Phase = (typeof PHASES)[number];

export const PHASE_LABELS: Record<Phase, string> = {
  discovery: "Discovery",
  design: "Design",
  implementation: "Implementation",
  refinement: "Refinement",
};

export const PHASE_HINTS: Record<Phase, string> = {
  discovery: "Read the code with the AI, and write down what you learn and what surprised you.",
  design: "Consider at least two approaches, weigh them, and choose one.",
  implementation: "Let the AI write the code; interrupt early when it goes wrong, and queue review notes.",
  refinement: "Work through the review notes, then finish with what came of it.",
};

export const INTERRUPT_CATEGORIES = ["wrong_pattern", "wrong_assumption", "missing_edge_case", "performance", "security"] as const;
export type InterruptCategory = (typeof INTERRUPT_CATEGORIES)[number];

export const INTERRUPT_LABELS: Record<InterruptCategory, string> = {
  wrong_pattern: "Wrong pattern",
  wrong_assumption: "Wrong assumption about the data",
  missing_edge_case: "Missing edge case or error handling",
  performance: "Performance anti-pattern",
  security: "Security",
};

/**
 * Two approaches before the design is settled: the first idea is rarely the best, and comparing
 * two makes the trade-off explicit — which is the point of working unknown tasks in a session.
 */
export const MIN_APPROACHES = 2;

export const DESIGN_REASON = `Consider at least ${MIN_APPROACHES} approaches before leaving Design: the first idea is rarely the best, and comparing two makes the trade-off explicit. Add another approach, and mark the one you chose.`;

/** Why the session cannot move from `from` to `to` yet, or null. Going back is always allowed. */
export function phaseChangeRefusal(from: Phase, to: Phase, approaches: readonly { chosen: boolean }[]): string | null {
  if (PHASES.indexOf(to) <= PHASES.indexOf(from)) return null;
  if (PHASES.indexOf(to) > PHASES.indexOf("design")) {
    if (approaches.length < MIN_APPROACHES) return DESIGN_REASON;
    if (!approaches.some((a) => a.chosen)) return "Mark the approach you chose before leaving Design.";
  }
  return null;
}

export interface Span {
  phase: Phase;
  startedAt: Date;
  endedAt: Date | null;
}

/** Milliseconds spent in each phase; a running stretch counts up to `now`. */
export function timePerPhase(spans: readonly Span[], now: Date): Record<Phase, number> {
  const totals: Record<Phase, number> = { discovery: 0, design: 0, implementation: 0, refinement: 0 };
  for (const span of spans) totals[span.phase] += Math.max(0, (span.endedAt ?? now).getTime() - span.startedAt.getTime());
  return totals;
}
