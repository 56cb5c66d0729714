import { EmptyState } from "@/components/ui/misc";
import { REJECT_REASON_LABEL } from "@/lib/review/rules";
import type { LoopMetrics } from "../data/loops";
import { DistributionChart, WeeklyChart } from "./charts";
import { Card } from "./card";
import { pct, td, th } from "./table";

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
      <dl aria-label="Review loops at a glance" className="grid grid-cols-2 gap-3 md:grid-cols-5">
        {stats.map(([label, value, hint]) => (
          <div key={label} className="rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
            <dt className="text-xs text-zinc-600 dark:text-zinc-400">{label}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
            <dd className="text-xs text-zinc-600 dark:text-zinc-400">{hint}</dd>
          </div>
        ))}
      </dl>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Review loops per delegated task" description="Each task once, at its final verdict.">
          <DistributionChart data={loops.distribution} />
          <table className="mt-2 w-full text-sm">
            <thead>
              <tr>
                <th className={th}>Outcome</th>
                <th className={th}>Tasks</th>
                <th className={th}>Share</th>
              </tr>
            </thead>
            <tbody>
              {loops.distribution.map((d) => (
                <tr key={d.bucket}>
                  <td className="py-1 pr-3">{loopsLabel(d.bucket)}</td>
                  <td className={td}>{d.tasks}</td>
                  <td className={td}>{pct(d.tasks, loops.outcomes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
        <Card title="Weekly trend" description="First-pass acceptance (green, %) and mean loops (indigo), by week.">
          <WeeklyChart data={loops.weekly} />
          <table className="mt-2 w-full text-sm">
            <thead>
              <tr>
                <th className={th}>Week of</th>
                <th className={th}>Decided</th>
                <th className={th}>First pass</th>
                <th className={th}>Rejected</th>
                <th className={th}>Mean loops</th>
              </tr>
            </thead>
            <tbody>
              {loops.weekly.map((w) => (
                <tr key={w.week}>
                  <td className="py-1 pr-3">{w.week}</td>
                  <td className={td}>{w.outcomes}</td>
                  <td className={td}>{pct(w.firstPass, w.outcomes)}</td>
                  <td className={td}>{w.rejected}</td>
                  <td className={td}>{w.meanLoops.toFixed(2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
        <Card title="Why work is rejected" description="Reasons given with each rejection.">
          {loops.reasons.length === 0 ? (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">Nothing was rejected in this range.</p>
          ) : (
            <table className="w-full text-sm">
              <thead>
                <tr>
                  <th className={th}>Reason</th>
                  <th className={th}>Tasks</th>
                  <th className={th}>Share of rejections</th>
                </tr>
              </thead>
              <tbody>
                {loops.reasons.map((r) => (
                  <tr key={r.reason}>
                    <td className="py-1 pr-3">{REJECT_REASON_LABEL[r.reason]}</td>
                    <td className={td}>{r.tasks}</td>
                    <td className={td}>{pct(r.tasks, loops.rejected)}</td>
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
