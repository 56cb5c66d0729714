import { EmptyState } from "@/components/ui/misc";
import { REJECT_REASON_LABEL } from "@/lib/review/rules";
import type { LoopMetrics } from "../data/loops";
import { DistributionChart, WeeklyChart } from "./charts";
import { Card, Stats } from "./card";
import { DataTable } from "./data-table";
import { pct } from "./table";

const loopsLabel = (bucket: string) => (bucket === "rejected" ? "Rejected" : `Accepted after ${bucket} ${bucket === "1" ? "loop" : "loops"}`);

/** Review loops of delegated work: how often the first attempt is accepted, and why work is rejected. */
export function LoopFigures({ loops }: { loops: LoopMetrics }) {
  if (loops.outcomes === 0) {
    return (
      <div>
        <EmptyState title="No delegated task was accepted or rejected in this range">
          Widen the range, or review the agents&apos; attempts on the Review page: each final verdict counts here.
        </EmptyState>
      </div>
    );
  }
  const stats: [string, string, string][] = [
    ["Delegated tasks decided", String(loops.outcomes), "accepted or rejected in the range"],
    ["First-pass acceptance", pct(loops.firstPass, loops.outcomes), `${loops.firstPass} accepted after 0 loops`],
    ["Accepted after loops", pct(loops.afterLoops, loops.outcomes), `${loops.afterLoops} after 1 or more`],
    ["Rejected", pct(loops.rejected, loops.outcomes), `${loops.rejected} rejected`],
    ["Mean loops", (loops.meanLoops ?? 0).toFixed(2), "per decided task"],
  ];
  return (
    <div className="space-y-4">
      <Stats label="Review loops at a glance" stats={stats} columns={5} />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Review loops per delegated task" description="Each task once, at its final verdict.">
          <DistributionChart data={loops.distribution} />
          <DataTable
            className="mt-2"
            rows={loops.distribution}
            rowKey={(d) => d.bucket}
            columns={[
              { header: "Outcome", cell: (d) => loopsLabel(d.bucket) },
              { header: "Tasks", cell: (d) => d.tasks },
              { header: "Share", cell: (d) => pct(d.tasks, loops.outcomes) },
            ]}
          />
        </Card>
        <Card title="Weekly trend" description="First-pass acceptance (green, %) and mean loops (indigo), by week.">
          <WeeklyChart data={loops.weekly} />
          <DataTable
            className="mt-2"
            rows={loops.weekly}
            rowKey={(w) => w.week}
            columns={[
              { header: "Week of", cell: (w) => w.week },
              { header: "Decided", cell: (w) => w.outcomes },
              { header: "First pass", cell: (w) => pct(w.firstPass, w.outcomes) },
              { header: "Rejected", cell: (w) => w.rejected },
              { header: "Mean loops", cell: (w) => w.meanLoops.toFixed(2) },
            ]}
          />
        </Card>
        <Card title="Why work is rejected" description="Reasons given with each rejection.">
          <DataTable
            rows={loops.reasons}
            rowKey={(r) => r.reason}
            empty="Nothing was rejected in this range."
            columns={[
              { header: "Reason", cell: (r) => REJECT_REASON_LABEL[r.reason] },
              { header: "Tasks", cell: (r) => r.tasks },
              { header: "Share of rejections", cell: (r) => pct(r.tasks, loops.rejected) },
            ]}
          />
        </Card>
      </div>
    </div>
  );
}
