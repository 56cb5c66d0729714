// GET /api/health — liveness and database reachability for load balancers.
import { RETRY_AFTER_SECONDS } from "@/lib/core/db-errors";
import { checkDatabase } from "@/lib/core/health";
import { json } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export async function GET() {
  const ok = await checkDatabase();
  return json({ status: ok ? "ok" : "degraded", db: ok ? "ok" : "down" }, ok ? { status: 200 } : { status: 503, headers: { "Retry-After": String(RETRY_AFTER_SECONDS) } });
}
