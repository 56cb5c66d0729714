// What the dashboard's tables share: cell styles and how a share is written.
export const th = "py-1 pr-3 text-left font-medium text-zinc-600 dark:text-zinc-400";
export const td = "py-1 pr-3 tabular-nums";

/** "50%", or "–" when there is nothing to divide by. */
export const pct = (part: number, whole: number) => (whole === 0 ? "–" : `${Math.round((part / whole) * 100)}%`);

/** A duration for people: "45 s", "12 min", "3.5 h", "2.1 d"; "–" when unknown. */
export function duration(seconds: number | null): string {
  if (seconds === null) return "–";
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400 * 2) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}

/** Cents as dollars: "$3.75"; "–" when unknown. */
export const dollars = (cents: number | null) => (cents === null ? "–" : `$${(cents / 100).toFixed(2)}`);

/** A mean or ratio to two decimals; "–" when unknown. */
export const fixed = (value: number | null, digits = 2) => (value === null ? "–" : value.toFixed(digits));
