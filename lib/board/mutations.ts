import "server-only";
import { db } from "@/lib/core/db";
import { AppError, conflictOnUnique, parseInput } from "@/lib/core/errors";
import { assertCan, type WorkspaceScope } from "@/lib/core/scope";
import { createBoardSchema } from "./schema";

export async function createBoard(scope: WorkspaceScope, input: unknown) {
  assertCan(scope, "board.write");
  const data = parseInput(createBoardSchema, input);
  return conflictOnUnique(
    db().board.create({ data: { workspaceId: scope.workspaceId, name: data.name, key: data.key }, select: { id: true, key: true, name: true } }),
    () => new AppError("conflict", "A board with this key already exists.", { key: ["This key is taken in this workspace."] }),
  );
}
