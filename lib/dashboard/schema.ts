import { z } from "zod";

// The dashboard's filters, as they stand in its URL: ?from=2026-10-05&to=2026-11-30&board=WEB&tz=Europe/Berlin.
// `to` is the last day shown (inclusive); the range runs from the start of `from` to the end of `to`, in UTC days.

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Use a date as YYYY-MM-DD.", abort: true }).refine((value) => {
  // Date.parse takes 2026-02-31 as 3 March: a real date reads back as itself.
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}, "Use a real date.");

export const dashboardQuerySchema = z.object({
  from: day.optional(),
  to: day.optional(),
  board: z.string().trim().max(10).optional(),
  tz: z.string().max(64).optional(),
});

export const DEFAULT_WEEKS = 8;

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The filter a query means: eight weeks up to today by default; a reversed range is put right. */
export function rangeOf(query: { from?: string; to?: string }, today = new Date()): { from: string; to: string } {
  const to = query.to ?? isoDay(today);
  const from = query.from ?? isoDay(new Date(Date.parse(`${to}T00:00:00Z`) - (DEFAULT_WEEKS * 7 - 1) * 86_400_000));
  return from <= to ? { from, to } : { from: to, to: from };
}

export const GROUP_BY = ["agent", "author", "board", "week"] as const;

/** GET /api/v1/metrics: the dashboard's filters, the workspace (for a signed-in caller) and a grouping. */
export const metricsQuerySchema = dashboardQuerySchema.extend({
  workspace: z.string().trim().min(1).max(64).optional().describe("The workspace's slug: required with a session, the token's own workspace otherwise."),
  groupBy: z.enum(GROUP_BY, { error: `groupBy must be one of ${GROUP_BY.join(", ")}.` }).optional(),
}).strict();
export type MetricsQuery = z.infer<typeof metricsQuerySchema>;
