// GET|PUT /api/w/:workspace/tasks/:key/spec — the current spec; save a new revision (with baseRevision).
import { json, readJson, workspaceRoute } from "@/lib/http/route";
import { getSpec } from "@/lib/spec/data";
import { saveSpec } from "@/lib/spec/mutations";
import { SPEC_MAX_CHARS } from "@/lib/spec/schema";

type Params = { workspace: string; key: string };

export const GET = workspaceRoute<Params>("workspace.read", async (_request, { scope, params }) => json({ spec: await getSpec(scope, params.key) }));

// UTF-8 can take up to 4 bytes a character; the schema then enforces the character limit.
export const PUT = workspaceRoute<Params>("task.write", async (request, { scope, params }) =>
  json({ spec: await saveSpec(scope, params.key, await readJson(request, SPEC_MAX_CHARS * 4)) }),
);
