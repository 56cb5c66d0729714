// PUT /api/w/:workspace/boards/:board/repository — link the board to a GitHub repository
// ({ repository: "owner/name" }) or unlink it ({ repository: null }) (admins).
import { linkBoard } from "@/lib/github/mutations";
import { json, readJson, workspaceRoute } from "@/lib/http/route";

export const PUT = workspaceRoute<{ workspace: string; board: string }>("board.write", async (request, { scope, params }) =>
  json({ link: await linkBoard(scope, params.board, await readJson(request)) }),
);
