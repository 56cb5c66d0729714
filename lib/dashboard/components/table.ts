// What the dashboard's tables share: cell styles and how a share is written.
export const th = "py-1 pr-3 text-left font-medium text-zinc-600 dark:text-zinc-400";
export const td = "py-1 pr-3 tabular-nums";

/** "50%", or "–" when there is nothing to divide by. */
export const pct = (part: number, whole: number) => (whole === 0 ? "–" : `${Math.round((part / whole) * 100)}%`);
