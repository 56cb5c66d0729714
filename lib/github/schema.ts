import { z } from "zod";
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
