import { LANE_LABEL, STATUS_LABEL } from "@/lib/task/schema";
import type { FlowMetrics } from "../data/flow";
import { BarsChart } from "./charts";
import { Card, Stats } from "./card";
import { duration, fixed, td, th } from "./table";

const hours = (seconds: number | null) => (seconds === null ? 0 : Number((seconds / 3600).toFixed(1)));

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
          {flow.timeInStatus.length === 0 ? (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">No task changed status in this range.</p>
          ) : (
            <>
              <BarsChart
                unit=" h"
                data={flow.timeInStatus.map((s) => ({ label: STATUS_LABEL[s.status], Median: hours(s.median), p90: hours(s.p90) }))}
                series={[
                  { key: "Median", name: "Median (h)", color: "#6366f1" },
                  { key: "p90", name: "p90 (h)", color: "#a5b4fc" },
                ]}
              />
              <table className="mt-2 w-full text-sm">
                <thead>
                  <tr>
                    <th className={th}>Status</th>
                    <th className={th}>Stretches</th>
                    <th className={th}>Median</th>
                    <th className={th}>p90</th>
                  </tr>
                </thead>
                <tbody>
                  {flow.timeInStatus.map((s) => (
                    <tr key={s.status}>
                      <td className="py-1 pr-3">{STATUS_LABEL[s.status]}</td>
                      <td className={td}>{s.count}</td>
                      <td className={td}>{duration(s.median)}</td>
                      <td className={td}>{duration(s.p90)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </Card>
        <Card title="Cycle time per lane" description="From entering Ready (or later, if it skipped Ready) to Done, for tasks done in the range.">
          {flow.cycleTime.length === 0 ? (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">No task reached Done in this range.</p>
          ) : (
            <table className="w-full text-sm">
              <thead>
                <tr>
                  <th className={th}>Lane</th>
                  <th className={th}>Tasks done</th>
                  <th className={th}>Median</th>
                  <th className={th}>p90</th>
                </tr>
              </thead>
              <tbody>
                {flow.cycleTime.map((c) => (
                  <tr key={c.lane}>
                    <td className="py-1 pr-3">{LANE_LABEL[c.lane]}</td>
                    <td className={td}>{c.count}</td>
                    <td className={td}>{duration(c.median)}</td>
                    <td className={td}>{duration(c.p90)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
      </div>
    </div>
  );
}
