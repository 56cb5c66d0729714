import { z } from "zod";

export const boardKeySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9]{1,9}$/, "Use 2–10 capital letters or digits, starting with a letter (e.g. WEB).");

export const createBoardSchema = z.strictObject({
  name: z.string({ error: "Enter a name." }).trim().min(1, "Enter a name.").max(60, "Use at most 60 characters."),
  key: boardKeySchema,
});
export type CreateBoardInput = z.input<typeof createBoardSchema>;
