// GET /api/w/:workspace/boards/:board — the board view (cards, members, labels) the board page reads
// again after a gap in its live stream; in the board's compact form (lib/board/wire.ts).
import { getBoardWire } from "@/lib/board/data";
import { json, workspaceRoute } from "@/lib/http/route";

export const GET = workspaceRoute<{ workspace: string; board: string }>("workspace.read", async (_request, { scope, params }) =>
  json(await getBoardWire(scope, params.board), { headers: { "Cache-Control": "no-store" } }),
);
