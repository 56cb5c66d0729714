import { EmptyState } from "@/components/ui/misc";
import { INTERRUPT_LABELS, PHASE_LABELS } from "@/lib/session/rules";
import type { LeverageMetrics } from "../data/leverage";
import { BarsChart } from "./charts";
import { Card, Stats } from "./card";
import { duration, fixed, td, th } from "./table";

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
          <table className="mt-2 w-full text-sm">
            <thead>
              <tr>
                <th className={th}>Phase</th>
                <th className={th}>Per session</th>
                <th className={th}>In all</th>
              </tr>
            </thead>
            <tbody>
              {leverage.phases.map((p) => (
                <tr key={p.phase}>
                  <td className="py-1 pr-3">{PHASE_LABELS[p.phase]}</td>
                  <td className={td}>{duration(p.perSession)}</td>
                  <td className={td}>{duration(p.seconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
        <Card title="Interrupts by category" description="Why people stopped the AI, per session.">
          {leverage.interrupts.length === 0 ? (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">Nobody interrupted the AI in these sessions.</p>
          ) : (
            <table className="w-full text-sm">
              <thead>
                <tr>
                  <th className={th}>Category</th>
                  <th className={th}>Interrupts</th>
                  <th className={th}>Per session</th>
                </tr>
              </thead>
              <tbody>
                {leverage.interrupts.map((i) => (
                  <tr key={i.category}>
                    <td className="py-1 pr-3">{INTERRUPT_LABELS[i.category]}</td>
                    <td className={td}>{i.count}</td>
                    <td className={td}>{fixed(i.perSession)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
        <Card title="Sessions per person" description="Who pairs with the AI, for how long.">
          <table className="w-full text-sm">
            <thead>
              <tr>
                <th className={th}>Person</th>
                <th className={th}>Sessions</th>
                <th className={th}>Time</th>
                <th className={th}>Interrupts</th>
              </tr>
            </thead>
            <tbody>
              {leverage.people.map((p) => (
                <tr key={p.id}>
                  <td className="py-1 pr-3 break-words">{p.name}</td>
                  <td className={td}>{p.sessions}</td>
                  <td className={td}>{duration(p.seconds)}</td>
                  <td className={td}>{p.interrupts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      </div>
    </div>
  );
}
