import "server-only";
import type { WorkspaceScope } from "@/lib/core/scope";
import { delegationMetrics, type DelegationMetrics } from "./delegation";
import type { DashboardFilter } from "./filter";
import { flowMetrics, type FlowMetrics } from "./flow";
import { leverageMetrics, type LeverageMetrics } from "./leverage";
import { loopBreakdown, loopMetrics, type Breakdown, type BreakdownRow, type LoopMetrics } from "./loops";

// Everything the dashboard shows, for the page and for GET /api/v1/metrics.

export interface DashboardFigures {
  loops: LoopMetrics;
  breakdowns: Record<Breakdown, BreakdownRow[]>;
  flow: FlowMetrics;
  delegation: DelegationMetrics;
  leverage: LeverageMetrics;
}

export async function dashboardFigures(scope: WorkspaceScope, filter: DashboardFilter): Promise<DashboardFigures> {
  const [loops, agent, author, board, flow, delegation, leverage] = await Promise.all([
    loopMetrics(scope, filter),
    loopBreakdown(scope, filter, "agent"),
    loopBreakdown(scope, filter, "author"),
    loopBreakdown(scope, filter, "board"),
    flowMetrics(scope, filter),
    delegationMetrics(scope, filter),
    leverageMetrics(scope, filter),
  ]);
  return { loops, breakdowns: { agent, author, board }, flow, delegation, leverage };
}
