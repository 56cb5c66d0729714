// The team's decision framework for known vs unknown work, as ten yes/no questions. Pure: the
// UI shows the recommendation live and the data layer applies the same rule to lane changes.

export const TRIAGE_QUESTIONS = [
  { id: "knowWhat", kind: "delegate", text: "I know exactly what needs to be done" },
  { id: "examples", kind: "delegate", text: "I can give clear examples or references" },
  { id: "approachObvious", kind: "delegate", text: "The approach is obvious" },
  { id: "successDefined", kind: "delegate", text: "Success criteria are well defined" },
  { id: "selfContained", kind: "delegate", text: "The task is self-contained" },
  { id: "explore", kind: "leverage", text: "I need to explore approaches" },
  { id: "diagnosis", kind: "leverage", text: "The problem needs diagnosis first" },
  { id: "architecture", kind: "leverage", text: "Architectural decisions are involved" },
  { id: "unclearRequirements", kind: "leverage", text: "Requirements are unclear or evolving" },
  { id: "multipleSubsystems", kind: "leverage", text: "Several subsystems must be coordinated" },
] as const;

export type TriageQuestionId = (typeof TRIAGE_QUESTIONS)[number]["id"];
export type TriageAnswers = Partial<Record<TriageQuestionId, boolean>>;
export type Recommendation = "delegate" | "leverage" | "unclear";

export const RECOMMENDATION_LABEL: Record<Recommendation, string> = {
  delegate: "Delegate",
  leverage: "Leverage",
  unclear: "Not yet clear",
};

const DELEGATE_IDS = TRIAGE_QUESTIONS.filter((q) => q.kind === "delegate").map((q) => q.id);
const LEVERAGE_IDS = TRIAGE_QUESTIONS.filter((q) => q.kind === "leverage").map((q) => q.id);

/**
 * Leverage when any leverage condition holds (unknown work must not be delegated, however well
 * the delegate boxes are ticked); Delegate only when all five delegate conditions hold;
 * otherwise it is not yet clear.
 */
export function recommendLane(answers: TriageAnswers | null | undefined): Recommendation {
  if (!answers) return "unclear";
  if (LEVERAGE_IDS.some((id) => answers[id] === true)) return "leverage";
  if (DELEGATE_IDS.every((id) => answers[id] === true)) return "delegate";
  return "unclear";
}

/** Reads stored JSON defensively: unknown keys and non-boolean values are dropped. */
export function readTriage(value: unknown): TriageAnswers | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const answers: TriageAnswers = {};
  for (const question of TRIAGE_QUESTIONS) {
    const answer = (value as Record<string, unknown>)[question.id];
    if (typeof answer === "boolean") answers[question.id] = answer;
  }
  return answers;
}
