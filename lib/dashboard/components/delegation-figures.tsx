import { LANE_LABEL } from "@/lib/task/schema";
import type { DelegationMetrics } from "../data/delegation";
import { BarsChart } from "./charts";
import { Card } from "./card";
import { DataTable } from "./data-table";
import { dollars, duration, fixed, pct } from "./table";

const FLAG_LABEL = { over_delegated: "Delegated against the triage", gate_overridden: "Past the spec gate" } as const;

/** Whether delegation pays: the spec lint against loops, cost per agent, the lane mix, overrides. */
export function DelegationFigures({ delegation }: { delegation: DelegationMetrics }) {
  const { specScore, costByAgent, mix, flagged } = delegation;
  const created = mix.reduce((sum, m) => sum + m.tasks, 0);
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card title="Spec score at hand-off against loops" description="Decided tasks by the spec's lint score when the agent took the work: does the lint predict success?">
        {specScore.length > 0 && (
          <BarsChart
            data={specScore.map((s) => ({ label: s.bucket, "First pass": s.firstPass, "After loops": s.afterLoops, Rejected: s.rejected }))}
            series={[
              { key: "First pass", name: "First pass", color: "#10b981", stack: "o" },
              { key: "After loops", name: "After loops", color: "#6366f1", stack: "o" },
              { key: "Rejected", name: "Rejected", color: "#f43f5e", stack: "o" },
            ]}
          />
        )}
        <DataTable
          className="mt-2"
          rows={specScore}
          rowKey={(s) => s.bucket}
          empty="No delegated task was decided in this range."
          columns={[
            { header: "Spec score", cell: (s) => s.bucket },
            { header: "Decided", cell: (s) => s.tasks },
            { header: "First pass", cell: (s) => pct(s.firstPass, s.tasks) },
            { header: "Rejected", cell: (s) => pct(s.rejected, s.tasks) },
            { header: "Mean loops", cell: (s) => fixed(s.meanLoops) },
          ]}
        />
      </Card>
      <Card title="Cost and time per accepted task" description="Every attempt of a task counts, as the agents reported them. By the agent whose attempt was accepted.">
        <DataTable
          rows={costByAgent}
          rowKey={(a) => a.id ?? "none"}
          empty="No delegated task was accepted in this range."
          columns={[
            { header: "Agent", cell: (a) => a.name },
            { header: "Accepted", cell: (a) => a.accepted },
            { header: "Attempts", cell: (a) => fixed(a.meanAttempts, 1) },
            { header: "Cost", cell: (a) => dollars(a.meanCostCents === null ? null : Math.round(a.meanCostCents)), title: (a) => `${a.costReported} of ${a.accepted} reported a cost` },
            { header: "Agent time", cell: (a) => duration(a.meanSeconds), title: (a) => `${a.timeReported} of ${a.accepted} reported their time` },
          ]}
        />
      </Card>
      <Card title="Delegate / leverage mix" description="Tasks created in the range, by the lane they are in now.">
        <DataTable
          rows={created === 0 ? [] : mix}
          rowKey={(m) => m.lane}
          empty="No task was created in this range."
          columns={[
            { header: "Lane", cell: (m) => LANE_LABEL[m.lane] },
            { header: "Tasks", cell: (m) => m.tasks },
            { header: "Share", cell: (m) => pct(m.tasks, created) },
          ]}
        />
      </Card>
      <Card title="Over-delegation and gate overrides" description="Tasks delegated although the triage advised leverage, or let into Ready below the spec threshold, in the range — and what became of them.">
        <DataTable
          rows={flagged}
          rowKey={(f) => f.kind}
          empty="No task was delegated against the triage or past the spec gate in this range."
          columns={[
            { header: "Override", cell: (f) => FLAG_LABEL[f.kind] },
            { header: "Tasks", cell: (f) => f.tasks },
            { header: "First pass", cell: (f) => f.firstPass },
            { header: "After loops", cell: (f) => f.afterLoops },
            { header: "Rejected", cell: (f) => f.rejected },
            { header: "Open", cell: (f) => f.open },
          ]}
        />
      </Card>
    </div>
  );
}
