"use client";

import { cn } from "@/components/ui/cn";
import { Markdown } from "@/components/ui/markdown";
import { Badge } from "@/components/ui/misc";
import { LocalTime } from "@/components/ui/local-time";
import { ChecksBadge } from "@/lib/agent/components/checks-badge";
import { AGENT_KIND_LABEL } from "@/lib/agent/schema";
import type { InterdiffFile } from "../diff-files";
import { loopUsage, REJECT_REASON_LABEL, VERDICT_LABEL } from "../rules";
import type { AttemptView, ReviewSummary } from "../types";
import { GitHubPostStatus } from "@/lib/github/components/github-post-status";
import { CommentList } from "./comment-list";


/** The attempt's header: task, attempt and loop, agent, checks, pull request, cost and time, who else is here. */
export function AttemptHeader({ view }: { view: AttemptView }) {
  const { submission, task } = view;
  const loops = loopUsage(task.loopCount, task.loopLimit);
  return (
    <header className="space-y-2">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h2 className="text-lg font-semibold">
          <span className="font-mono text-sm text-zinc-600 dark:text-zinc-400">{task.key}</span> {task.title}
        </h2>
      </div>
      <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-700 dark:text-zinc-300">
        <Badge className="bg-indigo-100 text-indigo-900 dark:bg-indigo-950 dark:text-indigo-100">Attempt {submission.attempt}</Badge>
        <Badge className={loops.exhausted ? "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-100" : undefined}>
          Loop {loops.used} of {loops.limit}
        </Badge>
        {submission.agent && (
          <span>
            {submission.agent.name}
            {submission.agent.name !== AGENT_KIND_LABEL[submission.agent.kind] && ` · ${AGENT_KIND_LABEL[submission.agent.kind]}`}
          </span>
        )}
        <ChecksBadge status={submission.checks.status} />
        {submission.checks.url && (
          <a href={submission.checks.url} target="_blank" rel="noreferrer noopener" className="text-indigo-700 underline dark:text-indigo-300">
            check run
          </a>
        )}
        {submission.prUrl && (
          <a href={submission.prUrl} target="_blank" rel="noreferrer noopener" className="text-indigo-700 underline dark:text-indigo-300">
            Pull request{submission.prNumber ? ` #${submission.prNumber}` : ""}
          </a>
        )}
        {submission.costUsd !== null && <span>${submission.costUsd.toFixed(2)}</span>}
        {submission.durationSeconds !== null && <span>{Math.max(1, Math.round(submission.durationSeconds / 60))} min</span>}
        <LocalTime iso={submission.createdAt} />
      </div>
      {view.othersReviewing.length > 0 && (
        <p role="status" className="text-xs text-amber-800 dark:text-amber-300">
          Also reviewing this attempt now: {view.othersReviewing.map((p) => p.name ?? p.email).join(", ")}
        </p>
      )}
    </header>
  );
}

export function AgentSummary({ view }: { view: AttemptView }) {
  const { submission } = view;
  return (
    <section aria-labelledby="summary-heading" className="space-y-2">
      <h3 id="summary-heading" className="text-sm font-semibold">
        The agent&apos;s summary
      </h3>
      <Markdown>{submission.summary}</Markdown>
      {submission.checks.log && (
        <details className="rounded-md border border-zinc-200 dark:border-zinc-800">
          <summary className="cursor-pointer px-3 py-1.5 text-xs font-medium">Check log excerpt</summary>
          <pre className="max-h-64 overflow-auto bg-zinc-950 p-3 text-xs text-zinc-100">{submission.checks.log}</pre>
        </details>
      )}
    </section>
  );
}

/** What the previous round said: its verdict, summary and inline comments. */
export function PreviousRound({ attempt, review }: { attempt: number; review: ReviewSummary | null }) {
  return (
    <section aria-labelledby="previous-heading" className="rounded-lg border border-amber-200 bg-amber-50 p-3 dark:border-amber-900 dark:bg-amber-950/30">
      <h3 id="previous-heading" className="text-sm font-semibold">
        Feedback on attempt {attempt}
      </h3>
      {!review ? (
        <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">Attempt {attempt} was replaced before it got a verdict.</p>
      ) : (
        <>
          <p className="mt-1 text-xs text-zinc-700 dark:text-zinc-300">
            {VERDICT_LABEL[review.verdict]}
            {review.reason && ` (${REJECT_REASON_LABEL[review.reason]})`} by {review.reviewer?.name ?? review.reviewer?.email ?? "someone"} ·{" "}
            <LocalTime iso={review.createdAt} />
          </p>
          {review.feedback && (
            <div className="mt-1.5">
              <Markdown>{review.feedback}</Markdown>
            </div>
          )}
          {review.comments.length > 0 && <CommentList comments={review.comments} label={`Comments on attempt ${attempt}`} />}
          {review.github && <GitHubPostStatus github={review.github} />}
        </>
      )}
    </section>
  );
}

const INTERDIFF_STATUS = { new: "new in this attempt", reverted: "no longer changed", changed: "changed", unchanged: "unchanged" } as const;

/** "Changes since attempt N−1": the diff between the two attempts' diffs, file by file. */
export function ChangesSince({ attempt, files }: { attempt: number; files: InterdiffFile[] }) {
  const moved = files.filter((f) => f.status !== "unchanged");
  return (
    <section aria-labelledby="since-heading" className="rounded-lg border border-indigo-200 bg-white dark:border-indigo-900 dark:bg-zinc-900">
      <h3 id="since-heading" className="border-b border-indigo-200 px-3 py-2 text-sm font-semibold dark:border-indigo-900">
        Changes since attempt {attempt}
        <span className="ml-2 text-xs font-normal text-zinc-600 dark:text-zinc-400">
          {moved.length === 0 ? "the diff is the same as before" : `${moved.length} of ${files.length} ${files.length === 1 ? "file" : "files"} moved`}
        </span>
      </h3>
      <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {files.map((file) => (
          <li key={file.path} className="px-3 py-2">
            <p className="text-xs">
              <span className="font-mono font-medium">{file.path}</span> <span className="text-zinc-600 dark:text-zinc-400">— {INTERDIFF_STATUS[file.status]}</span>
            </p>
            {file.lines.length > 0 && (
              <pre className="mt-1 max-h-72 overflow-auto rounded bg-zinc-50 p-2 text-xs leading-5 dark:bg-zinc-950">
                {file.lines.map((line, i) =>
                  line.kind === "skip" ? (
                    <div key={i} className="text-zinc-500 italic">
                      … {line.count} unchanged {line.count === 1 ? "line" : "lines"}
                    </div>
                  ) : (
                    <div
                      key={i}
                      className={cn(
                        line.kind === "added" && "bg-emerald-100 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-100",
                        line.kind === "removed" && "bg-red-100 text-red-950 line-through decoration-red-400/60 dark:bg-red-950 dark:text-red-100",
                      )}
                    >
                      <span className="sr-only">{line.kind === "added" ? "now: " : line.kind === "removed" ? "before: " : ""}</span>
                      {line.text || " "}
                    </div>
                  ),
                )}
              </pre>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
