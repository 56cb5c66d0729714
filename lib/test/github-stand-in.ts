import { createHash, randomBytes } from "node:crypto";
import { existsSync, realpathSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import { type AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { RestEndpointMethodTypes } from "@octokit/rest";
import { countChanges, parseGitDiff, placementProblems, type DiffSide, type ReviewCommentInput, type StandInPullFile } from "./github-stand-in-diff";
import { COMMIT_AUTHOR, GitStore, type GitCommit, type TreeEntry } from "./github-stand-in-git";

// A local stand-in for GitHub's REST API, so that tests never reach the network: an HTTP server on
// the loopback interface that answers as GitHub documents (docs.github.com/rest) — the same paths,
// JSON shapes, status codes, error bodies, rate-limit headers and pagination links — for the
// endpoints Baton uses. Baton's client (@octokit/rest, baseUrl pointed here) runs unchanged.
// It holds repositories with a commit history, pull requests given as unified diffs, and the
// reviews posted to them, and records every request; tests inject failures (error statuses, rate
// limits, slow answers, dropped connections) with failNext. The response builders are checked
// against GitHub's OpenAPI description at compile time (@octokit/rest's types), so a misspelled or
// mistyped field does not compile.
// Alone, for manual use: `npx tsx lib/test/github-stand-in.ts --port 4010` serves a demo repository.

export type { DiffSide, PullFileStatus, ReviewCommentInput, StandInPullFile } from "./github-stand-in-diff";

export interface StandInRepo {
  owner: string;
  name: string;
  /** Default "main". */
  defaultBranch?: string;
  private?: boolean;
  /** Path → content of every file at the default branch's head. */
  files: Record<string, string>;
}

export interface StandInPull {
  number: number;
  title?: string;
  body?: string | null;
  /** The login that opened it; default "octocat". */
  author?: string;
  state?: "open" | "closed";
  draft?: boolean;
  merged?: boolean;
  headRef: string;
  /** Default: a sha made from the diff. The head commit's files are not served. */
  headSha?: string;
  /** Default: the repository's default branch. base.sha is its head when the pull request is added. */
  baseRef?: string;
  /** The pull request's unified diff in git's format, served as is for the diff media type. */
  diff: string;
  /** The changed files; read from `diff` when left out. */
  files?: StandInPullFile[];
}

export type FailureStatus = 401 | 403 | 404 | 422 | 429 | 500 | 502 | 503;

/**
 * An injected failure: an error answer (rateLimited: GitHub's primary rate limit, or its secondary
 * one when retryAfterSeconds is given), the real answer after a delay, or the connection destroyed
 * without an answer.
 */
export type Failure =
  | { status: FailureStatus }
  | { status: 403 | 429; rateLimited: { retryAfterSeconds?: number; resetInSeconds?: number } }
  | { delayMs: number }
  | { drop: true };

export interface FailureMatch {
  method?: string;
  /** Tested against the path with its query, e.g. "/repos/acme/app/pulls/1/files?per_page=100". */
  path: RegExp;
}

export interface RecordedRequest {
  method: string;
  /** As sent: percent-encoded, with the query. */
  path: string;
  /** Lower-case names; authorization keeps only its scheme ("token [redacted]"). */
  headers: Record<string, string>;
  /** Parsed when JSON, else the text; undefined when empty. */
  body: unknown;
}

export type ReviewState = "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "PENDING";

export interface AccountJson {
  login: string;
  id: number;
  node_id: string;
  type: "User";
  site_admin: boolean;
  html_url: string;
  url: string;
}

/** A review as the API answers it. */
export interface ReviewJson {
  id: number;
  node_id: string;
  user: AccountJson;
  body: string;
  state: ReviewState;
  html_url: string;
  pull_request_url: string;
  _links: { html: { href: string }; pull_request: { href: string } };
  commit_id: string;
  /** Not for a pending review. */
  submitted_at?: string;
  author_association: string;
}

/** A review created through the API, with the inline comments it was created with. */
export interface ReceivedReview extends ReviewJson {
  comments: ReviewCommentInput[];
}

export interface StandInOptions {
  /** Tokens the stand-in accepts; default one random token. */
  tokens?: string[];
  /** Default: any free port. */
  port?: number;
}

export interface GitHubStandIn {
  /** e.g. http://127.0.0.1:54321 — the baseUrl for Octokit. */
  readonly url: string;
  /** A token it accepts. */
  readonly token: string;
  /** The authenticated user's login: the author of every review created through the API. */
  readonly login: string;
  /** Every request received, in order. */
  readonly requests: readonly RecordedRequest[];
  addRepo(repo: StandInRepo): void;
  addPull(owner: string, repo: string, pull: StandInPull): void;
  /** Commits the file to the default branch; returns the new head sha. Older commits stay readable. */
  setFile(owner: string, repo: string, path: string, content: string): string;
  headSha(owner: string, repo: string): string;
  /** Reviews created through the API, in order. */
  reviews(owner: string, repo: string, number: number): ReceivedReview[];
  /** The next `times` requests that match fail so. */
  failNext(match: FailureMatch, failure: Failure, times?: number): void;
  /** Forgets repositories, pull requests, reviews, requests and failures. */
  reset(): void;
  close(): Promise<void>;
}

// --- State -------------------------------------------------------------------------------------

interface RepoState {
  id: number;
  owner: string;
  name: string;
  defaultBranch: string;
  private: boolean;
  git: GitStore;
  pulls: Map<number, PullState>;
}

interface PullState {
  id: number;
  number: number;
  title: string;
  body: string | null;
  author: string;
  state: "open" | "closed";
  draft: boolean;
  merged: boolean;
  headRef: string;
  headSha: string;
  baseRef: string;
  baseSha: string;
  diff: string;
  files: StandInPullFile[];
  createdAt: string;
  reviews: ReceivedReview[];
}

interface ArmedFailure {
  match: FailureMatch;
  failure: Failure;
  remaining: number;
}

interface State {
  url: string;
  tokens: ReadonlySet<string>;
  repos: Map<string, RepoState>;
  requests: RecordedRequest[];
  failures: ArmedFailure[];
  rate: { used: number; resetAt: number };
  nextId: number;
  timers: Set<NodeJS.Timeout>;
}

const HTML_BASE = "https://github.com";
/** The primary rate-limit message names this user id. */
const STAND_IN_USER = { login: "baton-stand-in", id: 1 };
const RATE_LIMIT = 5000;

const DOCS = {
  root: "https://docs.github.com/rest",
  user: "https://docs.github.com/rest/users/users#get-the-authenticated-user",
  repo: "https://docs.github.com/rest/repos/repos#get-a-repository",
  branch: "https://docs.github.com/rest/branches/branches#get-a-branch",
  commit: "https://docs.github.com/rest/commits/commits#get-a-commit",
  tree: "https://docs.github.com/rest/git/trees#get-a-tree",
  contents: "https://docs.github.com/rest/repos/contents#get-repository-content",
  pull: "https://docs.github.com/rest/pulls/pulls#get-a-pull-request",
  pullFiles: "https://docs.github.com/rest/pulls/pulls#list-pull-requests-files",
  listReviews: "https://docs.github.com/rest/pulls/reviews#list-reviews-for-a-pull-request",
  createReview: "https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request",
  rateLimits: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
};

function repoKey(owner: string, name: string): string {
  // GitHub's owner and repository names are not case sensitive.
  return `${owner}/${name}`.toLowerCase();
}

function freshRate(): State["rate"] {
  return { used: 0, resetAt: Math.floor(Date.now() / 1000) + 3600 };
}

function randomToken(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  return `ghp_${[...randomBytes(36)].map((byte) => alphabet[byte % alphabet.length]).join("")}`;
}

function requireRepo(state: State, owner: string, name: string): RepoState {
  const repo = state.repos.get(repoKey(owner, name));
  if (!repo) throw new Error(`GitHub stand-in: no repository ${owner}/${name}; addRepo it first`);
  return repo;
}

function requirePull(state: State, owner: string, name: string, number: number): PullState {
  const pull = requireRepo(state, owner, name).pulls.get(number);
  if (!pull) throw new Error(`GitHub stand-in: no pull request #${number} in ${owner}/${name}`);
  return pull;
}

function addRepo(state: State, repo: StandInRepo): void {
  if (state.repos.has(repoKey(repo.owner, repo.name))) throw new Error(`GitHub stand-in: ${repo.owner}/${repo.name} was already added`);
  const defaultBranch = repo.defaultBranch ?? "main";
  const git = new GitStore();
  git.commit(defaultBranch, new Map(Object.entries(repo.files)), "Initial commit");
  state.repos.set(repoKey(repo.owner, repo.name), { id: state.nextId++, owner: repo.owner, name: repo.name, defaultBranch, private: repo.private ?? false, git, pulls: new Map() });
}

function addPull(state: State, owner: string, name: string, pull: StandInPull): void {
  const repo = requireRepo(state, owner, name);
  if (repo.pulls.has(pull.number)) throw new Error(`GitHub stand-in: ${owner}/${name} already has pull request #${pull.number}`);
  const baseRef = pull.baseRef ?? repo.defaultBranch;
  const baseSha = repo.git.branches.get(baseRef);
  if (baseSha === undefined) throw new Error(`GitHub stand-in: ${owner}/${name} has no branch ${baseRef}`);
  repo.pulls.set(pull.number, {
    id: state.nextId++,
    number: pull.number,
    title: pull.title ?? `Pull request #${pull.number}`,
    body: pull.body ?? null,
    author: pull.author ?? "octocat",
    state: pull.state ?? "open",
    draft: pull.draft ?? false,
    merged: pull.merged ?? false,
    headRef: pull.headRef,
    headSha: pull.headSha ?? createHash("sha1").update(`${owner}/${name}#${pull.number}\n${pull.diff}`).digest("hex"),
    baseRef,
    baseSha,
    diff: pull.diff,
    files: pull.files ?? parseGitDiff(pull.diff),
    createdAt: new Date().toISOString(),
    reviews: [],
  });
}

function headOf(repo: RepoState): GitCommit {
  return repo.git.resolve(repo.defaultBranch) as GitCommit;
}

function setFile(state: State, owner: string, name: string, path: string, content: string): string {
  const repo = requireRepo(state, owner, name);
  const files = new Map(headOf(repo).files).set(path, content);
  return repo.git.commit(repo.defaultBranch, files, `Update ${path}`).sha;
}

// --- Server ------------------------------------------------------------------------------------

export async function startGitHubStandIn(options: StandInOptions = {}): Promise<GitHubStandIn> {
  const tokens = options.tokens ?? [randomToken()];
  const token = tokens[0];
  if (token === undefined) throw new Error("GitHub stand-in: give at least one token");
  const state: State = { url: "", tokens: new Set(tokens), repos: new Map(), requests: [], failures: [], rate: freshRate(), nextId: 1000, timers: new Set() };
  const server = createServer((req, res) => {
    handle(state, req, res).catch((error: unknown) => send(res, errorReply(500, `GitHub stand-in failed: ${String(error)}`, DOCS.root), state));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: state.url,
    token,
    login: STAND_IN_USER.login,
    requests: state.requests,
    addRepo: (repo) => addRepo(state, repo),
    addPull: (owner, name, pull) => addPull(state, owner, name, pull),
    setFile: (owner, name, path, content) => setFile(state, owner, name, path, content),
    headSha: (owner, name) => headOf(requireRepo(state, owner, name)).sha,
    reviews: (owner, name, number) => structuredClone(requirePull(state, owner, name, number).reviews),
    failNext: (match, failure, times = 1) => {
      // A global or sticky RegExp remembers where it last matched; a plain copy does not.
      const path = new RegExp(match.path.source, match.path.flags.replace(/[gy]/g, ""));
      state.failures.push({ match: { ...match, path }, failure, remaining: times });
    },
    reset: () => {
      state.repos.clear();
      state.requests.length = 0;
      state.failures.length = 0;
      state.rate = freshRate();
    },
    close: () => {
      for (const timer of state.timers) clearTimeout(timer);
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

interface ApiRequest {
  method: string;
  /** As sent, with the query. */
  path: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** A JSON body that does not parse. */
  unparsable: boolean;
}

async function handle(state: State, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const request = await readRequest(state, req);
  state.requests.push(recordOf(request));
  state.rate.used++;
  const failure = takeFailure(state, request);
  if (failure && "drop" in failure) return void req.socket.destroy();
  if (failure && "delayMs" in failure) await sleep(state, failure.delayMs);
  const found = findRoute(request);
  const reply = failure && "status" in failure ? failureReply(failure, found?.route.docs ?? DOCS.root) : answer(state, request, found);
  send(res, reply, state);
}

async function readRequest(state: State, req: IncomingMessage): Promise<ApiRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  const path = req.url ?? "/";
  return { method: req.method ?? "GET", path, url: new URL(`${state.url}${path}`), headers: req.headers, ...parseBody(text, req.headers["content-type"]) };
}

function parseBody(text: string, contentType: string | undefined): { body: unknown; unparsable: boolean } {
  if (text === "") return { body: undefined, unparsable: false };
  if (!/json/i.test(contentType ?? "")) return { body: text, unparsable: false };
  try {
    return { body: JSON.parse(text) as unknown, unparsable: false };
  } catch {
    return { body: text, unparsable: true };
  }
}

function recordOf(request: ApiRequest): RecordedRequest {
  const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(", ") : (value ?? "")]));
  if (headers.authorization !== undefined) {
    // Keep the scheme only; a header without one is all secret.
    const scheme = /^(\S+)\s+\S/.exec(headers.authorization)?.[1];
    headers.authorization = scheme ? `${scheme} [redacted]` : "[redacted]";
  }
  return { method: request.method, path: request.path, headers, body: request.body };
}

function takeFailure(state: State, request: ApiRequest): Failure | undefined {
  const armed = state.failures.find(({ match }) => (match.method === undefined || match.method.toUpperCase() === request.method) && match.path.test(request.path));
  if (!armed) return undefined;
  armed.remaining--;
  if (armed.remaining <= 0) state.failures.splice(state.failures.indexOf(armed), 1);
  return armed.failure;
}

/** Waits; close() cancels the wait, and the request is never answered. */
function sleep(state: State, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      state.timers.delete(timer);
      resolve();
    }, ms);
    state.timers.add(timer);
  });
}

function answer(state: State, request: ApiRequest, found: FoundRoute | undefined): Reply {
  const refused = authenticate(state, request.headers.authorization);
  if (refused) return refused;
  if (request.unparsable) return errorReply(400, "Problems parsing JSON", found?.route.docs ?? DOCS.root);
  if (!found) return errorReply(404, "Not Found", DOCS.root);
  return found.route.handle({ state, request, params: found.params, docs: found.route.docs });
}

/** GitHub takes `token <t>` (what Octokit sends) and `Bearer <t>`. */
function authenticate(state: State, header: string | undefined): Reply | undefined {
  if (!header) return errorReply(401, "Requires authentication", DOCS.root);
  const token = /^(?:token|bearer) +(\S+)$/i.exec(header.trim())?.[1];
  return token !== undefined && state.tokens.has(token) ? undefined : errorReply(401, "Bad credentials", DOCS.root);
}

// --- Replies -----------------------------------------------------------------------------------

type Reply = { status: number; headers?: Record<string, string> } & ({ json: unknown } | { text: string; contentType: string });

const STATUS_MESSAGES: Record<FailureStatus, string> = {
  401: "Bad credentials",
  403: "Forbidden",
  404: "Not Found",
  422: "Validation Failed",
  429: "Too Many Requests",
  500: "Server Error",
  502: "Server Error",
  503: "Service Unavailable",
};

function json(body: unknown, headers?: Record<string, string>): Reply {
  return { status: 200, json: body, ...(headers && { headers }) };
}

/** GitHub's error body: message, documentation_url, the status as a string, sometimes errors. */
function errorReply(status: number, message: string, docs: string, extra: { errors?: unknown[]; headers?: Record<string, string> } = {}): Reply {
  const body = { message, ...(extra.errors && { errors: extra.errors }), documentation_url: docs, status: String(status) };
  return { status, json: body, ...(extra.headers && { headers: extra.headers }) };
}

function notFound(docs: string): Reply {
  return errorReply(404, "Not Found", docs);
}

function failureReply(failure: Extract<Failure, { status: number }>, docs: string): Reply {
  if (!("rateLimited" in failure)) return errorReply(failure.status, STATUS_MESSAGES[failure.status], docs);
  const { retryAfterSeconds, resetInSeconds } = failure.rateLimited;
  const exhausted = (seconds: number) => ({ "x-ratelimit-remaining": "0", "x-ratelimit-used": String(RATE_LIMIT), "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + seconds) });
  if (retryAfterSeconds === undefined) {
    return errorReply(failure.status, `API rate limit exceeded for user ID ${STAND_IN_USER.id}.`, DOCS.rateLimits, { headers: exhausted(resetInSeconds ?? 60) });
  }
  const headers = { "retry-after": String(retryAfterSeconds), ...(resetInSeconds !== undefined && exhausted(resetInSeconds)) };
  return errorReply(failure.status, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", `${DOCS.rateLimits}#about-secondary-rate-limits`, { headers });
}

/** The headers GitHub sends on every answer. */
function standardHeaders(state: State): Record<string, string> {
  const id = randomBytes(14).toString("hex").toUpperCase();
  return {
    "x-ratelimit-limit": String(RATE_LIMIT),
    "x-ratelimit-remaining": String(Math.max(0, RATE_LIMIT - state.rate.used)),
    "x-ratelimit-reset": String(state.rate.resetAt),
    "x-ratelimit-used": String(state.rate.used),
    "x-ratelimit-resource": "core",
    "x-github-request-id": [id.slice(0, 4), id.slice(4, 8), id.slice(8, 14), id.slice(14, 20), id.slice(20, 28)].join(":"),
    "x-github-media-type": "github.v3; format=json",
  };
}

function send(res: ServerResponse, reply: Reply, state: State): void {
  // The client may have gone (a timeout during an injected delay).
  if (res.destroyed || res.headersSent) return;
  const [body, contentType] = "json" in reply ? [JSON.stringify(reply.json), "application/json; charset=utf-8"] : [reply.text, reply.contentType];
  res.writeHead(reply.status, { ...standardHeaders(state), "content-type": contentType, "content-length": String(Buffer.byteLength(body)), ...reply.headers });
  res.end(body);
}

// --- Routes ------------------------------------------------------------------------------------

interface RouteContext {
  state: State;
  request: ApiRequest;
  params: string[];
  docs: string;
}

interface Route {
  method: "GET" | "POST";
  pattern: RegExp;
  docs: string;
  handle: (context: RouteContext) => Reply;
}

interface FoundRoute {
  route: Route;
  params: string[];
}

type RepoHandler = (context: RouteContext, repo: RepoState, ...params: string[]) => Reply;
type PullHandler = (context: RouteContext, repo: RepoState, pull: PullState) => Reply;

/** The repository named by the path's first two parameters, or GitHub's 404. */
function inRepo(handler: RepoHandler): Route["handle"] {
  return (context) => {
    const [owner = "", name = "", ...rest] = context.params;
    const repo = context.state.repos.get(repoKey(owner, name));
    return repo ? handler(context, repo, ...rest) : notFound(context.docs);
  };
}

function inPull(handler: PullHandler): Route["handle"] {
  return inRepo((context, repo, number = "") => {
    const pull = repo.pulls.get(Number(number));
    return pull ? handler(context, repo, pull) : notFound(context.docs);
  });
}

const REPO = "/repos/([^/]+)/([^/]+)";
const PULL = `${REPO}/pulls/(\\d+)`;

const ROUTES: Route[] = [
  { method: "GET", pattern: /^\/user$/, docs: DOCS.user, handle: (context) => json(authenticatedUserJson(context.state)) },
  { method: "GET", pattern: new RegExp(`^${REPO}$`), docs: DOCS.repo, handle: inRepo((context, repo) => json(repoJson(context.state, repo))) },
  { method: "GET", pattern: new RegExp(`^${REPO}/branches/(.+)$`), docs: DOCS.branch, handle: inRepo(getBranch) },
  { method: "GET", pattern: new RegExp(`^${REPO}/commits/(.+)$`), docs: DOCS.commit, handle: inRepo(getCommit) },
  { method: "GET", pattern: new RegExp(`^${REPO}/git/trees/(.+)$`), docs: DOCS.tree, handle: inRepo(getTree) },
  { method: "GET", pattern: new RegExp(`^${REPO}/contents(?:/(.*))?$`), docs: DOCS.contents, handle: inRepo(getContents) },
  { method: "GET", pattern: new RegExp(`^${PULL}$`), docs: DOCS.pull, handle: inPull(getPull) },
  { method: "GET", pattern: new RegExp(`^${PULL}/files$`), docs: DOCS.pullFiles, handle: inPull((context, repo, pull) => paginated(context, pullFilesJson(context.state, repo, pull))) },
  { method: "GET", pattern: new RegExp(`^${PULL}/reviews$`), docs: DOCS.listReviews, handle: inPull((context, _repo, pull) => paginated(context, pull.reviews.map(withoutComments))) },
  { method: "POST", pattern: new RegExp(`^${PULL}/reviews$`), docs: DOCS.createReview, handle: inPull(createReview) },
];

function findRoute(request: ApiRequest): FoundRoute | undefined {
  for (const route of ROUTES) {
    const match = route.pattern.exec(request.url.pathname);
    if (!match || route.method !== request.method) continue;
    try {
      // Octokit sends "/" inside a parameter (a path, a branch) as %2F; GitHub takes it either way.
      return { route, params: match.slice(1).map((param) => decodeURIComponent(param ?? "")) };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Whether the Accept header asks for a custom media type, e.g. application/vnd.github.v3.diff. */
function wantsMedia(request: ApiRequest, param: "diff" | "raw"): boolean {
  return new RegExp(`application/vnd\\.github(?:\\.v3)?\\.${param}\\b`).test(request.headers.accept ?? "");
}

function getBranch(context: RouteContext, repo: RepoState, branch = ""): Reply {
  const commit = repo.git.branches.has(branch) ? repo.git.resolve(branch) : undefined;
  if (!commit) return errorReply(404, "Branch not found", context.docs);
  const api = apiRepoUrl(context.state, repo);
  return json({
    name: branch,
    commit: commitJson(context.state, repo, commit),
    _links: { self: `${api}/branches/${encodeURIComponent(branch)}`, html: `${htmlRepoUrl(repo)}/tree/${branch}` },
    protected: false,
    protection_url: `${api}/branches/${encodeURIComponent(branch)}/protection`,
  } satisfies Documented<Endpoint<"repos", "getBranch">>);
}

function getCommit(context: RouteContext, repo: RepoState, ref = ""): Reply {
  const commit = repo.git.resolve(ref);
  return commit ? json(commitJson(context.state, repo, commit)) : errorReply(422, `No commit found for SHA: ${ref}`, context.docs);
}

/** A tree by its sha, or the root tree of a commit (by sha or branch name), as the endpoint allows. */
function getTree(context: RouteContext, repo: RepoState, ref = ""): Reply {
  const treeSha = repo.git.trees.has(ref) ? ref : repo.git.resolve(ref)?.treeSha;
  if (treeSha === undefined) return notFound(context.docs);
  // Any value turns recursion on, "0" and "false" included; only leaving it out turns it off.
  const recursive = context.request.url.searchParams.has("recursive");
  const api = apiRepoUrl(context.state, repo);
  return json({
    sha: treeSha,
    url: `${api}/git/trees/${treeSha}`,
    tree: repo.git.listTree(treeSha, recursive).map((entry) => ({ ...entry, url: `${api}/git/${entry.type === "tree" ? "trees" : "blobs"}/${entry.sha}` })),
    truncated: false,
  } satisfies Documented<Endpoint<"git", "getTree">>);
}

function getContents(context: RouteContext, repo: RepoState, rawPath = ""): Reply {
  const ref = context.request.url.searchParams.get("ref") ?? repo.defaultBranch;
  const commit = repo.git.resolve(ref);
  if (!commit) return errorReply(404, `No commit found for the ref ${ref}`, context.docs);
  const path = rawPath.replace(/^\/+|\/+$/g, "");
  const entry = repo.git.entryAt(commit.treeSha, path);
  if (!entry) return notFound(context.docs);
  if (entry.type === "tree") {
    return json(repo.git.listTree(entry.sha, false).map((child) => contentJson(context.state, repo, ref, path ? `${path}/${child.path}` : child.path, child)));
  }
  const content = commit.files.get(path) ?? "";
  if (wantsMedia(context.request, "raw")) return { status: 200, text: content, contentType: "text/plain; charset=utf-8", headers: { "x-github-media-type": "github.v3; param=raw" } };
  return json({ ...contentJson(context.state, repo, ref, path, entry), type: "file", encoding: "base64", content: base64Lines(content) } satisfies Documented<FileContent>);
}

/** Base64 in lines of 60 characters, each ending in a newline, as GitHub sends file content. */
function base64Lines(content: string): string {
  const encoded = Buffer.from(content, "utf8").toString("base64");
  return (encoded.match(/.{1,60}/g) ?? []).map((line) => `${line}\n`).join("");
}

function getPull(context: RouteContext, repo: RepoState, pull: PullState): Reply {
  if (wantsMedia(context.request, "diff")) {
    return { status: 200, text: pull.diff, contentType: "application/vnd.github.diff; charset=utf-8", headers: { "x-github-media-type": "github.v3; param=diff" } };
  }
  return json(pullJson(context.state, repo, pull));
}

/** One page of a list, with GitHub's Link header; per_page is 30 unless asked, at most 100. */
function paginated(context: RouteContext, items: unknown[]): Reply {
  const query = context.request.url.searchParams;
  const perPage = Math.min(100, positiveInt(query.get("per_page")) ?? 30);
  const page = positiveInt(query.get("page")) ?? 1;
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const rels: [string, number][] = [];
  if (page > 1) rels.push(["prev", Math.min(page - 1, last)]);
  if (page < last) rels.push(["next", page + 1], ["last", last]);
  if (page > 1) rels.push(["first", 1]);
  const link = rels.map(([rel, number]) => `<${pageUrl(context.request.url, number)}>; rel="${rel}"`).join(", ");
  return json(items.slice((page - 1) * perPage, page * perPage), link ? { link } : undefined);
}

function positiveInt(value: string | null): number | undefined {
  const number = Number(value);
  return value !== null && Number.isInteger(number) && number > 0 ? number : undefined;
}

function pageUrl(url: URL, page: number): string {
  const next = new URL(url);
  next.searchParams.set("page", String(page));
  return next.href;
}

// --- Reviews -----------------------------------------------------------------------------------

const EVENTS = { APPROVE: "APPROVED", REQUEST_CHANGES: "CHANGES_REQUESTED", COMMENT: "COMMENTED" } as const;
type ReviewEvent = keyof typeof EVENTS;

interface ReviewInput {
  body: string;
  /** None: a pending review. */
  event?: ReviewEvent;
  commit_id?: string;
  comments: ReviewCommentInput[];
}

/** An entry of a "Validation Failed" answer, in GitHub's documented form. */
interface FieldError {
  resource: "PullRequestReview" | "PullRequestReviewComment";
  field: string;
  code: "missing_field" | "invalid";
}

function createReview(context: RouteContext, repo: RepoState, pull: PullState): Reply {
  // Every parameter is optional: an empty request makes an empty pending review.
  const body = context.request.body ?? {};
  if (!isObject(body)) return errorReply(400, "Problems parsing JSON", context.docs);
  const input = readReviewInput(body);
  if ("resource" in input) return errorReply(422, "Validation Failed", context.docs, { errors: [input] });
  const refusal = reviewRefusal(pull, input);
  if (refusal !== undefined) return errorReply(422, refusal.message, context.docs, { errors: [refusal.error] });
  const review = newReview(context.state, repo, pull, input);
  pull.reviews.push(review);
  return json(withoutComments(review));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isSide(value: unknown): value is DiffSide | undefined {
  return value === undefined || value === "LEFT" || value === "RIGHT";
}

function isOptionalInt(value: unknown): value is number | undefined {
  return value === undefined || Number.isInteger(value);
}

function isOptionalString(value: unknown): value is string | undefined {
  return value === undefined || typeof value === "string";
}

function isOptionalEvent(value: unknown): value is ReviewEvent | undefined {
  // Own keys only: "toString" is in every object.
  return value === undefined || (typeof value === "string" && Object.hasOwn(EVENTS, value));
}

/** The body as a review input, or the first field that does not fit the documented parameters. */
function readReviewInput(body: Record<string, unknown>): ReviewInput | FieldError {
  const { body: text, event, commit_id: commitId, comments = [] } = body;
  const invalid = (field: string): FieldError => ({ resource: "PullRequestReview", field, code: "invalid" });
  if (!isOptionalEvent(event)) return invalid("event");
  if (!isOptionalString(text)) return invalid("body");
  if (!isOptionalString(commitId)) return invalid("commit_id");
  if (!Array.isArray(comments)) return invalid("comments");
  const parsed: ReviewCommentInput[] = [];
  for (const comment of comments as unknown[]) {
    const read = readComment(comment);
    if ("resource" in read) return read;
    parsed.push(read);
  }
  return { body: text ?? "", event, ...(commitId !== undefined && { commit_id: commitId }), comments: parsed };
}

function readComment(comment: unknown): ReviewCommentInput | FieldError {
  const error = (field: string, code: FieldError["code"]): FieldError => ({ resource: "PullRequestReviewComment", field, code });
  if (!isObject(comment)) return error("comments", "invalid");
  const { path, body, line, side, start_line: startLine, start_side: startSide, position } = comment;
  if (typeof path !== "string") return error("path", "missing_field");
  if (typeof body !== "string") return error("body", "missing_field");
  if (!isOptionalInt(line)) return error("line", "invalid");
  if (!isOptionalInt(startLine)) return error("start_line", "invalid");
  if (!isOptionalInt(position)) return error("position", "invalid");
  if (!isSide(side)) return error("side", "invalid");
  if (!isSide(startSide)) return error("start_side", "invalid");
  return withoutUndefined({ path, body, line, side, start_line: startLine, start_side: startSide, position });
}

/** The object without its undefined fields, so that a recorded comment has only what was sent. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

/** Why GitHub would refuse the review (the documented rules, with GitHub's messages), if it would. */
function reviewRefusal(pull: PullState, input: ReviewInput): { message: string; error: string | FieldError } | undefined {
  const blank = input.body.trim() === "";
  if (input.event === "REQUEST_CHANGES" && blank) return { message: "Unprocessable Entity", error: "You need to leave a comment indicating the requested changes." };
  if (input.event === "COMMENT" && blank) return { message: "Validation Failed", error: { resource: "PullRequestReview", field: "body", code: "missing_field" } };
  if (input.event === undefined && pull.reviews.some((review) => review.state === "PENDING")) {
    return { message: "Unprocessable Entity", error: "User can only have one pending review per pull request" };
  }
  const problems = new Set(input.comments.flatMap((comment) => placementProblems(pull.files.find((file) => file.filename === comment.path), comment)));
  if (problems.size === 0) return undefined;
  // GitHub joins every problem into one sentence, and adds this one to any of them.
  return { message: "Unprocessable Entity", error: toSentence([...problems, "Pull request review thread diff hunk can't be blank"]) };
}

function toSentence(parts: string[]): string {
  if (parts.length <= 2) return parts.join(" and ");
  return `${parts.slice(0, -1).join(", ")}, and ${parts.at(-1)}`;
}

function newReview(state: State, repo: RepoState, pull: PullState, input: ReviewInput): ReceivedReview {
  const id = state.nextId++;
  const html = `${htmlRepoUrl(repo)}/pull/${pull.number}#pullrequestreview-${id}`;
  const pullUrl = `${apiRepoUrl(state, repo)}/pulls/${pull.number}`;
  const reviewState: ReviewState = input.event === undefined ? "PENDING" : EVENTS[input.event];
  const review = {
    id,
    node_id: nodeId("PRR", id),
    user: accountJson(state, STAND_IN_USER.login, STAND_IN_USER.id),
    body: input.body,
    state: reviewState,
    html_url: html,
    pull_request_url: pullUrl,
    _links: { html: { href: html }, pull_request: { href: pullUrl } },
    commit_id: input.commit_id ?? pull.headSha,
    author_association: "COLLABORATOR",
    // A pending review has not been submitted.
    ...(reviewState !== "PENDING" && { submitted_at: new Date().toISOString() }),
  } satisfies Documented<Endpoint<"pulls", "createReview">>;
  return { ...review, comments: input.comments };
}

function withoutComments({ comments: _comments, ...review }: ReceivedReview): ReviewJson {
  return review;
}

// --- JSON shapes -------------------------------------------------------------------------------

/** The response data of an Octokit REST method, as GitHub's OpenAPI description types it. */
type Endpoint<S extends keyof RestEndpointMethodTypes, M extends keyof RestEndpointMethodTypes[S]> = RestEndpointMethodTypes[S][M] extends { response: { data: infer D } } ? D : never;
/** Any part of a documented shape: the fields given must have GitHub's names and types. */
type Documented<T> = T extends readonly (infer U)[] ? Documented<U>[] : T extends object ? { [K in keyof T]?: Documented<T[K]> } : T;
type FileContent = Extract<Endpoint<"repos", "getContent">, { type: "file" }>;
type DirectoryEntry = Extract<Endpoint<"repos", "getContent">, unknown[]>[number];

function nodeId(prefix: string, key: string | number): string {
  return `${prefix}_${Buffer.from(String(key)).toString("base64url")}`;
}

function apiRepoUrl(state: State, repo: RepoState): string {
  return `${state.url}/repos/${repo.owner}/${repo.name}`;
}

function htmlRepoUrl(repo: RepoState): string {
  return `${HTML_BASE}/${repo.owner}/${repo.name}`;
}

/** A stable id for an account the stand-in only knows by login. */
function accountId(login: string): number {
  return login === STAND_IN_USER.login ? STAND_IN_USER.id : parseInt(createHash("sha1").update(login).digest("hex").slice(0, 7), 16);
}

function accountJson(state: State, login: string, id = accountId(login)): AccountJson {
  return {
    login,
    id,
    node_id: nodeId("U", id),
    type: "User" as const,
    site_admin: false,
    html_url: `${HTML_BASE}/${login}`,
    url: `${state.url}/users/${login}`,
  } satisfies Documented<Endpoint<"users", "getByUsername">>;
}

function authenticatedUserJson(state: State) {
  return { ...accountJson(state, STAND_IN_USER.login), name: "Baton Stand-in" } satisfies Documented<Endpoint<"users", "getAuthenticated">>;
}

function repoJson(state: State, repo: RepoState) {
  return {
    id: repo.id,
    node_id: nodeId("R", repo.id),
    name: repo.name,
    full_name: `${repo.owner}/${repo.name}`,
    private: repo.private,
    visibility: repo.private ? "private" : "public",
    owner: accountJson(state, repo.owner),
    html_url: htmlRepoUrl(repo),
    description: null,
    fork: false,
    url: apiRepoUrl(state, repo),
    default_branch: repo.defaultBranch,
    archived: false,
    disabled: false,
    permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
  } satisfies Documented<Endpoint<"repos", "get">>;
}

function commitJson(state: State, repo: RepoState, commit: GitCommit) {
  const api = apiRepoUrl(state, repo);
  const signature = { ...COMMIT_AUTHOR, date: commit.date };
  return {
    sha: commit.sha,
    node_id: nodeId("C", commit.sha),
    url: `${api}/commits/${commit.sha}`,
    html_url: `${htmlRepoUrl(repo)}/commit/${commit.sha}`,
    commit: { message: commit.message, author: signature, committer: signature, tree: { sha: commit.treeSha, url: `${api}/git/trees/${commit.treeSha}` }, url: `${api}/git/commits/${commit.sha}` },
    parents: commit.parents.map((sha) => ({ sha, url: `${api}/commits/${sha}`, html_url: `${htmlRepoUrl(repo)}/commit/${sha}` })),
  } satisfies Documented<Endpoint<"repos", "getCommit">>;
}

/** A file or directory entry of the contents API (the shape both share). */
function contentJson(state: State, repo: RepoState, ref: string, path: string, entry: TreeEntry) {
  const url = `${apiRepoUrl(state, repo)}/contents/${path.split("/").map(encodeURIComponent).join("/")}?ref=${encodeURIComponent(ref)}`;
  const gitUrl = `${apiRepoUrl(state, repo)}/git/${entry.type === "tree" ? "trees" : "blobs"}/${entry.sha}`;
  const htmlUrl = `${htmlRepoUrl(repo)}/${entry.type === "tree" ? "tree" : "blob"}/${ref}/${path}`;
  return {
    type: entry.type === "tree" ? "dir" : "file",
    size: entry.size ?? 0,
    name: path.split("/").at(-1) ?? "",
    path,
    sha: entry.sha,
    url,
    git_url: gitUrl,
    html_url: htmlUrl,
    // GitHub points at raw.githubusercontent.com; null keeps clients off the network.
    download_url: null,
    _links: { self: url, git: gitUrl, html: htmlUrl },
  } satisfies Documented<DirectoryEntry>;
}

function pullFilesJson(state: State, repo: RepoState, pull: PullState) {
  return pull.files.map((file) => {
    const { additions, deletions } = countChanges(file.patch);
    const contentsPath = file.filename.split("/").map(encodeURIComponent).join("/");
    return {
      // GitHub gives the blob's sha at the head; the stand-in does not hold the head's files.
      sha: createHash("sha1").update(`${pull.headSha}:${file.filename}`).digest("hex"),
      filename: file.filename,
      status: file.status,
      additions,
      deletions,
      changes: additions + deletions,
      blob_url: `${htmlRepoUrl(repo)}/blob/${pull.headSha}/${file.filename}`,
      raw_url: `${htmlRepoUrl(repo)}/raw/${pull.headSha}/${file.filename}`,
      contents_url: `${apiRepoUrl(state, repo)}/contents/${contentsPath}?ref=${pull.headSha}`,
      ...(file.patch !== undefined && { patch: file.patch }),
      ...(file.previousFilename !== undefined && { previous_filename: file.previousFilename }),
    } satisfies Documented<Endpoint<"pulls", "listFiles">[number]>;
  });
}

function pullJson(state: State, repo: RepoState, pull: PullState) {
  const api = `${apiRepoUrl(state, repo)}/pulls/${pull.number}`;
  const html = `${htmlRepoUrl(repo)}/pull/${pull.number}`;
  const totals = pull.files.map((file) => countChanges(file.patch));
  const branch = (ref: string, sha: string) => ({ label: `${repo.owner}:${ref}`, ref, sha, user: accountJson(state, repo.owner), repo: repoJson(state, repo) });
  return {
    url: api,
    id: pull.id,
    node_id: nodeId("PR", pull.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    number: pull.number,
    state: pull.state,
    locked: false,
    title: pull.title,
    body: pull.body,
    user: accountJson(state, pull.author),
    created_at: pull.createdAt,
    updated_at: pull.createdAt,
    closed_at: pull.state === "closed" ? pull.createdAt : null,
    merged_at: pull.merged ? pull.createdAt : null,
    draft: pull.draft,
    merged: pull.merged,
    head: branch(pull.headRef, pull.headSha),
    base: branch(pull.baseRef, pull.baseSha),
    commits: 1,
    additions: totals.reduce((sum, count) => sum + count.additions, 0),
    deletions: totals.reduce((sum, count) => sum + count.deletions, 0),
    changed_files: pull.files.length,
  } satisfies Documented<Endpoint<"pulls", "get">>;
}

// --- Standalone --------------------------------------------------------------------------------

const DEMO_DIFF = `diff --git a/src/greet.ts b/src/greet.ts
index 3b18e51..a9c2f4e 100644
--- a/src/greet.ts
+++ b/src/greet.ts
@@ -1,3 +1,3 @@
 export function greet(name: string): string {
-  return "Hi " + name;
+  return \`Hello, \${name}!\`;
 }
`;

async function serveDemo(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: "string", default: "4010" } } });
  const standIn = await startGitHubStandIn({ port: Number(values.port) });
  standIn.addRepo({ owner: "octo-org", name: "demo", files: { "README.md": "# Demo\n", "src/greet.ts": 'export function greet(name: string): string {\n  return "Hi " + name;\n}\n' } });
  standIn.addPull("octo-org", "demo", { number: 1, title: "DEMO-1: Greet politely", headRef: "demo-1-greet", diff: DEMO_DIFF });
  console.log(`GitHub stand-in at ${standIn.url}\ntoken: ${standIn.token}\ntry: curl -H "Authorization: token ${standIn.token}" ${standIn.url}/repos/octo-org/demo/pulls/1/files`);
  process.once("SIGINT", () => void standIn.close().then(() => process.exit(0)));
}

/** Whether this module is the program being run (not imported). */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  return script !== undefined && existsSync(script) && pathToFileURL(realpathSync(script)).href === import.meta.url;
}

if (isEntryPoint()) await serveDemo();
