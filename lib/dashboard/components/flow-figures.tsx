import { LANE_LABEL, STATUS_LABEL } from "@/lib/task/schema";
import type { FlowMetrics } from "../data/flow";
import type { Spread } from "../data/filter";
import { BarsChart } from "./charts";
import { Card, Stats } from "./card";
import { DataTable, type Column } from "./data-table";
import { duration, fixed } from "./table";

const hours = (seconds: number | null) => (seconds === null ? 0 : Number((seconds / 3600).toFixed(1)));

/** Count, median and p90 columns after the name column. */
function spreadColumns<Row extends Spread>(name: Column<Row>, count: string): Column<Row>[] {
  return [name, { header: count, cell: (r) => r.count }, { header: "Median", cell: (r) => duration(r.median) }, { header: "p90", cell: (r) => duration(r.p90) }];
}

/** How work flows: review latency, time in each status, cycle time per lane, review pace. */
export function FlowFigures({ flow }: { flow: FlowMetrics }) {
  const { reviewLatency: latency, reviewThroughput: pace } = flow;
  return (
    <div className="space-y-4">
      <Stats
        label="Flow at a glance"
        stats={[
          ["Review latency, median", duration(latency.median), `attempt → verdict, ${latency.count} verdicts`],
          ["Review latency, p90", duration(latency.p90), "9 in 10 verdicts came sooner"],
          ["Reviews per hour", fixed(pace.perHour, 1), `${pace.reviews} in ${pace.sessions} review ${pace.sessions === 1 ? "session" : "sessions"}`],
          ["Time reviewing", duration(pace.seconds || null), "spent on attempts in review sessions"],
        ]}
      />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Time in each status" description="Each stretch a task spent in a status and left within the range.">
          {flow.timeInStatus.length > 0 && (
            <BarsChart
              unit=" h"
              data={flow.timeInStatus.map((s) => ({ label: STATUS_LABEL[s.status], Median: hours(s.median), p90: hours(s.p90) }))}
              series={[
                { key: "Median", name: "Median (h)", color: "#6366f1" },
                { key: "p90", name: "p90 (h)", color: "#a5b4fc" },
              ]}
            />
          )}
          <DataTable
            className="mt-2"
            rows={flow.timeInStatus}
            rowKey={(s) => s.status}
            empty="No task changed status in this range."
            columns={spreadColumns<FlowMetrics["timeInStatus"][number]>({ header: "Status", cell: (s) => STATUS_LABEL[s.status] }, "Stretches")}
          />
        </Card>
        <Card title="Cycle time per lane" description="From entering Ready (or later, if it skipped Ready) to Done, for tasks done in the range.">
          <DataTable
            rows={flow.cycleTime}
            rowKey={(c) => c.lane}
            empty="No task reached Done in this range."
            columns={spreadColumns<FlowMetrics["cycleTime"][number]>({ header: "Lane", cell: (c) => LANE_LABEL[c.lane] }, "Tasks done")}
          />
        </Card>
      </div>
    </div>
  );
}
