import { createHash } from "node:crypto";

// The GitHub stand-in's repositories, stored as git stores them: blobs, trees and commits named by
// git's own object hashes (SHA-1 of "<type> <size>\0<body>"). So shas behave like GitHub's: a file's
// sha is what `git hash-object` prints, and changing a file changes its blob, every tree above it and
// the commit. Pure bookkeeping: no I/O.

export interface TreeEntry {
  /** The entry's name within its tree, or its path from the root in a recursive listing. */
  path: string;
  /** As GitHub's trees API writes it (git itself writes "40000" for a tree). */
  mode: "100644" | "040000";
  type: "blob" | "tree";
  sha: string;
  /** Bytes; blobs only. */
  size?: number;
}

export interface GitTree {
  sha: string;
  entries: TreeEntry[];
}

export interface GitCommit {
  sha: string;
  treeSha: string;
  parents: string[];
  message: string;
  /** ISO 8601; commits are a minute apart from a fixed start, so shas are the same on every run. */
  date: string;
  /** Path → content of every file in the commit. */
  files: ReadonlyMap<string, string>;
}

export const COMMIT_AUTHOR = { name: "Baton Stand-in", email: "stand-in@example.invalid" };
const FIRST_COMMIT_AT = Date.UTC(2024, 0, 1);

/** git's name for an object: the SHA-1 of its header and body. */
function objectSha(type: "blob" | "tree" | "commit", body: Buffer): string {
  return createHash("sha1").update(`${type} ${body.length}\0`).update(body).digest("hex");
}

export function blobSha(content: string): string {
  return objectSha("blob", Buffer.from(content, "utf8"));
}

/** Git sorts a tree's entries by name as bytes, a subtree's name as if it ended in "/". */
function compareEntries(a: TreeEntry, b: TreeEntry): number {
  const key = (entry: TreeEntry) => Buffer.from(entry.type === "tree" ? `${entry.path}/` : entry.path, "utf8");
  return Buffer.compare(key(a), key(b));
}

function checkPath(path: string): void {
  if (path.split("/").some((segment) => segment === "" || segment === "." || segment === "..")) {
    throw new Error(`GitHub stand-in: "${path}" is not a file path inside a repository`);
  }
}

/** The files' first path segment: files at this level, and the files under each subdirectory. */
function splitLevel(files: Iterable<[string, string]>) {
  const blobs = new Map<string, string>();
  const dirs = new Map<string, [string, string][]>();
  for (const [path, content] of files) {
    const slash = path.indexOf("/");
    if (slash === -1) {
      blobs.set(path, content);
      continue;
    }
    const name = path.slice(0, slash);
    const children = dirs.get(name) ?? [];
    children.push([path.slice(slash + 1), content]);
    dirs.set(name, children);
  }
  const clash = [...blobs.keys()].find((name) => dirs.has(name));
  if (clash !== undefined) throw new Error(`GitHub stand-in: "${clash}" is both a file and a directory`);
  return { blobs, dirs };
}

/** Writes the tree of these files (and every subtree) into `trees`; returns the root tree's sha. */
function writeTree(files: Iterable<[string, string]>, trees: Map<string, GitTree>): string {
  const { blobs, dirs } = splitLevel(files);
  const entries: TreeEntry[] = [
    ...[...blobs].map(([path, content]): TreeEntry => ({ path, mode: "100644", type: "blob", sha: blobSha(content), size: Buffer.byteLength(content, "utf8") })),
    ...[...dirs].map(([path, children]): TreeEntry => ({ path, mode: "040000", type: "tree", sha: writeTree(children, trees) })),
  ].sort(compareEntries);
  const body = Buffer.concat(entries.flatMap((entry) => [Buffer.from(`${entry.type === "tree" ? "40000" : "100644"} ${entry.path}\0`, "utf8"), Buffer.from(entry.sha, "hex")]));
  const sha = objectSha("tree", body);
  trees.set(sha, { sha, entries });
  return sha;
}

function commitBody(treeSha: string, parents: string[], message: string, date: Date): Buffer {
  const ident = `${COMMIT_AUTHOR.name} <${COMMIT_AUTHOR.email}> ${Math.floor(date.getTime() / 1000)} +0000`;
  const lines = [`tree ${treeSha}`, ...parents.map((parent) => `parent ${parent}`), `author ${ident}`, `committer ${ident}`, "", message, ""];
  return Buffer.from(lines.join("\n"), "utf8");
}

/** One repository's objects and branches. */
export class GitStore {
  readonly commits = new Map<string, GitCommit>();
  readonly trees = new Map<string, GitTree>();
  readonly branches = new Map<string, string>();

  /** A new commit of exactly these files on top of the branch's head (if any); moves the branch to it. */
  commit(branch: string, files: ReadonlyMap<string, string>, message: string): GitCommit {
    for (const path of files.keys()) checkPath(path);
    const treeSha = writeTree(files, this.trees);
    const parent = this.branches.get(branch);
    const parents = parent === undefined ? [] : [parent];
    const date = new Date(FIRST_COMMIT_AT + this.commits.size * 60_000);
    const sha = objectSha("commit", commitBody(treeSha, parents, message, date));
    const commit: GitCommit = { sha, treeSha, parents, message, date: date.toISOString(), files: new Map(files) };
    this.commits.set(sha, commit);
    this.branches.set(branch, sha);
    return commit;
  }

  /** The commit a branch name or a full commit sha names. */
  resolve(ref: string): GitCommit | undefined {
    return this.commits.get(this.branches.get(ref) ?? ref);
  }

  /** The entry at a path below a tree ("" is the tree itself, as a tree entry). */
  entryAt(treeSha: string, path: string): TreeEntry | undefined {
    let entry: TreeEntry | undefined = { path: "", mode: "040000", type: "tree", sha: treeSha };
    for (const name of path.split("/").filter(Boolean)) {
      const tree: GitTree | undefined = entry?.type === "tree" ? this.trees.get(entry.sha) : undefined;
      entry = tree?.entries.find((child) => child.path === name);
    }
    return entry;
  }

  /** A tree's entries; recursive lists every subtree before its contents, paths from this tree. */
  listTree(treeSha: string, recursive: boolean, prefix = ""): TreeEntry[] {
    const tree = this.trees.get(treeSha);
    if (!tree) return [];
    return tree.entries.flatMap((entry) => {
      const listed = { ...entry, path: `${prefix}${entry.path}` };
      return recursive && entry.type === "tree" ? [listed, ...this.listTree(entry.sha, true, `${listed.path}/`)] : [listed];
    });
  }
}
