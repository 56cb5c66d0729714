import type { Finding } from "./lint";

export interface SpecState {
  markdown: string;
  revision: number;
  score: number | null;
  updatedBy: { name: string | null; email: string } | null;
  updatedAt: string | null;
}

export interface RevisionSummary {
  number: number;
  score: number;
  author: { name: string | null; email: string } | null;
  createdAt: string;
}

export interface TemplateSummary {
  id: string;
  name: string;
  description: string;
  markdown: string;
  builtIn: boolean;
}

export interface LintResponse {
  score: number;
  findings: Finding[];
}
