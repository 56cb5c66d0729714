// GET /api/w/:workspace/tasks/:key/spec/references?ref=… — the spec's file references checked at the
// default branch of the board's linked repository (lib/github/code.ts).
import { parseInput } from "@/lib/core/errors";
import { json, workspaceRoute } from "@/lib/http/route";
import { checkSpecReferences } from "@/lib/github/code";
import { referencesQuery, referencesQuerySchema } from "@/lib/github/schema";

type Params = { workspace: string; key: string };

export const GET = workspaceRoute<Params>("workspace.read", async (request, { scope, params }) => {
  const { ref } = parseInput(referencesQuerySchema, referencesQuery(request.nextUrl.searchParams));
  return json(await checkSpecReferences(scope, params.key, ref));
});
