import { LANE_LABEL } from "@/lib/task/schema";
import type { DelegationMetrics } from "../data/delegation";
import { BarsChart } from "./charts";
import { Card } from "./card";
import { dollars, duration, fixed, pct, td, th } from "./table";

const FLAG_LABEL = { over_delegated: "Delegated against the triage", gate_overridden: "Past the spec gate" } as const;

/** Whether delegation pays: the spec lint against loops, cost per agent, the lane mix, overrides. */
export function DelegationFigures({ delegation }: { delegation: DelegationMetrics }) {
  const { specScore, costByAgent, mix, flagged } = delegation;
  const created = mix.reduce((sum, m) => sum + m.tasks, 0);
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card title="Spec score at hand-off against loops" description="Decided tasks by the spec's lint score when the agent took the work: does the lint predict success?">
        {specScore.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No delegated task was decided in this range.</p>
        ) : (
          <>
            <BarsChart
              data={specScore.map((s) => ({ label: s.bucket, "First pass": s.firstPass, "After loops": s.afterLoops, Rejected: s.rejected }))}
              series={[
                { key: "First pass", name: "First pass", color: "#10b981", stack: "o" },
                { key: "After loops", name: "After loops", color: "#6366f1", stack: "o" },
                { key: "Rejected", name: "Rejected", color: "#f43f5e", stack: "o" },
              ]}
            />
            <table className="mt-2 w-full text-sm">
              <thead>
                <tr>
                  <th className={th}>Spec score</th>
                  <th className={th}>Decided</th>
                  <th className={th}>First pass</th>
                  <th className={th}>Rejected</th>
                  <th className={th}>Mean loops</th>
                </tr>
              </thead>
              <tbody>
                {specScore.map((s) => (
                  <tr key={s.bucket}>
                    <td className="py-1 pr-3">{s.bucket}</td>
                    <td className={td}>{s.tasks}</td>
                    <td className={td}>{pct(s.firstPass, s.tasks)}</td>
                    <td className={td}>{pct(s.rejected, s.tasks)}</td>
                    <td className={td}>{fixed(s.meanLoops)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Card>
      <Card title="Cost and time per accepted task" description="Every attempt of a task counts, as the agents reported them. By the agent whose attempt was accepted.">
        {costByAgent.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No delegated task was accepted in this range.</p>
        ) : (
          <table className="w-full text-sm">
            <thead>
              <tr>
                <th className={th}>Agent</th>
                <th className={th}>Accepted</th>
                <th className={th}>Attempts</th>
                <th className={th}>Cost</th>
                <th className={th}>Agent time</th>
              </tr>
            </thead>
            <tbody>
              {costByAgent.map((a) => (
                <tr key={a.id ?? "none"}>
                  <td className="py-1 pr-3">{a.name}</td>
                  <td className={td}>{a.accepted}</td>
                  <td className={td}>{fixed(a.meanAttempts, 1)}</td>
                  <td className={td} title={`${a.costReported} of ${a.accepted} reported a cost`}>
                    {dollars(a.meanCostCents === null ? null : Math.round(a.meanCostCents))}
                  </td>
                  <td className={td} title={`${a.timeReported} of ${a.accepted} reported their time`}>
                    {duration(a.meanSeconds)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Card title="Delegate / leverage mix" description="Tasks created in the range, by the lane they are in now.">
        {created === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No task was created in this range.</p>
        ) : (
          <table className="w-full text-sm">
            <thead>
              <tr>
                <th className={th}>Lane</th>
                <th className={th}>Tasks</th>
                <th className={th}>Share</th>
              </tr>
            </thead>
            <tbody>
              {mix.map((m) => (
                <tr key={m.lane}>
                  <td className="py-1 pr-3">{LANE_LABEL[m.lane]}</td>
                  <td className={td}>{m.tasks}</td>
                  <td className={td}>{pct(m.tasks, created)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Card title="Over-delegation and gate overrides" description="Tasks delegated although the triage advised leverage, or let into Ready below the spec threshold, in the range — and what became of them.">
        {flagged.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No task was delegated against the triage or past the spec gate in this range.</p>
        ) : (
          <table className="w-full text-sm">
            <thead>
              <tr>
                <th className={th}>Override</th>
                <th className={th}>Tasks</th>
                <th className={th}>First pass</th>
                <th className={th}>After loops</th>
                <th className={th}>Rejected</th>
                <th className={th}>Open</th>
              </tr>
            </thead>
            <tbody>
              {flagged.map((f) => (
                <tr key={f.kind}>
                  <td className="py-1 pr-3">{FLAG_LABEL[f.kind]}</td>
                  <td className={td}>{f.tasks}</td>
                  <td className={td}>{f.firstPass}</td>
                  <td className={td}>{f.afterLoops}</td>
                  <td className={td}>{f.rejected}</td>
                  <td className={td}>{f.open}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
