"use client";

import { diffLines } from "diff";
import { useMemo } from "react";
import { cn } from "@/components/ui/cn";

/** A readable line diff of two texts: removed lines red, added lines green, unchanged ones dim. */
export function LineDiff({ before, after, beforeLabel, afterLabel, className }: { before: string; after: string; beforeLabel: string; afterLabel: string; className?: string }) {
  const parts = useMemo(() => diffLines(before, after), [before, after]);
  const added = parts.filter((p) => p.added).reduce((n, p) => n + (p.count ?? 0), 0);
  const removed = parts.filter((p) => p.removed).reduce((n, p) => n + (p.count ?? 0), 0);
  return (
    <figure className={cn("overflow-hidden rounded-md border border-zinc-200 dark:border-zinc-800", className)}>
      <figcaption className="flex flex-wrap gap-x-4 border-b border-zinc-200 bg-zinc-50 px-3 py-1.5 text-xs text-zinc-700 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300">
        <span>
          <span className="font-mono text-red-700 dark:text-red-400">−</span> {beforeLabel}
        </span>
        <span>
          <span className="font-mono text-emerald-700 dark:text-emerald-400">+</span> {afterLabel}
        </span>
        <span className="ml-auto">
          {added} added, {removed} removed {added + removed === 1 ? "line" : "lines"}
        </span>
      </figcaption>
      <pre className="max-h-96 overflow-auto bg-white text-xs leading-5 dark:bg-zinc-950">
        {parts.flatMap((part, index) =>
          part.value
            .replace(/\n$/, "")
            .split("\n")
            .map((line, lineIndex) => (
              <div
                key={`${index}-${lineIndex}`}
                className={cn(
                  "px-3 whitespace-pre-wrap",
                  part.added && "bg-emerald-50 text-emerald-900 dark:bg-emerald-950/60 dark:text-emerald-100",
                  part.removed && "bg-red-50 text-red-900 dark:bg-red-950/60 dark:text-red-100",
                  !part.added && !part.removed && "text-zinc-600 dark:text-zinc-400",
                )}
              >
                <span aria-hidden className="mr-2 inline-block w-3 select-none">
                  {part.added ? "+" : part.removed ? "−" : " "}
                </span>
                <span className="sr-only">{part.added ? "Added: " : part.removed ? "Removed: " : ""}</span>
                {line || " "}
              </div>
            )),
        )}
      </pre>
    </figure>
  );
}
