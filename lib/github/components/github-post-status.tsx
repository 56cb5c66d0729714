import type { ReviewSummary } from "@/lib/review/types";

/** Where a verdict stands on its pull request: waiting, posted (with a link), or why it was not. */
export function GitHubPostStatus({ github }: { github: NonNullable<ReviewSummary["github"]> }) {
  return (
    <p className="mt-1.5 text-xs text-zinc-700 dark:text-zinc-300" role="status">
      <span className="font-medium">GitHub: </span>
      {github.status === "posted" ? (
        <>
          posted as a review on the pull request
          {github.url && (
            <>
              {" "}
              ·{" "}
              <a href={github.url} className="text-indigo-700 underline dark:text-indigo-300" target="_blank" rel="noreferrer noopener">
                open it
              </a>
            </>
          )}
        </>
      ) : (
        <span className={github.status === "failed" ? "text-red-700 dark:text-red-400" : undefined}>{github.note ?? (github.status === "failed" ? "not posted." : "waiting to post.")}</span>
      )}
    </p>
  );
}
