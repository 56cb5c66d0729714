import type { Metadata } from "next";
import { pageScope } from "@/lib/auth/page";
import { listBoards } from "@/lib/board/data";
import { Breakdowns } from "@/lib/dashboard/components/breakdowns";
import { Section } from "@/lib/dashboard/components/card";
import { DashboardFilters } from "@/lib/dashboard/components/dashboard-filters";
import { DelegationFigures } from "@/lib/dashboard/components/delegation-figures";
import { FlowFigures } from "@/lib/dashboard/components/flow-figures";
import { LeverageFigures } from "@/lib/dashboard/components/leverage-figures";
import { LoopFigures } from "@/lib/dashboard/components/loop-figures";
import { dashboardFigures } from "@/lib/dashboard/data/figures";
import { resolveFilter } from "@/lib/dashboard/data/filter";
import { dashboardQuerySchema } from "@/lib/dashboard/schema";

export const metadata: Metadata = { title: "Dashboard" };

type Search = Record<string, string | string[] | undefined>;

export default async function DashboardPage({ params, searchParams }: { params: Promise<{ workspace: string }>; searchParams: Promise<Search> }) {
  const { workspace } = await params;
  const scope = await pageScope(workspace, `/w/${workspace}/dashboard`);
  const search = await searchParams;
  const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  // A malformed filter in the URL falls back to the defaults rather than failing the page.
  const parsed = dashboardQuerySchema.safeParse({ from: one(search.from) || undefined, to: one(search.to) || undefined, board: one(search.board) || undefined, tz: one(search.tz) || undefined });
  const query = parsed.success ? parsed.data : {};
  const [{ filter, range, board }, boards] = await Promise.all([resolveFilter(scope, query, false), listBoards(scope)]);
  const figures = await dashboardFigures(scope, filter);
  return (
    <main className="mx-auto max-w-6xl px-4 py-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-lg font-semibold">Dashboard</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            Is delegation working? {range.from} to {range.to}
            {board ? ` · ${board.key}` : " · all boards"} · weeks start on Monday ({filter.timeZone}).
          </p>
        </div>
        <DashboardFilters from={range.from} to={range.to} board={board?.key ?? ""} boards={boards.map((b) => ({ key: b.key, name: b.name }))} />
      </div>
      <Section title="Review loops" description="How many rounds delegated work takes, and how often the first attempt is accepted.">
        <LoopFigures loops={figures.loops} />
        {figures.loops.outcomes > 0 && (
          <div className="mt-4">
            <Breakdowns rows={figures.breakdowns} />
          </div>
        )}
      </Section>
      <Section title="Delegation" description="Whether the spec lint predicts success, what accepted work costs, and how often the rules were overridden.">
        <DelegationFigures delegation={figures.delegation} />
      </Section>
      <Section title="Flow" description="How long work waits, for reviewers and in each status.">
        <FlowFigures flow={figures.flow} />
      </Section>
      <Section title="Leverage sessions" description="Pairing with an AI on unknown work: phases, interrupts and approaches.">
        <LeverageFigures leverage={figures.leverage} />
      </Section>
    </main>
  );
}
