import { z } from "zod";

export const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter a valid email address."));

/**
 * bcrypt reads only a password's first 72 bytes: a longer one would be cut short without a word,
 * so it is refused instead. Emoji and accented letters take 2–4 bytes each.
 */
export const PASSWORD_MAX_BYTES = 72;
const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

export const passwordSchema = z
  .string({ error: "Choose a password." })
  .min(8, "Use at least 8 characters.")
  .refine((password) => utf8Bytes(password) <= PASSWORD_MAX_BYTES, "Use at most 72 bytes (72 letters, fewer with accents or emoji).");

export const signUpSchema = z.strictObject({
  name: z.string({ error: "Enter your name." }).trim().min(1, "Enter your name.").max(100, "Use at most 100 characters."),
  email: emailSchema,
  password: passwordSchema,
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const credentialsSchema = z.object({
  email: emailSchema,
  // A password past bcrypt's limit can never be one we stored, so it is not compared at all.
  password: z.string().min(1).refine((password) => utf8Bytes(password) <= PASSWORD_MAX_BYTES),
});
