// GET /api/w/:workspace/boards — list boards; POST — create a board (admins and owners).
import { listBoards } from "@/lib/board/data";
import { createBoard } from "@/lib/board/mutations";
import { json, readJson, workspaceRoute } from "@/lib/http/route";

export const GET = workspaceRoute("workspace.read", async (_request, { scope }) => json({ boards: await listBoards(scope) }));

export const POST = workspaceRoute("board.write", async (request, { scope }) =>
  json({ board: await createBoard(scope, await readJson(request)) }, 201),
);
