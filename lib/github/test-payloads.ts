// Webhook payloads for tests, in the shape GitHub documents for the `pull_request` event
// (https://docs.github.com/webhooks/webhook-events-and-payloads#pull_request), trimmed to the
// fields a receiver commonly reads. Written here so the suite needs no outside fixture files.

export interface PullRequestPayloadOptions {
  action?: string;
  number?: number;
  title?: string;
  body?: string | null;
  branch?: string;
  merged?: boolean;
  repo?: string;
  login?: string;
}

export function pullRequestPayload(options: PullRequestPayloadOptions = {}) {
  const {
    action = "opened",
    number = 7,
    title = "Improve the thing",
    body = "Some description.",
    branch = "improve-thing",
    merged = false,
    repo = "acme/web",
    login = "copilot-swe-agent[bot]",
  } = options;
  const [owner = "acme", name = "web"] = repo.split("/");
  const ownerAccount = { login: owner, id: 1001, node_id: "O_kgDOAAAD6Q", type: "Organization", site_admin: false, html_url: `https://github.com/${owner}` };
  const user = { login, id: 198982749, node_id: "BOT_kgDOC9w8XQ", type: "Bot", site_admin: false, html_url: `https://github.com/apps/${login.replace("[bot]", "")}` };
  const repository = {
    id: 4242,
    node_id: "R_kgDOAAAQkg",
    name,
    full_name: repo,
    private: true,
    owner: ownerAccount,
    html_url: `https://github.com/${repo}`,
    url: `https://api.github.com/repos/${repo}`,
    default_branch: "main",
  };
  const closed = action === "closed";
  const at = "2025-11-20T10:00:00Z";
  return {
    action,
    number,
    pull_request: {
      url: `https://api.github.com/repos/${repo}/pulls/${number}`,
      id: 900000 + number,
      node_id: "PR_kwDOAAAQks4AAAAB",
      html_url: `https://github.com/${repo}/pull/${number}`,
      diff_url: `https://github.com/${repo}/pull/${number}.diff`,
      patch_url: `https://github.com/${repo}/pull/${number}.patch`,
      number,
      state: closed ? "closed" : "open",
      locked: false,
      title,
      user,
      body,
      created_at: at,
      updated_at: at,
      closed_at: closed ? at : null,
      merged_at: closed && merged ? at : null,
      merge_commit_sha: closed && merged ? "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432" : null,
      draft: false,
      head: { label: `${owner}:${branch}`, ref: branch, sha: "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d", user: ownerAccount, repo: repository },
      base: { label: `${owner}:main`, ref: "main", sha: "0f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6", user: ownerAccount, repo: repository },
      author_association: "CONTRIBUTOR",
      merged,
      mergeable: null,
      merged_by: closed && merged ? { ...ownerAccount, login: "maintainer", type: "User" } : null,
      comments: 0,
      commits: 1,
      additions: 10,
      deletions: 2,
      changed_files: 1,
    },
    repository,
    sender: user,
  };
}

/** A `check_suite` delivery: an event Baton does not act on. */
export function checkSuitePayload(options: { action?: string; repo?: string } = {}) {
  const { action = "completed", repo = "acme/web" } = options;
  return {
    action,
    check_suite: {
      id: 118578147,
      node_id: "CS_kwDOAAAQks4HEVnj",
      head_branch: "main",
      head_sha: "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d",
      status: "completed",
      conclusion: "success",
      url: `https://api.github.com/repos/${repo}/check-suites/118578147`,
      pull_requests: [],
      created_at: "2025-11-20T10:00:00Z",
      updated_at: "2025-11-20T10:05:00Z",
    },
    repository: { id: 4242, name: repo.split("/")[1] ?? "web", full_name: repo, private: true, html_url: `https://github.com/${repo}` },
    sender: { login: "github-actions[bot]", id: 41898282, type: "Bot" },
  };
}
