import type { Lane, Status } from "./schema";

// What the browser receives about a task. Plain JSON, safe to import from client components.
export interface TaskPerson {
  id: string;
  name: string | null;
  email: string;
}

export interface TaskCardData {
  id: string;
  key: string;
  number: number;
  title: string;
  lane: Lane;
  status: Status;
  position: string;
  labels: string[];
  version: number;
  owner: TaskPerson | null;
  updatedAt: string;
}

/** A card plus what only the task view needs (kept off the board, which may hold 1,000 cards). */
export interface TaskDetail extends TaskCardData {
  description: string;
}

export interface TaskEventData {
  id: string;
  type: string;
  actor: TaskPerson | null;
  before: unknown;
  after: unknown;
  createdAt: string;
}
