import type { Breakdown, BreakdownRow } from "../data/loops";
import { DataTable } from "./data-table";
import { pct } from "./table";

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
          <DataTable
            key={by}
            label={TITLES[by][0]}
            caption={TITLES[by][0]}
            rows={rows[by]}
            rowKey={(row) => row.id ?? "none"}
            columns={[
              { header: TITLES[by][1], cell: (row) => row.name },
              { header: "Decided", cell: (row) => row.outcomes },
              { header: "First pass", cell: (row) => pct(row.firstPass, row.outcomes) },
              { header: "Rejected", cell: (row) => pct(row.rejected, row.outcomes) },
              { header: "Mean loops", cell: (row) => row.meanLoops.toFixed(2) },
            ]}
          />
        ))}
      </div>
    </section>
  );
}
