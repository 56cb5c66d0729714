import "server-only";
import { AppError } from "@/lib/core/errors";
import { describeGitHubError, githubClient, type GitHubCredentials } from "./client";
import type { InlineComment, ReviewEvent } from "./review-body";

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

/** A changed file as GitHub lists it for a pull request. */
export interface PullRequestFile {
  path: string;
  previousPath: string | null;
  status: string;
  additions: number;
  deletions: number;
}

/** `owner`, `repo` and the number from a pull request's web address (github.com or Enterprise). */
export function pullRequestRef(prUrl: string): { owner: string; repo: string; pullNumber: number } | null {
  const match = /^\/([^/]+)\/([^/]+)\/pull\/(\d+)\/?$/.exec(new URL(prUrl).pathname);
  return match ? { owner: match[1] as string, repo: match[2] as string, pullNumber: Number(match[3]) } : null;
}

/** The pull request's unified diff (GitHub's diff media type) and its changed files. Throws GitHub's errors as they come. */
export async function fetchPullRequestDiff(credentials: GitHubCredentials, ref: { owner: string; repo: string; pullNumber: number }) {
  const octokit = githubClient(credentials);
  const params = { owner: ref.owner, repo: ref.repo, pull_number: ref.pullNumber };
  const { data } = await octokit.rest.pulls.get({ ...params, mediaType: { format: "diff" } });
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, { ...params, per_page: 100 });
  return {
    // With the diff media type the body is the diff's text, whatever the declared type says.
    diff: String(data as unknown),
    files: files.map((f): PullRequestFile => ({ path: f.filename, previousPath: f.previous_filename ?? null, status: f.status, additions: f.additions, deletions: f.deletions })),
  };
}

/** A review already on the pull request whose body holds this marker (a post retried after it went through), if any. */
export async function findPostedReview(credentials: GitHubCredentials, ref: { owner: string; repo: string; pullNumber: number }, marker: string) {
  const octokit = githubClient(credentials);
  const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, { owner: ref.owner, repo: ref.repo, pull_number: ref.pullNumber, per_page: 100 });
  const found = reviews.find((review) => review.body?.includes(marker));
  return found ? { id: String(found.id), url: found.html_url } : null;
}

/** Creates one pull-request review, inline comments included. */
export async function createReview(
  credentials: GitHubCredentials,
  ref: { owner: string; repo: string; pullNumber: number },
  review: { event: ReviewEvent; body: string; comments: InlineComment[]; commitId: string | null },
) {
  const { data } = await githubClient(credentials).rest.pulls.createReview({
    owner: ref.owner,
    repo: ref.repo,
    pull_number: ref.pullNumber,
    event: review.event,
    body: review.body,
    comments: review.comments,
    ...(review.commitId && { commit_id: review.commitId }),
  });
  return { id: String(data.id), url: data.html_url };
}

const ownerAndName = (repository: string) => {
  const [owner = "", repo = ""] = repository.split("/");
  return { owner, repo };
};

/** The commit at the head of a branch. */
export async function branchHead(credentials: GitHubCredentials, repository: string, branch: string): Promise<string> {
  const { data } = await githubClient(credentials).rest.repos.getBranch({ ...ownerAndName(repository), branch });
  return data.commit.sha;
}

/** Every file path at a commit (one recursive tree read), and whether GitHub cut the list short. */
export async function filePathsAt(credentials: GitHubCredentials, repository: string, commit: string): Promise<{ paths: string[]; truncated: boolean }> {
  const { data } = await githubClient(credentials).rest.git.getTree({ ...ownerAndName(repository), tree_sha: commit, recursive: "1" });
  return { paths: data.tree.filter((entry) => entry.type === "blob" && entry.path).map((entry) => entry.path as string), truncated: data.truncated };
}

/** A file's text at a commit (the raw media type, so no base64 and no 1 MB limit), or null when there is no such file. */
export async function fileAt(credentials: GitHubCredentials, repository: string, commit: string, path: string): Promise<string | null> {
  try {
    const { data } = await githubClient(credentials).rest.repos.getContent({ ...ownerAndName(repository), path, ref: commit, mediaType: { format: "raw" } });
    // With the raw media type the body is the file's text, whatever the declared type says
    // (Octokit hands over bytes when the answer is not declared as text).
    const body = data as unknown;
    return typeof body === "string" ? body : body instanceof ArrayBuffer ? new TextDecoder().decode(body) : null;
  } catch (error) {
    if (describeGitHubError(error).status === 404) return null;
    throw error;
  }
}
