"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Badge, Skeleton } from "@/components/ui/misc";
import { pct, td, th } from "@/lib/dashboard/components/table";
import { apiFetch } from "@/lib/http/client";
import { describeSimilar, type AgentRecords } from "../record";
import { AGENT_KIND_LABEL } from "../schema";

interface Props {
  workspace: string;
  taskKey: string;
  /** The task's labels: similar work depends on them, so a change refetches. */
  labels: string[];
  hasAgents: boolean;
}

const dollars = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

/** Beside the Agent picker: how each agent did on similar tasks, so the task goes to one that does this kind of work well. */
export function AgentRecordTable({ workspace, taskKey, labels, hasAgents }: Props) {
  const headingId = useId();
  const explanationId = useId();
  const query = useQuery({
    queryKey: ["agent-record", workspace, taskKey, labels],
    queryFn: () => apiFetch<{ record: AgentRecords }>(`/api/w/${workspace}/tasks/${taskKey}/agent-record`),
    enabled: hasAgents,
    // Verdicts elsewhere and a spec started from a template change it too: refetch whenever it is shown.
    staleTime: 0,
  });
  if (!hasAgents) return null;

  const shell = (children: ReactNode, busy = false) => (
    <section aria-labelledby={headingId} aria-busy={busy || undefined} className="max-w-3xl rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
      <h3 id={headingId} className="text-sm font-semibold">
        Record on similar work
      </h3>
      {children}
    </section>
  );
  const note = (text: string, id?: string) => (
    <p id={id} className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">
      {text}
    </p>
  );

  if (query.isError) {
    return shell(
      <div className="mt-1 flex items-center gap-3">
        {note("Could not load the agents' records.")}
        <Button size="sm" variant="ghost" onClick={() => void query.refetch()}>
          Try again
        </Button>
      </div>,
    );
  }
  if (!query.data) {
    return shell(
      <div className="mt-2 space-y-2">
        <Skeleton className="h-3 w-2/3" />
        <Skeleton className="h-5" />
        <Skeleton className="h-5" />
      </div>,
      true,
    );
  }
  const { similar, decided, agents } = query.data.record;
  if (!similar) return shell(note("Add labels or start the spec from a template to see agents' records on similar work."));
  if (decided === 0) return shell(note(`${describeSimilar(similar)} No similar task has been decided yet.`));
  return shell(
    <>
      {note(`${describeSimilar(similar)} Each counts once, at its last accept or reject, for the agent of that attempt.`, explanationId)}
      <div className="mt-2 overflow-x-auto">
        <table aria-labelledby={headingId} aria-describedby={explanationId} className="w-full text-sm">
          <thead>
            <tr>
              <th scope="col" className={th}>
                Agent
              </th>
              <th scope="col" className={th}>
                Decided
              </th>
              <th scope="col" className={th}>
                First pass
              </th>
              <th scope="col" className={th}>
                Mean loops
              </th>
              <th scope="col" className={th}>
                Cost per accepted task
              </th>
            </tr>
          </thead>
          <tbody>
            {agents.map((a) => (
              <tr key={a.id} className="border-t border-zinc-100 dark:border-zinc-800">
                <th scope="row" className="py-1 pr-3 text-left font-normal break-words">
                  <span className="font-medium">{a.name}</span> <span className="text-xs text-zinc-600 dark:text-zinc-400">{AGENT_KIND_LABEL[a.kind]}</span>
                  {a.best && <Badge className="ml-2 bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">Best record</Badge>}
                </th>
                <td className={td}>{a.outcomes}</td>
                <td className={td}>{a.outcomes === 0 ? "–" : `${a.firstPass} of ${a.outcomes} · ${pct(a.firstPass, a.outcomes)}`}</td>
                <td className={td}>{a.meanLoops === null ? "–" : a.meanLoops.toFixed(2)}</td>
                <td className={td}>{a.acceptedCostCents === null ? "–" : dollars.format(a.acceptedCostCents / 100)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>,
  );
}
