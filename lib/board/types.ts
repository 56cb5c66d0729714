import type { AgentKind } from "@/lib/agent/schema";
import type { Principal } from "@/lib/core/roles";
import type { TaskCardData, TaskPerson } from "@/lib/task/types";

export interface BoardView {
  workspace: { slug: string; name: string };
  board: { id: string; key: string; name: string };
  role: Principal;
  /** Where the board's live stream starts replaying changes (ISO): a little before this view was read. */
  liveSince: string;
  /** The signed-in member looking at the board (null for an agent's token). */
  viewerId: string | null;
  /** The workspace's readiness gate for delegate specs. */
  specThreshold: number;
  /** Review loops a delegated task may use (the "1/2" on cards). */
  loopLimit: number;
  /** The workspace's agents, for assignment. */
  agents: { id: string; name: string; kind: AgentKind }[];
  tasks: TaskCardData[];
  members: TaskPerson[];
  labels: string[];
}
