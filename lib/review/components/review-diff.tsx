"use client";

import { memo, useEffect, useMemo, useState, type ReactNode } from "react";
import { Diff, getChangeKey, Hunk, type ChangeData, type FileData, type HunkTokens } from "react-diff-view";
import "react-diff-view/style/index.css";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { changedLines, highlight, pathOf } from "@/components/ui/diff-syntax";
import { Textarea } from "@/components/ui/field";
import { isGenerated } from "../diff-files";
import type { CommentData } from "../types";

/** Files with more changed lines than this start collapsed, as generated files do. */
export const LARGE_FILE_LINES = 400;

export interface LineTarget {
  path: string;
  side: "old" | "new";
  line: number;
}

/** Where a diff line points: inserted and unchanged lines by their new number, deleted ones by the old. */
export function targetOf(path: string, change: ChangeData): LineTarget {
  if (change.type === "delete") return { path, side: "old", line: change.lineNumber };
  if (change.type === "insert") return { path, side: "new", line: change.lineNumber };
  return { path, side: "new", line: change.newLineNumber };
}

export const sameTarget = (a: LineTarget | null, b: LineTarget | null) => a !== null && b !== null && a.path === b.path && a.side === b.side && a.line === b.line;

/** The lines of a file a cursor can stop on: the changed ones. */
export function cursorLines(file: FileData): ChangeData[] {
  return file.hunks.flatMap((hunk) => hunk.changes.filter((change) => change.type !== "normal"));
}

interface FileProps {
  file: FileData;
  index: number;
  viewed: boolean;
  focused: boolean;
  cursor: LineTarget | null;
  composing: LineTarget | null;
  drafts: CommentData[];
  readOnly: boolean;
  onToggleViewed: (path: string, viewed: boolean) => void;
  onPickLine: (target: LineTarget) => void;
  onSaveComment: (target: LineTarget, body: string) => Promise<void>;
  onCancelComment: () => void;
  onDeleteComment: (id: string) => void;
}

/** One file of the attempt: a header with its counts and a Viewed mark, then the highlighted diff. */
export const ReviewDiffFile = memo(function ReviewDiffFile(props: FileProps) {
  const { file, index, viewed, focused, cursor, composing, drafts, readOnly, onToggleViewed, onPickLine, onSaveComment, onCancelComment, onDeleteComment } = props;
  const path = pathOf(file);
  const generated = isGenerated(path);
  const large = changedLines(file) > LARGE_FILE_LINES;
  // Viewed, generated and large files start collapsed; the reviewer can open any of them.
  const [openState, setOpen] = useState<boolean | null>(null);
  const open = openState ?? (!viewed && !generated && !large);
  // Highlighting 2,000 lines takes longer than showing them: the plain diff comes first, the colours
  // when the browser is idle, so the page is readable and usable at once.
  const [tokens, setTokens] = useState<HunkTokens | undefined>(undefined);
  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    const run = () => {
      if (!cancelled) setTokens(highlight(file));
    };
    const idle = typeof window.requestIdleCallback === "function";
    const handle = idle ? window.requestIdleCallback(run, { timeout: 1500 }) : window.setTimeout(run, 30);
    return () => {
      cancelled = true;
      if (idle) window.cancelIdleCallback(handle);
      else window.clearTimeout(handle);
    };
  }, [open, file]);
  const added = file.hunks.reduce((n, h) => n + h.changes.filter((c) => c.type === "insert").length, 0);
  const removed = file.hunks.reduce((n, h) => n + h.changes.filter((c) => c.type === "delete").length, 0);

  const widgets = useMemo(() => {
    const byKey: Record<string, ReactNode> = {};
    const keyFor = (target: { side: "old" | "new" | null; line: number | null }) => {
      for (const hunk of file.hunks) {
        for (const change of hunk.changes) {
          const t = targetOf(path, change);
          if (t.side === target.side && t.line === target.line) return getChangeKey(change);
          if (change.type === "normal" && target.side === "old" && change.oldLineNumber === target.line) return getChangeKey(change);
        }
      }
      return null;
    };
    const grouped = new Map<string, CommentData[]>();
    for (const draft of drafts) {
      const key = keyFor({ side: draft.side, line: draft.endLine ?? draft.line });
      if (key) grouped.set(key, [...(grouped.get(key) ?? []), draft]);
    }
    for (const [key, list] of grouped) byKey[key] = <DraftList drafts={list} onDelete={onDeleteComment} readOnly={readOnly} />;
    if (composing && composing.path === path) {
      const key = keyFor(composing);
      if (key) {
        byKey[key] = (
          <>
            {byKey[key]}
            <CommentForm target={composing} onSave={onSaveComment} onCancel={onCancelComment} />
          </>
        );
      }
    }
    return byKey;
  }, [file.hunks, path, drafts, composing, readOnly, onDeleteComment, onSaveComment, onCancelComment]);

  const selected = useMemo(() => {
    if (!cursor || cursor.path !== path) return [];
    const change = file.hunks.flatMap((hunk) => hunk.changes).find((c) => sameTarget(targetOf(path, c), cursor));
    return change ? [getChangeKey(change)] : [];
  }, [cursor, file.hunks, path]);

  const gutterEvents = useMemo(() => ({ onClick: ({ change }: { change: ChangeData | null }) => change && !readOnly && onPickLine(targetOf(path, change)) }), [onPickLine, path, readOnly]);

  return (
    <section
      id={`review-file-${index}`}
      aria-label={path}
      data-focused={focused || undefined}
      className={cn("overflow-hidden rounded-md border bg-white dark:bg-zinc-900", focused ? "border-indigo-500 ring-1 ring-indigo-500" : "border-zinc-200 dark:border-zinc-800")}
    >
      <header className="sticky top-0 z-10 flex flex-wrap items-center gap-2 border-b border-zinc-200 bg-zinc-50 px-3 py-1.5 text-xs dark:border-zinc-800 dark:bg-zinc-900">
        <button type="button" onClick={() => setOpen(!open)} aria-expanded={open} className="min-w-0 truncate font-mono font-medium hover:underline">
          <span aria-hidden>{open ? "▾" : "▸"} </span>
          {file.type === "rename" ? `${file.oldPath} → ${file.newPath}` : path}
        </button>
        <span className="text-emerald-700 dark:text-emerald-400">+{added}</span>
        <span className="text-red-700 dark:text-red-400">−{removed}</span>
        {generated && <span className="rounded bg-zinc-200 px-1.5 dark:bg-zinc-800">generated</span>}
        {large && !generated && <span className="text-zinc-600 dark:text-zinc-400">large file</span>}
        {!open && (generated || large) && <span className="text-zinc-600 dark:text-zinc-400">collapsed</span>}
        <label className="ml-auto inline-flex items-center gap-1.5 font-medium">
          <input type="checkbox" checked={viewed} disabled={readOnly} onChange={(e) => onToggleViewed(path, e.target.checked)} className="size-3.5 accent-indigo-600" />
          Viewed
        </label>
      </header>
      {open && (
        // Off-screen files skip layout and paint until they scroll into view.
        <div className="diff-baton overflow-x-auto text-xs [contain-intrinsic-size:auto_30rem] [content-visibility:auto]">
          <Diff viewType="unified" diffType={file.type} hunks={file.hunks} tokens={tokens} widgets={widgets} selectedChanges={selected} gutterEvents={gutterEvents}>
            {(hunks) => hunks.map((hunk) => <Hunk key={hunk.content} hunk={hunk} />)}
          </Diff>
        </div>
      )}
    </section>
  );
});

function DraftList({ drafts, onDelete, readOnly }: { drafts: CommentData[]; onDelete: (id: string) => void; readOnly: boolean }) {
  return (
    <ul className="space-y-1 border-y border-amber-200 bg-amber-50 px-3 py-2 font-sans dark:border-amber-900 dark:bg-amber-950/40">
      {drafts.map((draft) => (
        <li key={draft.id} className="flex items-start gap-2 text-sm">
          <span className="rounded bg-amber-200 px-1.5 text-xs font-medium text-amber-950 dark:bg-amber-800 dark:text-amber-50">Draft</span>
          <span className="text-xs text-zinc-600 dark:text-zinc-400">
            {draft.side === "old" ? "old" : "new"} line {draft.line}
            {draft.endLine && draft.endLine !== draft.line ? `–${draft.endLine}` : ""}
          </span>
          <p className="flex-1 whitespace-pre-wrap">{draft.body}</p>
          {!readOnly && (
            <button type="button" onClick={() => onDelete(draft.id)} className="text-xs text-red-700 underline dark:text-red-400" aria-label={`Discard draft: ${draft.body.slice(0, 40)}`}>
              Discard
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

function CommentForm({ target, onSave, onCancel }: { target: LineTarget; onSave: (target: LineTarget, body: string) => Promise<void>; onCancel: () => void }) {
  const [body, setBody] = useState("");
  const [saving, setSaving] = useState(false);
  const label = `Comment on ${target.path} ${target.side} line ${target.line}`;
  async function submit() {
    if (!body.trim()) return;
    setSaving(true);
    try {
      await onSave(target, body.trim());
    } finally {
      setSaving(false);
    }
  }
  return (
    <form
      className="space-y-2 border-y border-indigo-200 bg-indigo-50 px-3 py-2 font-sans dark:border-indigo-900 dark:bg-indigo-950/40"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Textarea
        aria-label={label}
        autoFocus
        rows={3}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape") {
            e.stopPropagation();
            onCancel();
          }
          if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) {
            e.preventDefault();
            void submit();
          }
        }}
        placeholder="What should change here? Held as a draft and sent with your verdict."
        className="font-sans"
      />
      <div className="flex items-center gap-2">
        <Button type="submit" size="sm" variant="primary" disabled={saving || !body.trim()}>
          {saving ? "Saving…" : "Save draft"}
        </Button>
        <Button size="sm" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <span className="text-xs text-zinc-600 dark:text-zinc-400">Ctrl+Enter saves · Esc cancels</span>
      </div>
    </form>
  );
}
