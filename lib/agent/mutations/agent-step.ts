import "server-only";
import { AppError } from "@/lib/core/errors";
import { agentStepRefusal, type AgentStep, type AgentStepCheck } from "@/lib/task/lane-rules";

/** The board's rules for agents (lib/task/lane-rules.ts): a refusal is a 409 that says why. */
export function assertAgentStep(check: AgentStepCheck, step: AgentStep) {
  const refusal = agentStepRefusal(check, step);
  if (refusal) throw new AppError("conflict", refusal);
}
