// GET /api/w/:workspace/templates — built-in and workspace templates; POST — add one (admins and owners).
import { json, readJson, workspaceRoute } from "@/lib/http/route";
import { listTemplates } from "@/lib/spec/data";
import { createTemplate } from "@/lib/spec/mutations";
import { SPEC_MAX_CHARS } from "@/lib/spec/schema";

export const GET = workspaceRoute("workspace.read", async (_request, { scope }) => json({ templates: await listTemplates(scope) }));

export const POST = workspaceRoute("template.write", async (request, { scope }) =>
  json({ template: await createTemplate(scope, await readJson(request, SPEC_MAX_CHARS * 4)) }, 201),
);
