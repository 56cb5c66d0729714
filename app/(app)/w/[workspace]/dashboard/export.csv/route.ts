// GET /w/:workspace/dashboard/export.csv — the per-task rows behind the dashboard, under the same
// filters as the page (?from&to&board&tz), as a CSV download. A download link behaves like its
// page: a visitor is sent to sign in and comes back to the file.
import { NextResponse } from "next/server";
import { currentUser, requireScope } from "@/lib/auth/gate";
import { parseInput } from "@/lib/core/errors";
import { resolveFilter } from "@/lib/dashboard/data/filter";
import { taskRows, toCsv } from "@/lib/dashboard/data/rows";
import { dashboardQuerySchema } from "@/lib/dashboard/schema";
import { publicRoute } from "@/lib/http/route";

export const GET = publicRoute<{ workspace: string }>(async (request, { params }) => {
  if (!(await currentUser())) {
    const back = `${request.nextUrl.pathname}${request.nextUrl.search}`;
    return NextResponse.redirect(new URL(`/signin?callbackUrl=${encodeURIComponent(back)}`, request.url), 307);
  }
  const scope = await requireScope(params.workspace, "metrics.read");
  const query = parseInput(dashboardQuerySchema.strict(), Object.fromEntries(request.nextUrl.searchParams));
  const { filter, range, board } = await resolveFilter(scope, query, true);
  const csv = toCsv(await taskRows(scope, filter));
  const name = `baton-${scope.workspaceSlug}-${board ? `${board.key.toLowerCase()}-` : ""}${range.from}-to-${range.to}.csv`;
  return new NextResponse(csv, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" },
  });
});
