import { EmptyState } from "@/components/ui/misc";
import { INTERRUPT_LABELS, PHASE_LABELS } from "@/lib/session/rules";
import type { LeverageMetrics } from "../data/leverage";
import { BarsChart } from "./charts";
import { Card, Stats } from "./card";
import { DataTable } from "./data-table";
import { duration, fixed } from "./table";

/** Leverage sessions: where the time goes, why people stop the AI, who pairs how much. */
export function LeverageFigures({ leverage }: { leverage: LeverageMetrics }) {
  if (leverage.sessions === 0) {
    return (
      <EmptyState title="No leverage session started in this range">
        Open a Leverage-lane task and choose Start session: its phases, interrupts and approaches count here.
      </EmptyState>
    );
  }
  return (
    <div className="space-y-4">
      <Stats
        label="Leverage at a glance"
        stats={[
          ["Sessions", String(leverage.sessions), `${leverage.finished} finished`],
          ["Interrupts per session", fixed(leverage.interruptsPerSession, 1), "times the AI was stopped early"],
          ["Approaches per session", fixed(leverage.approachesPerSession, 1), "weighed before choosing"],
          ["AI prompts per session", fixed(leverage.linked.perSession, 1), `${leverage.linked.sessions} linked to a coding assistant`],
        ]}
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title="Time per phase" description="Mean per session; a running session counts up to now.">
          <BarsChart
            unit=" min"
            data={leverage.phases.map((p) => ({ label: PHASE_LABELS[p.phase], Minutes: Math.round(p.perSession / 60) }))}
            series={[{ key: "Minutes", name: "Minutes per session", color: "#6366f1" }]}
          />
          <DataTable
            className="mt-2"
            rows={leverage.phases}
            rowKey={(p) => p.phase}
            columns={[
              { header: "Phase", cell: (p) => PHASE_LABELS[p.phase] },
              { header: "Per session", cell: (p) => duration(p.perSession) },
              { header: "In all", cell: (p) => duration(p.seconds) },
            ]}
          />
        </Card>
        <Card title="Interrupts by category" description="Why people stopped the AI, per session.">
          <DataTable
            rows={leverage.interrupts}
            rowKey={(i) => i.category}
            empty="Nobody interrupted the AI in these sessions."
            columns={[
              { header: "Category", cell: (i) => INTERRUPT_LABELS[i.category] },
              { header: "Interrupts", cell: (i) => i.count },
              { header: "Per session", cell: (i) => fixed(i.perSession) },
            ]}
          />
        </Card>
        <Card title="Sessions per person" description="Who pairs with the AI, for how long.">
          <DataTable
            rows={leverage.people}
            rowKey={(p) => p.id}
            columns={[
              { header: "Person", cell: (p) => p.name },
              { header: "Sessions", cell: (p) => p.sessions },
              { header: "Time", cell: (p) => duration(p.seconds) },
              { header: "Interrupts", cell: (p) => p.interrupts },
            ]}
          />
        </Card>
      </div>
    </div>
  );
}
