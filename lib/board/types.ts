import type { Principal } from "@/lib/core/roles";
import type { TaskCardData, TaskPerson } from "@/lib/task/types";

export interface BoardView {
  workspace: { slug: string; name: string };
  board: { id: string; key: string; name: string };
  role: Principal;
  /** The workspace's readiness gate for delegate specs. */
  specThreshold: number;
  tasks: TaskCardData[];
  members: TaskPerson[];
  labels: string[];
}
