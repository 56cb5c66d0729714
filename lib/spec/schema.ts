import { z } from "zod";
import { INT4_MAX } from "@/lib/core/limits";

/** Specs are long-form markdown, but not a place for logs: 100k characters is ~15,000 words. */
export const SPEC_MAX_CHARS = 100_000;

/** A revision number a client sends, within what the column holds; the message says which problem it is. */
const revision = (name: string) =>
  z
    .number({ error: (issue) => (issue.input === undefined ? `${name} is required.` : `${name} is a revision number.`) })
    .int()
    .min(0)
    .max(INT4_MAX);

export const saveSpecSchema = z
  .object({
    markdown: z.string({ error: "markdown is required." }).max(SPEC_MAX_CHARS, "A spec has at most 100,000 characters."),
    /** The revision the edit was based on; a save based on an older one is refused (409). */
    baseRevision: revision("baseRevision"),
    /** Set when this save starts the spec from a template: recorded, so that rejections for an unclear spec count against it. */
    templateId: z.string().min(1).max(64).optional(),
  })
  .strict();

export const restoreRevisionSchema = z.object({ baseRevision: revision("baseRevision") }).strict();

/** Whether a number can be a revision's: a whole number the column holds (larger ones would fail in the database). */
export const isRevisionNumber = (number: number) => Number.isInteger(number) && number >= 0 && number <= INT4_MAX;

/** A revision number in a URL: digits only ("1", not "1e0", " 1" or "0x1"); anything else is NaN, which names no revision. */
export const parseRevisionNumber = (param: string): number => (/^\d{1,10}$/.test(param) ? Number(param) : Number.NaN);

export const lintRequestSchema = z.object({ markdown: z.string({ error: "markdown is required." }) }).strict();
/** POST /api/v1/spec-lint body limit (bytes); above it → 413. */
export const LINT_BODY_LIMIT = 256 * 1024;

export const createTemplateSchema = z.strictObject({
  name: z.string({ error: "Enter a name." }).trim().min(1, "Enter a name.").max(80, "Use at most 80 characters."),
  description: z.string().trim().max(300, "Use at most 300 characters.").default(""),
  markdown: z.string().min(1, "The template is empty.").max(SPEC_MAX_CHARS, "A template has at most 100,000 characters."),
});
