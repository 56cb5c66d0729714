import type { Breakdown, BreakdownRow } from "../data/loops";
import { pct, td, th } from "./table";

const TITLES: Record<Breakdown, [string, string]> = {
  agent: ["By agent", "Agent"],
  author: ["By spec author", "Spec author"],
  board: ["By board", "Board"],
};

/** The loop figures per agent, spec author and board: which agents, and whose specs, do well. */
export function Breakdowns({ rows }: { rows: Record<Breakdown, BreakdownRow[]> }) {
  return (
    <section aria-label="Breakdowns" className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
      <h3 className="text-sm font-semibold">Who and what does well</h3>
      <p className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">The same figures by the agent of the decided attempt, by the spec&apos;s author, and by board.</p>
      <div className="mt-3 grid gap-6 lg:grid-cols-3">
        {(Object.keys(TITLES) as Breakdown[]).map((by) => (
          <table key={by} aria-label={TITLES[by][0]} className="w-full text-sm">
            <caption className="pb-1 text-left text-xs font-semibold">{TITLES[by][0]}</caption>
            <thead>
              <tr>
                <th className={th}>{TITLES[by][1]}</th>
                <th className={th}>Decided</th>
                <th className={th}>First pass</th>
                <th className={th}>Rejected</th>
                <th className={th}>Mean loops</th>
              </tr>
            </thead>
            <tbody>
              {rows[by].map((row) => (
                <tr key={row.id ?? "none"}>
                  <td className="py-1 pr-3 break-words">{row.name}</td>
                  <td className={td}>{row.outcomes}</td>
                  <td className={td}>{pct(row.firstPass, row.outcomes)}</td>
                  <td className={td}>{pct(row.rejected, row.outcomes)}</td>
                  <td className={td}>{row.meanLoops.toFixed(2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
    </section>
  );
}
