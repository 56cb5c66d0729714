import type { CommentData } from "../types";

/** Where a published comment points: a file and lines (with the diff side), or a success criterion. */
export function commentTarget(c: Pick<CommentData, "target" | "path" | "line" | "endLine" | "side" | "criterion">): string {
  if (c.target === "criterion") return `Not met: ${c.criterion}`;
  return `${c.path}:${c.line}${c.endLine && c.endLine !== c.line ? `-${c.endLine}` : ""} (${c.side})`;
}

/** A round's published comments, as the agent received them. */
export function CommentList({ comments, label }: { comments: CommentData[]; label: string }) {
  return (
    <ul className="mt-2 space-y-1 text-sm" aria-label={label}>
      {comments.map((c) => (
        <li key={c.id}>
          <span className="font-mono text-xs text-zinc-700 dark:text-zinc-300">{commentTarget(c)}</span> — {c.body}
        </li>
      ))}
    </ul>
  );
}
