import "server-only";
import type { WorkspaceScope } from "@/lib/core/scope";
import { delegationMetrics, type DelegationMetrics } from "./delegation";
import type { DashboardFilter } from "./filter";
import { flowMetrics, type FlowMetrics } from "./flow";
import { leverageMetrics, type LeverageMetrics } from "./leverage";
import { loopFigures, type Breakdown, type BreakdownRow, type LoopMetrics } from "./loops";

// Everything the dashboard shows, for the page and for GET /api/v1/metrics.

export interface DashboardFigures {
  loops: LoopMetrics;
  breakdowns: Record<Breakdown, BreakdownRow[]>;
  flow: FlowMetrics;
  delegation: DelegationMetrics;
  leverage: LeverageMetrics;
}

export async function dashboardFigures(scope: WorkspaceScope, filter: DashboardFilter): Promise<DashboardFigures> {
  // Five statements side by side on pooled connections: these four, flow in two (decision 44).
  const [{ loops, breakdowns }, flow, delegation, leverage] = await Promise.all([
    loopFigures(scope, filter),
    flowMetrics(scope, filter),
    delegationMetrics(scope, filter),
    leverageMetrics(scope, filter),
  ]);
  return { loops, breakdowns, flow, delegation, leverage };
}
