// Syntax highlighting for react-diff-view, shared by the task view's diff and the review page.
import { tokenize, type FileData, type HunkTokens } from "react-diff-view";
import { refractor } from "refractor";
import jsx from "refractor/jsx";
import tsx from "refractor/tsx";

refractor.register(jsx);
refractor.register(tsx);

// react-diff-view was written against refractor 2, whose highlight() returned the children array.
const highlighter = { highlight: (text: string, language: string) => refractor.highlight(text, language).children } as unknown as Parameters<
  typeof tokenize
>[1] extends infer O
  ? O extends { refractor: infer R }
    ? R
    : never
  : never;

const LANGUAGE_BY_EXTENSION: Record<string, string> = {
  ts: "typescript",
  mts: "typescript",
  cts: "typescript",
  tsx: "tsx",
  js: "javascript",
  mjs: "javascript",
  cjs: "javascript",
  jsx: "jsx",
  json: "json",
  css: "css",
  scss: "scss",
  md: "markdown",
  sql: "sql",
  sh: "bash",
  yml: "yaml",
  yaml: "yaml",
  py: "python",
  go: "go",
  rs: "rust",
  rb: "ruby",
  java: "java",
};

export function languageOf(path: string): string | null {
  const extension = path.split(".").pop()?.toLowerCase() ?? "";
  const language = LANGUAGE_BY_EXTENSION[extension];
  return language && refractor.registered(language) ? language : null;
}

export function pathOf(file: FileData): string {
  return file.type === "delete" ? file.oldPath : file.newPath;
}

export function changedLines(file: FileData): number {
  return file.hunks.reduce((n, hunk) => n + hunk.changes.filter((c) => c.type !== "normal").length, 0);
}

/** Highlighted tokens for a file's hunks, or undefined when the language is unknown or it fails. */
export function highlight(file: FileData): HunkTokens | undefined {
  const language = languageOf(pathOf(file));
  if (!language) return undefined;
  try {
    return tokenize(file.hunks, { highlight: true, refractor: highlighter, language });
  } catch {
    return undefined; // highlighting is a nicety; the diff still shows
  }
}
