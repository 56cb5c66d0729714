"use client";

import { useMemo, useState } from "react";
import { Diff, Hunk, parseDiff, type FileData, type HunkTokens } from "react-diff-view";
import "react-diff-view/style/index.css";
import { cn } from "@/components/ui/cn";
import { changedLines, highlight, pathOf } from "@/components/ui/diff-syntax";

/** Files with more changed lines than this start collapsed: a review page should load fast. */
const LARGE_FILE_LINES = 400;

/** A unified diff: a file list with +/− counts, then each file with syntax highlighting. */
export function DiffView({ diff }: { diff: string }) {
  const files = useMemo(() => {
    try {
      return parseDiff(diff, { nearbySequences: "zip" });
    } catch {
      return null;
    }
  }, [diff]);
  if (!files) return <pre className="overflow-x-auto rounded-md bg-zinc-100 p-3 text-xs dark:bg-zinc-900">{diff}</pre>;
  if (files.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">The diff is empty.</p>;
  return (
    <div className="space-y-3">
      <nav aria-label="Changed files" className="rounded-md border border-zinc-200 p-2 text-xs dark:border-zinc-800">
        <p className="mb-1 font-semibold">{files.length} {files.length === 1 ? "file" : "files"} changed</p>
        <ul className="space-y-0.5">
          {files.map((file, index) => {
            const added = file.hunks.reduce((n, h) => n + h.changes.filter((c) => c.type === "insert").length, 0);
            const removed = file.hunks.reduce((n, h) => n + h.changes.filter((c) => c.type === "delete").length, 0);
            return (
              <li key={`${pathOf(file)}-${index}`}>
                <a href={`#diff-file-${index}`} className="font-mono hover:underline">
                  {pathOf(file)}
                </a>{" "}
                <span className="text-emerald-700 dark:text-emerald-400">+{added}</span> <span className="text-red-700 dark:text-red-400">−{removed}</span>
              </li>
            );
          })}
        </ul>
      </nav>
      {files.map((file, index) => (
        <DiffFile key={`${pathOf(file)}-${index}`} file={file} index={index} />
      ))}
    </div>
  );
}

function DiffFile({ file, index }: { file: FileData; index: number }) {
  const large = changedLines(file) > LARGE_FILE_LINES;
  const [open, setOpen] = useState(!large);
  const tokens = useMemo<HunkTokens | undefined>(() => (open ? highlight(file) : undefined), [open, file]);
  return (
    <section id={`diff-file-${index}`} aria-label={pathOf(file)} className="overflow-hidden rounded-md border border-zinc-200 dark:border-zinc-800">
      <header className="flex items-center gap-2 border-b border-zinc-200 bg-zinc-50 px-3 py-1.5 text-xs dark:border-zinc-800 dark:bg-zinc-900">
        <button type="button" onClick={() => setOpen((v) => !v)} aria-expanded={open} className="font-mono font-medium hover:underline">
          {open ? "▾" : "▸"} {file.type === "rename" ? `${file.oldPath} → ${file.newPath}` : pathOf(file)}
        </button>
        <span className="text-zinc-600 dark:text-zinc-400">{file.type === "add" ? "added" : file.type === "delete" ? "deleted" : file.type === "rename" ? "renamed" : "modified"}</span>
        {large && !open && <span className="ml-auto text-zinc-600 dark:text-zinc-400">Large file ({changedLines(file)} changed lines): collapsed</span>}
      </header>
      {open && (
        <div className={cn("diff-baton overflow-x-auto text-xs")}>
          <Diff viewType="unified" diffType={file.type} hunks={file.hunks} tokens={tokens}>
            {(hunks) => hunks.map((hunk) => <Hunk key={hunk.content} hunk={hunk} />)}
          </Diff>
        </div>
      )}
    </section>
  );
}
