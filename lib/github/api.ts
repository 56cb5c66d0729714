import "server-only";
import { AppError } from "@/lib/core/errors";
import { describeGitHubError, githubClient, type GitHubCredentials } from "./client";

// Calls to GitHub's REST API on a workspace's behalf, with failures turned into answers a person
// can act on. No database here: lib/github/mutations.ts stores what these return.

/** Checks the token by asking GitHub whose it is: a bad token or address never gets stored. */
export async function accountOf(credentials: GitHubCredentials): Promise<string> {
  try {
    const { data } = await githubClient(credentials).rest.users.getAuthenticated();
    return data.login;
  } catch (error) {
    const failure = describeGitHubError(error);
    const field = failure.status === 401 || failure.status === 403 ? "token" : "apiUrl";
    const message = failure.status === null ? `No answer from ${credentials.apiUrl}: ${failure.message}` : failure.message;
    throw new AppError("invalid", "GitHub did not accept this connection.", { [field]: [message] });
  }
}

export async function defaultBranchOf(credentials: GitHubCredentials, repository: string): Promise<string> {
  const [owner = "", repo = ""] = repository.split("/");
  try {
    const { data } = await githubClient(credentials).rest.repos.get({ owner, repo });
    return data.default_branch;
  } catch (error) {
    const failure = describeGitHubError(error);
    const message = failure.status === 404 ? `GitHub has no repository ${repository} that the connected token can see.` : failure.message;
    throw new AppError("invalid", "GitHub did not confirm this repository.", { repository: [message] });
  }
}
