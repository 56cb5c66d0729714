import { z } from "zod";
import { MAX_CHECKED_REFERENCES, MAX_REFERENCE_CHARS, parseReference } from "@/lib/spec/references";
import { DEFAULT_GITHUB_API_URL } from "./client-constants";

// Input for connecting a workspace to GitHub and linking boards to repositories.

export const connectGitHubSchema = z.strictObject({
  token: z.string({ error: "Enter a GitHub token." }).trim().min(1, "Enter a GitHub token.").max(500, "A GitHub token is at most 500 characters."),
  // http too: GitHub Enterprise Server on an internal network, and the tests' loopback stand-in.
  apiUrl: z
    .url({ protocol: /^https?$/, error: "Enter the API's http(s) address, e.g. https://api.github.com." })
    .max(500)
    .default(DEFAULT_GITHUB_API_URL),
});
export type ConnectGitHubInput = z.infer<typeof connectGitHubSchema>;

/** `owner/name` as GitHub allows them: an account of letters, digits and dashes; a repository name of letters, digits, `.`, `_` and `-`. */
export const repositorySchema = z
  .string({ error: "Enter the repository as owner/name." })
  .trim()
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/, "Enter the repository as owner/name, e.g. acme/web.")
  .refine((value) => !/\/\.{1,2}$/.test(value), "Enter the repository as owner/name, e.g. acme/web.")
  .transform((value) => value.toLowerCase());

export const linkBoardSchema = z.strictObject({
  /** null unlinks the board. */
  repository: repositorySchema.nullable(),
});

/** `?ref=src/pagination.ts:142&ref=…`: the references of a spec to check against the code. */
export const referencesQuerySchema = z.strictObject({
  ref: z
    .array(
      z
        .string()
        .max(MAX_REFERENCE_CHARS, { error: `A reference is at most ${MAX_REFERENCE_CHARS} characters.`, abort: true })
        .refine((text) => parseReference(text) !== null, "Not a file reference: write a path or file name with an extension, e.g. src/pagination.ts:142."),
    )
    .min(1, "Name a reference to check, e.g. ?ref=src/pagination.ts:142.")
    .max(MAX_CHECKED_REFERENCES, `Check at most ${MAX_CHECKED_REFERENCES} references at a time.`),
});

/** The query as an object for the schema: `ref` as a list, any other parameter as given (so it is named as unknown). */
export function referencesQuery(params: URLSearchParams): Record<string, unknown> {
  const query: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key of params.keys()) query[key] = key === "ref" ? params.getAll("ref") : params.get(key);
  query.ref ??= [];
  return query;
}
