import { z } from "zod";

/** Specs are long-form markdown, but not a place for logs: 100k characters is ~15,000 words. */
export const SPEC_MAX_CHARS = 100_000;

export const saveSpecSchema = z
  .object({
    markdown: z.string({ error: "markdown is required." }).max(SPEC_MAX_CHARS, "A spec has at most 100,000 characters."),
    /** The revision the edit was based on; a save based on an older one is refused (409). */
    baseRevision: z.number({ error: "baseRevision is required." }).int().min(0),
    /** Set when this save starts the spec from a template: recorded, so that rejections for an unclear spec count against it. */
    templateId: z.string().min(1).max(64).optional(),
  })
  .strict();

export const restoreRevisionSchema = z.object({ baseRevision: z.number().int().min(0) }).strict();

export const lintRequestSchema = z.object({ markdown: z.string({ error: "markdown is required." }) }).strict();
/** POST /api/v1/spec-lint body limit (bytes); above it → 413. */
export const LINT_BODY_LIMIT = 256 * 1024;

export const createTemplateSchema = z.object({
  name: z.string({ error: "Enter a name." }).trim().min(1, "Enter a name.").max(80, "Use at most 80 characters."),
  description: z.string().trim().max(300, "Use at most 300 characters.").default(""),
  markdown: z.string().min(1, "The template is empty.").max(SPEC_MAX_CHARS, "A template has at most 100,000 characters."),
});
