// GET /api/w/:workspace/boards/:board — the board view (tasks, members, labels) the board page polls.
import { getBoardView } from "@/lib/board/data";
import { json, workspaceRoute } from "@/lib/http/route";

export const GET = workspaceRoute<{ workspace: string; board: string }>("workspace.read", async (_request, { scope, params }) =>
  json(await getBoardView(scope, params.board), { headers: { "Cache-Control": "no-store" } }),
);
