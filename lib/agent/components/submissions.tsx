"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Alert, Badge, EmptyState, Skeleton } from "@/components/ui/misc";
import { TabPanel, Tabs } from "@/components/ui/tabs";
import { apiFetch } from "@/lib/http/client";
import { REJECT_REASON_LABEL, VERDICT_LABEL } from "@/lib/review/rules";
import { CommentList } from "@/lib/review/components/comment-list";
import type { AttemptWithReview, ReviewSummary } from "@/lib/review/types";
import { GitHubPostStatus } from "@/lib/github/components/github-post-status";
import { AGENT_KIND_LABEL } from "../schema";
import { ChecksBadge } from "./checks-badge";
import { DiffView } from "./diff-view";

const SOURCE_LABEL = { api: "REST API", mcp: "MCP", github: "GitHub pull request" } as const;

/** The agent's attempts on a task, newest first, with summary, PR, checks and the diff. */
export function Submissions({ workspace, taskKey, version }: { workspace: string; taskKey: string; version: number }) {
  const { data, isPending, isError } = useQuery({
    // Keyed by the task's version, so a new attempt (which bumps it) shows without a reload.
    queryKey: ["submissions", workspace, taskKey, version],
    queryFn: () => apiFetch<{ submissions: AttemptWithReview[] }>(`/api/w/${workspace}/tasks/${taskKey}/submissions`).then((r) => r.submissions),
  });
  const [selected, setSelected] = useState<number | null>(null);
  if (isPending) return <Skeleton className="h-48" />;
  if (isError) return <Alert>Could not load the attempts.</Alert>;
  if (data.length === 0) {
    return (
      <EmptyState title="No attempts yet">
        When the assigned agent hands back its work — through the API, MCP or a pull request that names this task — each attempt appears here.
      </EmptyState>
    );
  }
  const attempts = [...data].reverse();
  const current = attempts.find((s) => s.attempt === selected) ?? attempts[0];
  if (!current) return null;
  return (
    <Tabs
      value={String(current.attempt)}
      onValueChange={(value) => setSelected(Number(value))}
      label="Attempts"
      variant="pill"
      className="space-y-4"
      tabs={attempts.map((s) => ({ value: String(s.attempt), label: `Attempt ${s.attempt}` }))}
    >
      <TabPanel value={String(current.attempt)}>
      <article aria-label={`Attempt ${current.attempt}`} className="space-y-3">
        <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
          {current.agent && (
            <Badge>
              {current.agent.name}
              {current.agent.name !== AGENT_KIND_LABEL[current.agent.kind] && ` · ${AGENT_KIND_LABEL[current.agent.kind]}`}
            </Badge>
          )}
          <span>via {SOURCE_LABEL[current.source]}</span>
          <span>·</span>
          <time dateTime={current.createdAt}>{new Date(current.createdAt).toLocaleString()}</time>
          {current.durationSeconds !== null && <span>· {Math.round(current.durationSeconds / 60)} min</span>}
          {current.costUsd !== null && <span>· ${current.costUsd.toFixed(2)}</span>}
          {current.merged && <Badge className="bg-violet-100 text-violet-900 dark:bg-violet-950 dark:text-violet-200">merged</Badge>}
        </div>
        <p className="text-sm whitespace-pre-wrap">{current.summary}</p>
        {current.review ? <AttemptReview review={current.review} /> : <p className="text-xs text-zinc-600 dark:text-zinc-400">No verdict yet: it waits in the batch-review queue.</p>}
        <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[8rem_1fr]">
          {current.prUrl && (
            <>
              <dt className="text-zinc-600 dark:text-zinc-400">Pull request</dt>
              <dd>
                <a href={current.prUrl} target="_blank" rel="noreferrer noopener" className="text-indigo-700 underline dark:text-indigo-300">
                  {current.prUrl}
                </a>
              </dd>
            </>
          )}
          {current.branch && (
            <>
              <dt className="text-zinc-600 dark:text-zinc-400">Branch</dt>
              <dd className="font-mono text-xs">{current.branch}</dd>
            </>
          )}
          <dt className="text-zinc-600 dark:text-zinc-400">Checks</dt>
          <dd>
            <ChecksBadge status={current.checks.status} />
            {current.checks.url && (
              <a href={current.checks.url} target="_blank" rel="noreferrer noopener" className="ml-2 text-xs text-indigo-700 underline dark:text-indigo-300">
                check run
              </a>
            )}
          </dd>
        </dl>
        {current.checks.log && (
          <details className="rounded-md border border-zinc-200 dark:border-zinc-800">
            <summary className="cursor-pointer px-3 py-1.5 text-xs font-medium">Check log excerpt</summary>
            <pre className="max-h-64 overflow-auto bg-zinc-950 p-3 text-xs text-zinc-100">{current.checks.log}</pre>
          </details>
        )}
        <p className="text-xs text-zinc-600 dark:text-zinc-400">Passing checks are not proof of correctness: read the change.</p>
        {current.diff ? (
          <DiffView diff={current.diff} />
        ) : (
          <Alert tone="info">{current.diffNote ?? "This attempt came without a diff."}</Alert>
        )}
      </article>
      </TabPanel>
    </Tabs>
  );
}

/** The verdict on an attempt and the round's comments, as the agent received them. */
function AttemptReview({ review }: { review: ReviewSummary }) {
  return (
    <section aria-label="Review" className="rounded-md border border-zinc-200 p-3 text-sm dark:border-zinc-800">
      <p className="font-medium">
        {VERDICT_LABEL[review.verdict]}
        {review.reason && ` — ${REJECT_REASON_LABEL[review.reason]}`}
        <span className="font-normal text-zinc-600 dark:text-zinc-400">
          {" "}
          by {review.reviewer?.name ?? review.reviewer?.email ?? "someone"} · <time dateTime={review.createdAt}>{new Date(review.createdAt).toLocaleString()}</time>
        </span>
      </p>
      {review.feedback && <p className="mt-1 whitespace-pre-wrap">{review.feedback}</p>}
      {review.comments.length > 0 && <CommentList comments={review.comments} label="Review comments" />}
      {review.github && <GitHubPostStatus github={review.github} />}
    </section>
  );
}
