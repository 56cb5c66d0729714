"use client";

import { cn } from "@/components/ui/cn";
import { Select } from "@/components/ui/field";
import type { QueueFilter } from "../schema";
import type { QueueItem, QueueView } from "../types";

interface Props {
  queue: QueueView;
  filter: QueueFilter;
  onFilter: (filter: QueueFilter) => void;
  currentId: string | null;
  onOpen: (id: string) => void;
  selected: string[];
  onSelect: (ids: string[]) => void;
  canReview: boolean;
}

/** Eligible for bulk accept: its checks passed and the reviewer marked every file viewed. */
export const bulkEligible = (item: QueueItem) => item.checks === "passed" && item.filesChanged > 0 && item.viewedFiles >= item.filesChanged;

function age(iso: string): string {
  const minutes = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} d`;
}

/** The queue: filters (kept in the URL), then every attempt waiting, oldest first. */
export function QueueList({ queue, filter, onFilter, currentId, onOpen, selected, onSelect, canReview }: Props) {
  return (
    <nav aria-label="Review queue" className="flex min-h-0 flex-col gap-3">
      <div className="grid gap-2">
        <Select aria-label="Board" value={filter.board ?? ""} onChange={(e) => onFilter({ ...filter, board: e.target.value || undefined })} className="h-8">
          <option value="">All boards</option>
          {queue.boards.map((b) => (
            <option key={b.key} value={b.key}>
              {b.name} ({b.key})
            </option>
          ))}
        </Select>
        <Select aria-label="Agent" value={filter.agent ?? ""} onChange={(e) => onFilter({ ...filter, agent: e.target.value || undefined })} className="h-8">
          <option value="">All agents</option>
          {queue.agents.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </Select>
        <Select aria-label="Spec author" value={filter.author ?? ""} onChange={(e) => onFilter({ ...filter, author: e.target.value || undefined })} className="h-8">
          <option value="">All spec authors</option>
          {queue.authors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name ?? a.email}
            </option>
          ))}
        </Select>
      </div>
      <ol className="min-h-0 flex-1 space-y-1 overflow-y-auto" aria-label="Attempts awaiting review, oldest first">
        {queue.items.map((item) => {
          const current = item.submissionId === currentId;
          const eligible = bulkEligible(item);
          return (
            <li key={item.submissionId} className={cn("flex items-start gap-2 rounded-md border px-2 py-1.5", current ? "border-indigo-500 bg-indigo-50 dark:bg-indigo-950/50" : "border-transparent hover:bg-zinc-100 dark:hover:bg-zinc-800")}>
              {canReview && (
                <input
                  type="checkbox"
                  className="mt-1 size-4 accent-indigo-600"
                  aria-label={`Select ${item.task.key} for bulk accept`}
                  disabled={!eligible}
                  title={eligible ? "Select for bulk accept" : "Bulk accept needs passing checks and every file marked viewed"}
                  checked={selected.includes(item.submissionId)}
                  onChange={(e) => onSelect(e.target.checked ? [...selected, item.submissionId] : selected.filter((id) => id !== item.submissionId))}
                />
              )}
              <button type="button" onClick={() => onOpen(item.submissionId)} aria-current={current ? "true" : undefined} className="min-w-0 flex-1 text-left">
                <span className="flex items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400">
                  <span className="font-mono">{item.task.key}</span>
                  <span>· attempt {item.attempt}</span>
                  {/* "N min" is computed from the clock: the server's and the browser's may round apart. */}
                  <span className="ml-auto" suppressHydrationWarning>
                    {age(item.createdAt)}
                  </span>
                </span>
                <span className="block truncate text-sm font-medium">{item.task.title}</span>
                <span className="flex items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400">
                  {item.agent?.name ?? "No agent"}
                  <span aria-label={`checks ${item.checks}`} className={cn("size-2 rounded-full", item.checks === "passed" ? "bg-emerald-500" : item.checks === "failed" ? "bg-red-500" : "bg-zinc-400")} />
                  <span>
                    {item.filesChanged} {item.filesChanged === 1 ? "file" : "files"} · +{item.additions} −{item.deletions}
                  </span>
                  {item.viewedFiles > 0 && <span>· {Math.min(item.viewedFiles, item.filesChanged)} viewed</span>}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
