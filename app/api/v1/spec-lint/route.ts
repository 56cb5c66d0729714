// POST /api/v1/spec-lint — score a spec: { markdown } → { score, findings }. Signed-in users (agent tokens later).
import { json, readJson, userRoute } from "@/lib/http/route";
import { parseInput } from "@/lib/core/errors";
import { lintSpec } from "@/lib/spec/lint";
import { LINT_BODY_LIMIT, lintRequestSchema } from "@/lib/spec/schema";

export const POST = userRoute(async (request) => {
  const { markdown } = parseInput(lintRequestSchema, await readJson(request, LINT_BODY_LIMIT));
  const { score, findings } = lintSpec(markdown);
  return json({ score, findings });
});
