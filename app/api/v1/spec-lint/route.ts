// POST /api/v1/spec-lint — score a spec: { markdown } → { score, findings }. Session or API token.
import { parseInput } from "@/lib/core/errors";
import { json, memberOrAgentRoute, readJson } from "@/lib/http/route";
import { lintSpec } from "@/lib/spec/lint";
import { LINT_BODY_LIMIT, lintRequestSchema } from "@/lib/spec/schema";

export const POST = memberOrAgentRoute(async (request) => {
  const { markdown } = parseInput(lintRequestSchema, await readJson(request, LINT_BODY_LIMIT));
  const { score, findings } = lintSpec(markdown);
  return json({ score, findings });
});
