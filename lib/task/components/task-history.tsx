"use client";

import { useQuery } from "@tanstack/react-query";
import { Skeleton } from "@/components/ui/misc";
import { apiFetch } from "@/lib/http/client";
import { REJECT_REASON_LABEL, VERDICT_LABEL, type RejectReason, type Verdict } from "@/lib/review/rules";
import { LANE_LABEL, STATUS_LABEL, type Lane, type Status } from "../schema";
import { RECOMMENDATION_LABEL, type Recommendation } from "../triage";
import type { TaskEventData } from "../types";

const EVENT_TEXT: Record<string, string> = {
  created: "created the task",
  updated: "edited",
  moved: "moved it",
  deleted: "deleted it",
  restored: "restored it",
  triaged: "triaged it",
  over_delegated: "delegated it against the triage",
  gate_overridden: "overrode the readiness gate",
  spec_saved: "saved the spec",
  spec_restored: "restored a spec revision",
  assigned: "assigned an agent",
  claimed: "started work",
  submitted: "handed back an attempt",
  reviewed: "reviewed an attempt",
  review_undone: "undid a verdict",
  pr_merged: "merged the pull request",
  pr_closed: "closed the pull request",
};

function describe(event: TaskEventData): string {
  const text = EVENT_TEXT[event.type] ?? event.type;
  const after = (event.after ?? {}) as Record<string, unknown>;
  if (event.type === "updated") return `${text} ${Object.keys(after).join(", ")}`;
  if (event.type === "over_delegated" || event.type === "gate_overridden") return `${text}: “${String(after.reason ?? "")}”`;
  if (event.type === "triaged") return `${text}: ${RECOMMENDATION_LABEL[after.recommendation as Recommendation] ?? "?"}`;
  if (event.type === "spec_saved" || event.type === "spec_restored") return `${text} (revision ${String(after.revision)}, score ${String(after.score)})`;
  if (event.type === "reviewed") {
    const verdict = VERDICT_LABEL[after.verdict as Verdict] ?? String(after.verdict);
    const reason = after.reason ? ` (${REJECT_REASON_LABEL[after.reason as RejectReason] ?? String(after.reason)})` : "";
    return `reviewed attempt ${String(after.attempt)}: ${verdict.toLowerCase()}${reason} · loop ${String(after.loopCount)} of ${String(after.loopLimit)}`;
  }
  if (event.type === "submitted") return `${text} (attempt ${String(after.attempt)})`;
  if (event.type === "moved") {
    const lane = LANE_LABEL[after.lane as Lane] ?? after.lane;
    const status = STATUS_LABEL[after.status as Status] ?? after.status;
    return `${text} to ${lane} · ${status}`;
  }
  return text;
}

/** The task's activity, newest first. */
export function History({ workspace, taskKey, version }: { workspace: string; taskKey: string; version: number }) {
  const { data, isPending, isError } = useQuery({
    queryKey: ["task-events", workspace, taskKey, version],
    queryFn: () => apiFetch<{ events: TaskEventData[] }>(`/api/w/${workspace}/tasks/${taskKey}/events`),
  });
  return (
    <section aria-label="History">
      <h3 className="sr-only">History</h3>
      {isPending ? (
        <div className="mt-2 space-y-2">
          <Skeleton className="h-4 w-2/3" />
          <Skeleton className="h-4 w-1/2" />
        </div>
      ) : isError ? (
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">History is unavailable right now.</p>
      ) : (
        <ol className="mt-2 space-y-1.5">
          {data.events.map((event) => (
            <li key={event.id} className="text-xs text-zinc-600 dark:text-zinc-400">
              <span className="font-medium text-zinc-800 dark:text-zinc-200">{event.actor?.name ?? event.actor?.email ?? "Someone"}</span> {describe(event)} ·{" "}
              <time dateTime={event.createdAt}>{new Date(event.createdAt).toLocaleString()}</time>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

