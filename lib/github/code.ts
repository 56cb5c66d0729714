import "server-only";
import { notCounted } from "@/lib/core/deadline";
import { AppError } from "@/lib/core/errors";
import { type WorkspaceScope } from "@/lib/core/scope";
import { indexPaths, judge, locate, countLines, parseReference, type PathIndex, type ReferenceCheck, type ReferenceReport } from "@/lib/spec/references";
import { branchHead, defaultBranchOf, fileAt, filePathsAt } from "./api";
import { describeGitHubError, type GitHubCredentials } from "./client";
import { connectionCredentials, findCodeSnapshot, findTaskRepository, type CodeSnapshotView } from "./data";
import { addLineCounts, saveCodeSnapshot } from "./mutations";

// Spec references checked against the code: each `path:line` of a spec is looked up at the head
// of the default branch of the board's repository. The editor asks on every change to the set of
// references, so the answer must be quick without asking GitHub each time:
//   - the head commit of a branch is remembered for a minute (BATON_GITHUB_HEAD_TTL_SECONDS);
//   - what is read at a commit (the file list, and the line counts of the files specs point into)
//     is stored per commit (code_snapshots), and the latest ones are also kept in memory; a commit
//     never changes, so none of it goes stale, and a new head is read afresh.
// GitHub's time is not counted against the request's database deadline (it has its own timeout).

const headTtlMs = () => Number(process.env.BATON_GITHUB_HEAD_TTL_SECONDS ?? 60) * 1000;
/** Files read at once when several references point into files not read before. */
const READ_CONCURRENCY = 6;
const MEMORY_SNAPSHOTS = 20;

interface Snapshot extends CodeSnapshotView {
  index: PathIndex;
}

const heads = new Map<string, { commit: string; at: number }>();
const snapshots = new Map<string, Snapshot>();

/** Forgets what this process remembers (as a restart or another instance would): for tests. */
export function forgetCodeCache(): void {
  heads.clear();
  snapshots.clear();
}

export async function checkSpecReferences(scope: WorkspaceScope, taskKey: string, texts: readonly string[]): Promise<ReferenceReport> {
  const { repository, defaultBranch } = await findTaskRepository(scope, taskKey);
  const report = (state: ReferenceReport["state"], message: string | null, extra: Partial<ReferenceReport> = {}): ReferenceReport => ({
    state,
    repository,
    branch: defaultBranch,
    commit: null,
    message,
    references: [],
    ...extra,
  });
  if (!repository) return report("not-linked", "This board is not linked to a GitHub repository: link it in Settings → GitHub to check references against the code.");
  const credentials = await connectionCredentials(scope.workspaceId);
  if (!credentials) return report("not-connected", "The workspace is not connected to GitHub: an admin can connect it in Settings → GitHub.");

  let branch = defaultBranch;
  let commit: string;
  let snapshot: Snapshot;
  try {
    branch ??= await notCounted(() => defaultBranchOf(credentials, repository));
    commit = await headOf(scope, credentials, repository, branch);
    snapshot = await snapshotAt(scope, credentials, repository, commit);
  } catch (error) {
    const reason = error instanceof AppError ? (error.fields?.repository?.[0] ?? error.message) : describeGitHubError(error).message;
    return report("unavailable", `Could not read ${repository} on GitHub: ${reason}`, { branch });
  }

  const where = { repository, branch };
  const refs = [...new Set(texts)].flatMap((text) => {
    const ref = parseReference(text);
    return ref ? [{ ref, location: locate(ref.path, snapshot.index) }] : [];
  });
  // Line counts of the files that references name lines in, read once per commit (another
  // instance may have read some since this one remembered the snapshot: look in the table first).
  const uncounted = () => [...new Set(refs.flatMap(({ ref, location }) => (ref.start !== null && location.kind === "found" && !(location.path in snapshot.lineCounts) ? [location.path] : [])))];
  if (uncounted().length > 0) Object.assign(snapshot.lineCounts, (await findCodeSnapshot(scope, repository, commit))?.lineCounts);
  const unread = uncounted();
  const failed = new Set<string>();
  if (unread.length > 0) {
    const counted: Record<string, number> = {};
    await notCounted(() =>
      eachLimited(unread, READ_CONCURRENCY, async (path) => {
        try {
          const content = await fileAt(credentials, repository, commit, path);
          if (content !== null) counted[path] = countLines(content);
        } catch {
          failed.add(path); // said on the reference; the next check tries again
        }
      }),
    );
    if (Object.keys(counted).length > 0) {
      await addLineCounts(scope, snapshot.id, counted);
      Object.assign(snapshot.lineCounts, counted);
    }
  }
  const references = refs.map(({ ref, location }): ReferenceCheck => {
    const lines = location.kind === "found" ? (snapshot.lineCounts[location.path] ?? null) : null;
    const check = judge(ref, location, lines, where);
    if (location.kind === "found" && failed.has(location.path)) return { ...check, message: `${check.message} GitHub did not send the file; it is checked again on the next change.` };
    return check;
  });
  return { state: "checked", repository, branch, commit, message: null, references };
}

async function headOf(scope: WorkspaceScope, credentials: GitHubCredentials, repository: string, branch: string): Promise<string> {
  const key = `${scope.workspaceId}\n${credentials.apiUrl}\n${repository}\n${branch}`;
  const known = heads.get(key);
  if (known && Date.now() - known.at < headTtlMs()) return known.commit;
  const commit = await notCounted(() => branchHead(credentials, repository, branch));
  heads.set(key, { commit, at: Date.now() });
  return commit;
}

async function snapshotAt(scope: WorkspaceScope, credentials: GitHubCredentials, repository: string, commit: string): Promise<Snapshot> {
  const key = `${scope.workspaceId}\n${repository}\n${commit}`;
  const inMemory = snapshots.get(key);
  if (inMemory) {
    // Most recently used last, so the oldest goes first.
    snapshots.delete(key);
    snapshots.set(key, inMemory);
    return inMemory;
  }
  const stored = (await findCodeSnapshot(scope, repository, commit)) ?? (await saveCodeSnapshot(scope, repository, commit, await notCounted(() => filePathsAt(credentials, repository, commit))));
  const snapshot = { ...stored, index: indexPaths(stored.paths, stored.truncated) };
  snapshots.set(key, snapshot);
  if (snapshots.size > MEMORY_SNAPSHOTS) snapshots.delete(snapshots.keys().next().value as string);
  return snapshot;
}

async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
