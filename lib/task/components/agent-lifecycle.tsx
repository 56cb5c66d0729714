import { cn } from "@/components/ui/cn";

const STAGES = ["assigned", "working", "submitted", "reviewed"] as const;

/** The agent's progress on the task: assigned → working → submitted → reviewed. */
export function Lifecycle({ stage, at, agent, attempts }: { stage: (typeof STAGES)[number]; at: string | null; agent: string; attempts: number }) {
  const reached = STAGES.indexOf(stage);
  return (
    <ol aria-label={`${agent}: ${stage}`} className="-mt-2 mb-3 flex flex-wrap items-center gap-1 text-xs">
      <li className="mr-1 font-medium">{agent}</li>
      {STAGES.map((s, index) => (
        <li key={s} className="flex items-center gap-1">
          {index > 0 && <span aria-hidden className="text-zinc-400">→</span>}
          <span
            aria-current={s === stage ? "step" : undefined}
            className={cn(
              "rounded-full px-2 py-0.5",
              index < reached && "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
              index === reached && "bg-indigo-600 text-white",
              index > reached && "text-zinc-600 dark:text-zinc-400",
            )}
          >
            {s}
            {s === "submitted" && attempts > 0 ? ` (${attempts})` : ""}
          </span>
        </li>
      ))}
      {at && <li className="ml-1 text-zinc-600 dark:text-zinc-400">since {new Date(at).toLocaleString()}</li>}
    </ol>
  );
}
