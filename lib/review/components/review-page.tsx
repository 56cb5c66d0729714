"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useHotkeys } from "react-hotkeys-hook";
import { parseDiff, type FileData } from "react-diff-view";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { pathOf } from "@/components/ui/diff-syntax";
import { Alert, EmptyState, Skeleton } from "@/components/ui/misc";
import { ApiError, apiFetch } from "@/lib/http/client";
import { CHECKLIST, CHECKLIST_IDS, VERDICT_LABEL, type ChecklistItem, type RejectReason } from "../rules";
import type { QueueFilter, VerdictInput } from "../schema";
import type { AttemptView, QueueView, SessionSummary } from "../types";
import { AgentSummary, AttemptHeader, ChangesSince, PreviousRound } from "./attempt-view";
import { bulkEligible, QueueList } from "./queue-list";
import { cursorLines, ReviewDiffFile, targetOf, type LineTarget } from "./review-diff";
import { SpecPane } from "./spec-pane";
import { attemptKey, fetchAttempt, queryString, useAttempt, useAttemptWrites, useQueue, useReviewSession, useUndoVerdict, useVerdict } from "./use-review";
import { VerdictPanel, type VerdictDialog } from "./verdict-panel";

interface Props {
  workspace: string;
  initialQueue: QueueView;
  initialFilter: QueueFilter;
  initialAttempt: string | null;
  /** The first attempt, rendered with the page. */
  initialAttemptView: AttemptView | null;
  canReview: boolean;
}

export const SHORTCUTS: [string, string][] = [
  ["j / k", "Next / previous attempt"],
  ["n / p", "Next / previous file"],
  ["↓ / ↑", "Next / previous changed line in the file"],
  ["v", "Mark the file viewed (or not)"],
  ["c", "Comment on the focused line"],
  ["a", "Accept (needs the whole checklist)"],
  ["r", "Request changes"],
  ["x", "Reject — handle manually"],
  ["?", "Show these keys"],
];

/** The batch-review page: one session, the queue, and one attempt at a time. */
export function ReviewPage({ workspace, initialQueue, initialFilter, initialAttempt, initialAttemptView, canReview }: Props) {
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<QueueFilter>(initialFilter);
  const queue = useQueue(workspace, filter, filter === initialFilter ? initialQueue : undefined);
  const items = useMemo(() => queue.data?.items ?? [], [queue.data]);
  const [chosenId, setCurrentId] = useState<string | null>(initialAttempt ?? initialQueue.items[0]?.submissionId ?? null);
  // Until the reviewer picks one, the oldest attempt is open.
  const currentId = chosenId ?? items[0]?.submissionId ?? null;
  const { session, refresh: refreshSession, end } = useReviewSession(workspace, canReview, currentId);
  const attempt = useAttempt(workspace, currentId, initialAttemptView);
  const [selected, setSelected] = useState<string[]>([]);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [bulkOpen, setBulkOpen] = useState(false);

  // The open attempt and the filters are view state: kept in the URL without asking the server.
  useEffect(() => {
    const params = new URLSearchParams(queryString(filter));
    if (currentId) params.set("attempt", currentId);
    const search = params.toString();
    window.history.replaceState(null, "", `${window.location.pathname}${search ? `?${search}` : ""}`);
  }, [filter, currentId]);

  // Keep a current attempt while the queue has any; prefetch the next one so "j" is instant.
  const index = items.findIndex((i) => i.submissionId === currentId);
  const nextItem = index >= 0 ? items[index + 1] : undefined;
  useEffect(() => {
    if (nextItem) void queryClient.prefetchQuery({ queryKey: attemptKey(workspace, nextItem.submissionId), queryFn: () => fetchAttempt(workspace, nextItem.submissionId), staleTime: 10_000 });
  }, [nextItem, queryClient, workspace]);

  const go = useCallback(
    (delta: number) => {
      if (items.length === 0) return;
      const from = index < 0 ? (delta > 0 ? -1 : items.length) : index;
      const target = items[Math.min(items.length - 1, Math.max(0, from + delta))];
      if (target) setCurrentId(target.submissionId);
    },
    [items, index],
  );

  /** After a verdict: the attempt leaves the queue and the next one (or the previous last) opens. */
  const advanceFrom = useCallback(
    (id: string) => {
      const at = items.findIndex((i) => i.submissionId === id);
      const rest = items.filter((i) => i.submissionId !== id);
      setCurrentId(rest[Math.min(Math.max(at, 0), rest.length - 1)]?.submissionId ?? null);
      setSelected((s) => s.filter((x) => x !== id));
    },
    [items],
  );

  const reviewed = session?.reviewed ?? 0;
  const total = reviewed + items.length;
  const done = items.length === 0 && (reviewed > 0 || session?.endedAt);

  return (
    <main aria-labelledby="review-heading" className="mx-auto flex max-w-[110rem] flex-col gap-4 px-4 py-5">
      <header className="flex flex-wrap items-center gap-x-6 gap-y-2">
        <h1 id="review-heading" className="text-xl font-semibold">
          Batch review
        </h1>
        {canReview && session && <SessionProgress session={session} reviewed={reviewed} total={total} />}
        <div className="ml-auto flex items-center gap-2">
          {canReview && selected.length > 0 && (
            <Button variant="primary" size="sm" onClick={() => setBulkOpen(true)}>
              Accept selected ({selected.length})
            </Button>
          )}
          <Button size="sm" variant="ghost" onClick={() => setShortcutsOpen(true)} aria-keyshortcuts="?">
            Keyboard shortcuts <kbd className="text-xs opacity-70">?</kbd>
          </Button>
          {canReview && session && !session.endedAt && (
            <Button size="sm" onClick={() => void end()}>
              End session
            </Button>
          )}
        </div>
      </header>
      {!canReview && <Alert tone="info">Viewers can look at the queue but not review. Ask an admin for the member role to give verdicts.</Alert>}

      {items.length === 0 && !queue.isFetching ? (
        <>
        <EmptyState title="Nothing waits for review" action={<Link className="text-sm font-medium text-indigo-700 underline dark:text-indigo-300" href={`/w/${workspace}`}>Go to the boards</Link>}>
          {filter.board || filter.agent || filter.author
            ? "No attempt matches these filters. Clear them to see the whole queue."
            : "When agents hand back work on delegated tasks, their attempts line up here, oldest first."}
        </EmptyState>
        {done && session && <SessionDone session={session} workspace={workspace} remaining={items.length} />}
        </>
      ) : (
        <div className="grid gap-4 lg:grid-cols-[17rem_minmax(0,1fr)]">
          <aside className="lg:sticky lg:top-16 lg:max-h-[calc(100vh-5rem)] lg:self-start">
            {queue.data && (
              <QueueList queue={queue.data} filter={filter} onFilter={setFilter} currentId={currentId} onOpen={setCurrentId} selected={selected} onSelect={setSelected} canReview={canReview} />
            )}
          </aside>
          {attempt.isError ? (
            <Alert>
              {attempt.error instanceof ApiError && attempt.error.status === 404 ? "This attempt is gone: its task was deleted or moved away." : "Could not load this attempt. Try again in a moment."}
            </Alert>
          ) : !attempt.data ? (
            <div className="space-y-3" aria-busy="true" aria-label="Loading the attempt">
              <Skeleton className="h-10 w-2/3" />
              <Skeleton className="h-64" />
              <Skeleton className="h-96" />
            </div>
          ) : (
            <AttemptReview
              key={attempt.data.submission.id}
              workspace={workspace}
              view={attempt.data}
              canReview={canReview}
              sessionId={session?.endedAt ? undefined : session?.id}
              hotkeysEnabled={!shortcutsOpen && !bulkOpen}
              onNavigate={go}
              onReviewed={(id) => {
                advanceFrom(id);
                refreshSession();
              }}
              onUndone={(id) => {
                setCurrentId(id);
                refreshSession();
              }}
            />
          )}
        </div>
      )}
      <Dialog open={shortcutsOpen} onOpenChange={setShortcutsOpen} title="Keyboard shortcuts" description="Keys work anywhere on the page except in text fields.">
        <dl className="grid grid-cols-[6rem_1fr] gap-x-4 gap-y-1.5 text-sm">
          {SHORTCUTS.map(([keys, what]) => (
            <div key={keys} className="contents">
              <dt>
                <kbd className="rounded border border-zinc-300 px-1.5 font-mono text-xs dark:border-zinc-700">{keys}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
      </Dialog>
      {bulkOpen && (
        <BulkAcceptDialog
          workspace={workspace}
          ids={selected.filter((id) => items.some((i) => i.submissionId === id && bulkEligible(i)))}
          sessionId={session?.id}
          onClose={() => setBulkOpen(false)}
          onDone={(accepted) => {
            setBulkOpen(false);
            setSelected([]);
            if (accepted.includes(currentId ?? "")) setCurrentId(items.find((i) => !accepted.includes(i.submissionId))?.submissionId ?? null);
            refreshSession();
          }}
        />
      )}
      <KeyHelp enabled={!shortcutsOpen} onOpen={() => setShortcutsOpen(true)} />
    </main>
  );
}

function KeyHelp({ enabled, onOpen }: { enabled: boolean; onOpen: () => void }) {
  useHotkeys("?", onOpen, { useKey: true, enabled, preventDefault: true });
  return null;
}

function SessionProgress({ session, reviewed, total }: { session: SessionSummary; reviewed: number; total: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.max(0, Math.floor(((session.endedAt ? new Date(session.endedAt).getTime() : now) - new Date(session.startedAt).getTime()) / 1000));
  const clock = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
  const text = `${reviewed} of ${total} reviewed`;
  return (
    <div className="flex items-center gap-3 text-sm">
      <div
        role="progressbar"
        aria-label="Review session"
        aria-valuemin={0}
        aria-valuemax={Math.max(total, 1)}
        aria-valuenow={reviewed}
        aria-valuetext={text}
        className="h-2 w-40 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
      >
        <div className="h-full bg-indigo-600 transition-[width] dark:bg-indigo-400" style={{ width: `${total ? (reviewed / total) * 100 : 0}%` }} />
      </div>
      <span>{text}</span>
      <span className="inline-flex items-center gap-1 text-zinc-600 tabular-nums dark:text-zinc-400" aria-label={`Time in this session: ${clock}`}>
        <svg viewBox="0 0 20 20" className="size-4" aria-hidden fill="none" stroke="currentColor" strokeWidth="1.6">
          <circle cx="10" cy="11" r="6.5" />
          <path d="M10 7.5V11l2.5 1.5M8 2.5h4" strokeLinecap="round" />
        </svg>
        {clock}
      </span>
    </div>
  );
}

function SessionDone({ session, workspace, remaining }: { session: SessionSummary; workspace: string; remaining: number }) {
  const rows: [string, string | number][] = [
    ["Accepted", session.accepted],
    ["Changes requested", session.changesRequested],
    ["Rejected", session.rejected],
    ["Median time per review", session.medianSeconds === null ? "—" : `${session.medianSeconds} s`],
  ];
  return (
    <section aria-labelledby="summary-title" className="mx-auto w-full max-w-lg rounded-lg border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-900">
      <h2 id="summary-title" className="text-base font-semibold">
        {remaining === 0 ? "Queue cleared" : "Session ended"} — {session.reviewed} reviewed
      </h2>
      <dl className="mt-4 grid grid-cols-2 gap-y-2 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-zinc-600 dark:text-zinc-400">{label}</dt>
            <dd className="text-right font-medium tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-4 text-sm">
        <Link href={`/w/${workspace}`} className="font-medium text-indigo-700 underline dark:text-indigo-300">
          Back to the boards
        </Link>
      </p>
    </section>
  );
}

interface AttemptReviewProps {
  workspace: string;
  view: AttemptView;
  canReview: boolean;
  sessionId: string | undefined;
  hotkeysEnabled: boolean;
  onNavigate: (delta: number) => void;
  onReviewed: (submissionId: string) => void;
  onUndone: (submissionId: string) => void;
}

/** One attempt, keyboard first: the spec beside the diff, the previous round, and the verdict. */
function AttemptReview({ workspace, view, canReview, sessionId, hotkeysEnabled, onNavigate, onReviewed, onUndone }: AttemptReviewProps) {
  const submissionId = view.submission.id;
  const files = useMemo<FileData[]>(() => {
    try {
      return parseDiff(view.submission.diff, { nearbySequences: "zip" });
    } catch {
      return [];
    }
  }, [view.submission.diff]);
  const [fileIndex, setFileIndex] = useState(0);
  const [cursor, setCursor] = useState<LineTarget | null>(null);
  const [composing, setComposing] = useState<LineTarget | null>(null);
  const [checklist, setChecklist] = useState<ChecklistItem[]>([]);
  const [dialog, setDialog] = useState<VerdictDialog>(null);
  const [announcement, setAnnouncement] = useState("");
  const checklistRef = useRef<HTMLFieldSetElement>(null);
  // A new attempt starts at its top, not where the last one was scrolled to.
  useEffect(() => {
    window.scrollTo({ top: 0 });
  }, [submissionId]);
  const { addComment, removeComment, setViewed } = useAttemptWrites(workspace, submissionId);
  const verdict = useVerdict(workspace);
  const undo = useUndoVerdict(workspace);
  const readOnly = !canReview || view.review !== null;
  const viewed = useMemo(() => new Set(view.viewed), [view.viewed]);

  const focusFile = useCallback(
    (next: number) => {
      const file = files[next];
      if (!file) return;
      setFileIndex(next);
      const first = cursorLines(file)[0];
      setCursor(first ? targetOf(pathOf(file), first) : null);
      setAnnouncement(`File ${next + 1} of ${files.length}: ${pathOf(file)}${viewed.has(pathOf(file)) ? ", viewed" : ""}`);
      document.getElementById(`review-file-${next}`)?.scrollIntoView({ block: "start", behavior: "auto" });
    },
    [files, viewed],
  );

  const moveLine = useCallback(
    (delta: number) => {
      const file = files[fileIndex];
      if (!file) return;
      const lines = cursorLines(file).map((c) => targetOf(pathOf(file), c));
      const at = lines.findIndex((l) => cursor && l.side === cursor.side && l.line === cursor.line && l.path === cursor.path);
      const next = lines[Math.min(lines.length - 1, Math.max(0, at + delta))];
      if (next) {
        setCursor(next);
        setAnnouncement(`${next.side === "new" ? "New" : "Old"} line ${next.line}`);
      }
    },
    [files, fileIndex, cursor],
  );

  const give = useCallback(
    async (input: VerdictInput, label: string) => {
      try {
        const result = await verdict.mutateAsync({ submissionId, input: { ...input, sessionId } });
        setDialog(null);
        onReviewed(submissionId);
        toast.success(`${label} ${result.task.key}`, {
          description: result.review.comments > 0 ? `${result.review.comments} inline ${result.review.comments === 1 ? "comment" : "comments"} sent` : undefined,
          duration: 10_000,
          action: {
            label: "Undo",
            onClick: () =>
              void undo
                .mutateAsync(result.review.id)
                .then(() => {
                  toast.success(`Verdict on ${result.task.key} undone`);
                  onUndone(submissionId);
                })
                .catch((error: unknown) => toast.error(error instanceof Error ? error.message : "Could not undo.")),
          },
        });
      } catch (error) {
        if (error instanceof ApiError && error.code === "conflict" && error.body?.reviewedBy) {
          toast.error(error.message);
          setDialog(null);
          onReviewed(submissionId);
          return;
        }
        throw error;
      }
    },
    [verdict, undo, submissionId, sessionId, onReviewed, onUndone],
  );

  const complete = CHECKLIST.every((item) => checklist.includes(item.id));
  const accept = useCallback(() => {
    if (readOnly) return;
    if (!complete) {
      const first = checklistRef.current?.querySelector<HTMLInputElement>("input:not(:checked)");
      first?.focus();
      setAnnouncement("Tick the whole ownership checklist to accept.");
      return;
    }
    void give({ verdict: "accept", checklist }, VERDICT_LABEL.accept).catch((error: unknown) => toast.error(error instanceof Error ? error.message : "Could not accept."));
  }, [readOnly, complete, checklist, give]);

  const opts = { enabled: hotkeysEnabled && dialog === null && composing === null, preventDefault: true };
  useHotkeys("j", () => onNavigate(1), opts, [onNavigate]);
  useHotkeys("k", () => onNavigate(-1), opts, [onNavigate]);
  useHotkeys("n", () => focusFile(Math.min(files.length - 1, fileIndex + 1)), opts, [focusFile, fileIndex, files.length]);
  useHotkeys("p", () => focusFile(Math.max(0, fileIndex - 1)), opts, [focusFile, fileIndex]);
  useHotkeys("down", () => moveLine(1), opts, [moveLine]);
  useHotkeys("up", () => moveLine(-1), opts, [moveLine]);
  useHotkeys(
    "v",
    () => {
      const file = files[fileIndex];
      if (!file || readOnly) return;
      const path = pathOf(file);
      setViewed.mutate({ path, viewed: !viewed.has(path) });
      setAnnouncement(`${path} ${viewed.has(path) ? "not viewed" : "viewed"}`);
    },
    opts,
    [files, fileIndex, viewed, readOnly, setViewed],
  );
  useHotkeys(
    "c",
    () => {
      if (readOnly) return;
      const file = files[fileIndex];
      const first = file ? cursorLines(file)[0] : undefined;
      const target = cursor ?? (file && first ? targetOf(pathOf(file), first) : null);
      if (target) setComposing(target);
    },
    opts,
    [readOnly, files, fileIndex, cursor],
  );
  useHotkeys("a", accept, opts, [accept]);
  useHotkeys("r", () => !readOnly && setDialog("request_changes"), opts, [readOnly]);
  useHotkeys("x", () => !readOnly && setDialog("reject"), opts, [readOnly]);

  const onSaveComment = useCallback(
    async (target: LineTarget, body: string) => {
      try {
        await addComment.mutateAsync({ target: "diff", path: target.path, side: target.side, line: target.line, body });
        setComposing(null);
        setAnnouncement("Draft comment saved");
      } catch (error) {
        toast.error(error instanceof Error ? error.message : "Could not save the comment.");
      }
    },
    [addComment],
  );
  const onCancelComment = useCallback(() => setComposing(null), []);
  const onDeleteComment = useCallback((id: string) => removeComment.mutate(id), [removeComment]);
  const onPickLine = useCallback((target: LineTarget) => {
    setCursor(target);
    setComposing(target);
  }, []);
  const onToggleViewed = useCallback((path: string, value: boolean) => setViewed.mutate({ path, viewed: value }), [setViewed]);

  return (
    <article aria-label={`Attempt ${view.submission.attempt} on ${view.task.key}`} className="min-w-0 space-y-4">
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
      <AttemptHeader view={view} />
      {view.review && (
        <Alert tone="info">
          {VERDICT_LABEL[view.review.verdict]} by {view.review.reviewer?.name ?? view.review.reviewer?.email ?? "someone"} — this attempt has its verdict.
        </Alert>
      )}
      <div className="grid gap-4 xl:grid-cols-[minmax(18rem,24rem)_minmax(0,1fr)]">
        <div className="space-y-4 xl:sticky xl:top-16 xl:max-h-[calc(100vh-5rem)] xl:self-start xl:overflow-y-auto xl:pr-1">
          {canReview && !view.review && (
            <VerdictPanel
              view={view}
              checklist={checklist}
              onChecklist={setChecklist}
              readOnly={readOnly}
              pending={verdict.isPending}
              dialog={dialog}
              onDialog={setDialog}
              onAccept={accept}
              onRequestChanges={(summary) => give({ verdict: "request_changes", summary, checklist }, VERDICT_LABEL.request_changes)}
              onReject={(input: { reason: RejectReason; note: string; assigneeId: string | null; toLeverage: boolean }) => give({ verdict: "reject", ...input, checklist }, VERDICT_LABEL.reject)}
              checklistRef={checklistRef}
            />
          )}
          <SpecPane
            view={view}
            readOnly={readOnly}
            onNotMet={async (criterion, body) => {
              await addComment.mutateAsync({ target: "criterion", criterion, body });
            }}
            onDelete={onDeleteComment}
          />
        </div>
        <div className="min-w-0 space-y-4">
          <AgentSummary view={view} />
          {view.previous && <PreviousRound attempt={view.previous.attempt} review={view.previous.review} />}
          {view.previous && view.changesSince && <ChangesSince attempt={view.previous.attempt} files={view.changesSince} />}
          <section aria-labelledby="diff-heading" className="space-y-2">
            <div className="flex flex-wrap items-baseline gap-3">
              <h3 id="diff-heading" className="text-sm font-semibold">
                The change
              </h3>
              <span className="text-xs text-zinc-600 dark:text-zinc-400">
                {view.files.length} {view.files.length === 1 ? "file" : "files"} · {view.files.filter((f) => viewed.has(f.path)).length} viewed · click a line number, or press c, to comment
              </span>
            </div>
            {view.files.length > 0 && (
              <ol aria-label="Changed files" className="rounded-md border border-zinc-200 p-2 text-xs dark:border-zinc-800">
                {view.files.map((file, i) => (
                  <li key={file.path} className="flex items-center gap-2">
                    <button type="button" className="truncate font-mono hover:underline" onClick={() => focusFile(i)}>
                      {file.path}
                    </button>
                    <span className="text-emerald-700 dark:text-emerald-400">+{file.added}</span>
                    <span className="text-red-700 dark:text-red-400">−{file.removed}</span>
                    {viewed.has(file.path) && <span className="text-zinc-600 dark:text-zinc-400">✓ viewed</span>}
                  </li>
                ))}
              </ol>
            )}
            {!view.submission.diff ? (
              <Alert tone="info">{view.submission.diffNote ?? "This attempt came without a diff."}</Alert>
            ) : files.length === 0 ? (
              <pre className="overflow-x-auto rounded-md bg-zinc-100 p-3 text-xs dark:bg-zinc-900">{view.submission.diff}</pre>
            ) : (
              files.map((file, i) => (
                <ReviewDiffFile
                  key={`${pathOf(file)}-${i}`}
                  file={file}
                  index={i}
                  viewed={viewed.has(pathOf(file))}
                  focused={i === fileIndex}
                  cursor={cursor}
                  composing={composing}
                  drafts={view.drafts.filter((d) => d.target === "diff" && d.path === pathOf(file))}
                  readOnly={readOnly}
                  onToggleViewed={onToggleViewed}
                  onPickLine={onPickLine}
                  onSaveComment={onSaveComment}
                  onCancelComment={onCancelComment}
                  onDeleteComment={onDeleteComment}
                />
              ))
            )}
          </section>
        </div>
      </div>
    </article>
  );
}

function BulkAcceptDialog({ workspace, ids, sessionId, onClose, onDone }: { workspace: string; ids: string[]; sessionId?: string; onClose: () => void; onDone: (accepted: string[]) => void }) {
  const queryClient = useQueryClient();
  const [checklist, setChecklist] = useState<ChecklistItem[]>([]);
  const [pending, setPending] = useState(false);
  const complete = CHECKLIST_IDS.every((item) => checklist.includes(item));
  async function submit() {
    setPending(true);
    try {
      const { results } = await apiFetch<{ results: { submissionId: string; ok: boolean; key?: string; message?: string }[] }>(`/api/w/${workspace}/review/bulk-accept`, {
        method: "POST",
        body: { submissionIds: ids, checklist, sessionId },
      });
      const accepted = results.filter((r) => r.ok);
      const failed = results.filter((r) => !r.ok);
      toast.success(`Accepted ${accepted.length} ${accepted.length === 1 ? "attempt" : "attempts"}${accepted.length ? `: ${accepted.map((r) => r.key).join(", ")}` : ""}`);
      for (const f of failed) toast.error(f.message ?? "Not accepted.");
      void queryClient.invalidateQueries({ queryKey: ["review-queue", workspace] });
      onDone(accepted.map((r) => r.submissionId));
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "Could not accept.");
      setPending(false);
    }
  }
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title={`Accept ${ids.length} ${ids.length === 1 ? "attempt" : "attempts"}`} description="Each gets its own review. Confirm the checklist for all of them.">
      <fieldset className="space-y-1.5">
        <legend className="sr-only">Ownership checklist</legend>
        {CHECKLIST.map((item) => (
          <label key={item.id} className="flex items-center gap-2 text-sm">
            <input type="checkbox" className="size-4 accent-indigo-600" checked={checklist.includes(item.id)} onChange={(e) => setChecklist(e.target.checked ? [...checklist, item.id] : checklist.filter((c) => c !== item.id))} />
            {item.label}
          </label>
        ))}
      </fieldset>
      <div className="mt-4 flex justify-end gap-2">
        <Button variant="ghost" onClick={onClose}>
          Cancel
        </Button>
        <Button variant="primary" disabled={!complete || pending || ids.length === 0} onClick={() => void submit()}>
          {pending ? "Accepting…" : `Accept ${ids.length}`}
        </Button>
      </div>
    </Dialog>
  );
}
