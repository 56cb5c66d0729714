// GET /w/:workspace/dashboard/export.csv — the per-task rows behind the dashboard, under the same
// filters as the page (?from&to&board&tz), as a CSV download.
import { NextResponse } from "next/server";
import { parseInput } from "@/lib/core/errors";
import { resolveFilter } from "@/lib/dashboard/data/filter";
import { taskRows, toCsv } from "@/lib/dashboard/data/rows";
import { dashboardQuerySchema } from "@/lib/dashboard/schema";
import { workspaceRoute } from "@/lib/http/route";

export const GET = workspaceRoute<{ workspace: string }>("metrics.read", async (request, { scope }) => {
  const query = parseInput(dashboardQuerySchema.strict(), Object.fromEntries(request.nextUrl.searchParams));
  const { filter, range, board } = await resolveFilter(scope, query, true);
  const csv = toCsv(await taskRows(scope, filter));
  const name = `baton-${scope.workspaceSlug}-${board ? `${board.key.toLowerCase()}-` : ""}${range.from}-to-${range.to}.csv`;
  return new NextResponse(csv, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" },
  });
});
