import { LocalTime } from "@/components/ui/local-time";
import type { TimelineEntry } from "../types";

const DOT: Record<TimelineEntry["kind"], string> = {
  started: "bg-indigo-500",
  phase: "bg-indigo-500",
  paused: "bg-zinc-400",
  resumed: "bg-indigo-500",
  finished: "bg-emerald-600",
  approach: "bg-sky-500",
  interrupt: "bg-amber-500",
  note: "bg-violet-500",
  ai: "bg-rose-500",
};

/** What happened in the session, newest last. */
export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <section aria-label="Timeline" className="rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
      <h2 className="text-sm font-semibold">Timeline</h2>
      <ol className="mt-2 max-h-[32rem] space-y-2 overflow-y-auto text-sm">
        {entries.map((entry, index) => (
          <li key={`${entry.at}-${index}`} className="flex gap-2">
            <span aria-hidden className={`mt-1.5 size-2 shrink-0 rounded-full ${DOT[entry.kind]}`} />
            <span className="min-w-0">
              <span className="block break-words">{entry.text}</span>
              <span className="text-xs text-zinc-600 dark:text-zinc-400">
                <LocalTime iso={entry.at} />
              </span>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
