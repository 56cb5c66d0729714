import { z } from "zod";

// Environment variables are parsed once, on first use, so that a build without a database
// still works and a running app fails fast with a message naming the variable.
const schema = z.object({
  DATABASE_URL: z.string().url("DATABASE_URL must be a postgresql:// URL"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** The most a request spends waiting on the database before it answers 503 (see databaseTimeouts). */
  DATABASE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2_000),
  /**
   * Whether statements are prepared by name and kept per connection (PostgreSQL then plans a hot
   * statement once, not on every run). Off behind a pooler in transaction mode (PgBouncer), which
   * cannot keep a connection's prepared statements.
   */
  DATABASE_PREPARED_STATEMENTS: z
    .enum(["on", "off"], { error: "DATABASE_PREPARED_STATEMENTS must be on or off" })
    .default("on"),
  NEXTAUTH_SECRET: z.string().min(16, "NEXTAUTH_SECRET must be at least 16 characters").optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  BATON_ENCRYPTION_KEY: z
    .string()
    .refine((value) => Buffer.from(value, "base64").length === 32, "BATON_ENCRYPTION_KEY must be 32 random bytes, base64-encoded")
    .optional(),
  GITHUB_ID: z.string().min(1).optional(),
  GITHUB_SECRET: z.string().min(1).optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

export type Env = z.infer<typeof schema>;
let parsed: Env | undefined;

export function env(): Env {
  if (parsed) return parsed;
  const result = schema.safeParse(process.env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment configuration:\n${problems}`);
  }
  parsed = result.data;
  return parsed;
}

export function githubAuthEnabled(): boolean {
  return Boolean(process.env.GITHUB_ID && process.env.GITHUB_SECRET);
}
