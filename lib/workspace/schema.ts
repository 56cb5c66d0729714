import { z } from "zod";
import { INT4_MAX } from "@/lib/core/limits";
import { boardKeySchema } from "@/lib/board/schema";
import { loopLimitSchema } from "@/lib/review/schema";

export const RESERVED_SLUGS = ["new", "settings", "api", "admin", "signin", "signup", "invite"];

export const createWorkspaceSchema = z.strictObject({
  name: z.string({ error: "Enter a name." }).trim().min(1, "Enter a name.").max(60, "Use at most 60 characters."),
  slug: z
    .string({ error: "Enter a URL name." })
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, "Use 1–40 lowercase letters, digits or dashes (not at the ends).")
    .refine((slug) => !RESERVED_SLUGS.includes(slug), "This URL name is reserved."),
  boardName: z.string().trim().min(1).max(60).default("Main"),
  boardKey: boardKeySchema.default("MAIN"),
});
export type CreateWorkspaceInput = z.input<typeof createWorkspaceSchema>;

export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}/gu, "") // drop the accents NFKD splits off: "crème" → "creme"
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, 40)
    .replace(/^-+|-+$/g, "");
}

export const invitationTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, "This invitation link is not valid.");

export const workspaceSettingsSchema = z
  .object({
    specThreshold: z.number({ error: "Enter a number from 0 to 100." }).int("Use a whole number.").min(0, "Use 0–100.").max(100, "Use 0–100.").optional(),
    /** Review loops a delegated task may use (lib/review/rules.ts). */
    loopLimit: loopLimitSchema.optional(),
    /** The settings version the edit was based on; an edit based on an older one is refused (409). */
    version: z.number({ error: "version is required." }).int().min(1).max(INT4_MAX),
  })
  .strict()
  .refine((s) => s.specThreshold !== undefined || s.loopLimit !== undefined, { path: ["specThreshold"], message: "Send specThreshold or loopLimit." });
