import { cn } from "@/components/ui/cn";

const CHECKS_STYLE = {
  passed: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  failed: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
  none: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
} as const;
const CHECKS_LABEL = { passed: "Checks passed", failed: "Checks failed", none: "No checks" } as const;

/** An attempt's check results at a glance. */
export function ChecksBadge({ status, className }: { status: keyof typeof CHECKS_STYLE; className?: string }) {
  return <span className={cn("rounded px-1.5 py-0.5 text-xs font-medium", CHECKS_STYLE[status], className)}>{CHECKS_LABEL[status]}</span>;
}
