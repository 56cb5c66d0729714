// GET /api/v1/metrics — the dashboard's figures as JSON (?from&to&board&tz&groupBy), for a signed-in
// member (?workspace=slug) or an API token with the metrics:read scope (its own workspace).
import { requireScope } from "@/lib/auth/gate";
import { AppError, forbidden, parseInput } from "@/lib/core/errors";
import { assertCan } from "@/lib/core/scope";
import { dashboardFigures } from "@/lib/dashboard/data/figures";
import { resolveFilter } from "@/lib/dashboard/data/filter";
import { metricsQuerySchema } from "@/lib/dashboard/schema";
import { json, publicRoute, tokenScope } from "@/lib/http/route";

export const GET = publicRoute(async (request) => {
  const query = parseInput(metricsQuerySchema, Object.fromEntries(request.nextUrl.searchParams));
  let scope;
  if (request.headers.get("authorization")) {
    scope = await tokenScope(request);
    if (query.workspace && query.workspace !== scope.workspaceSlug) throw new AppError("not_found", "Workspace not found.");
    if (!scope.grants?.includes("metrics:read")) throw forbidden("This API token may not read metrics: an admin creates a metrics token in Settings → Agents.");
  } else {
    if (!query.workspace) throw new AppError("invalid", "Some fields are not valid.", { workspace: ["Name the workspace (?workspace=slug) when calling with a session."] });
    scope = await requireScope(query.workspace, "metrics.read");
  }
  assertCan(scope, "metrics.read");
  const { filter, range, board } = await resolveFilter(scope, query, true);
  const figures = await dashboardFigures(scope, filter);
  const groups = query.groupBy === undefined ? undefined : query.groupBy === "week" ? figures.loops.weekly : figures.breakdowns[query.groupBy];
  return json({
    workspace: scope.workspaceSlug,
    filter: { from: range.from, to: range.to, board: board?.key ?? null, tz: filter.timeZone },
    ...(query.groupBy && { groupBy: query.groupBy, groups }),
    figures,
  });
});
