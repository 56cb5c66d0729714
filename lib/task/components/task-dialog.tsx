"use client";

import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { Skeleton } from "@/components/ui/misc";
import { TabPanel, Tabs } from "@/components/ui/tabs";
import { AgentRecordTable } from "@/lib/agent/components/agent-record";
import { AssignAgent } from "@/lib/agent/components/assign-agent";
import type { AgentKind } from "@/lib/agent/schema";
import { hasRole, type Principal } from "@/lib/core/roles";
import { apiFetch } from "@/lib/http/client";
import { LANE_LABEL, STATUS_LABEL } from "../schema";
import type { TaskCardData, TaskDetail, TaskPerson } from "../types";
import { Lifecycle } from "./agent-lifecycle";
import { TaskSession } from "@/lib/session/components/start-session";
import { DetailsForm } from "./details-form";
import { History } from "./task-history";
import { TriagePanel } from "./triage-panel";

// The editor (CodeMirror, markdown) and the attempts' diff viewer are most of the dialog's code:
// each loads when its tab is first shown, so that opening a card fetches only the details.
const tabLoading = () => <Skeleton className="h-40" />;
const SpecEditor = dynamic(() => import("@/lib/spec/components/spec-editor").then((m) => m.SpecEditor), { ssr: false, loading: tabLoading });
const Revisions = dynamic(() => import("@/lib/spec/components/revisions").then((m) => m.Revisions), { ssr: false, loading: tabLoading });
const Submissions = dynamic(() => import("@/lib/agent/components/submissions").then((m) => m.Submissions), { ssr: false, loading: tabLoading });

interface Props {
  workspace: string;
  board: string;
  taskKey: string;
  task: TaskCardData | undefined;
  members: TaskPerson[];
  role: Principal;
  viewerId: string | null;
  specThreshold: number;
  agents: { id: string; name: string; kind: AgentKind }[];
  onClose: () => void;
}

type Tab = "details" | "triage" | "spec" | "revisions" | "attempts" | "history";

export function TaskDialog({ workspace, board, taskKey, task, members, role, viewerId, specThreshold, agents, onClose }: Props) {
  const readOnly = !hasRole(role, "member");
  // The board holds cards only; the full task (description, …) is loaded when it is opened.
  const detail = useQuery({
    queryKey: ["task", workspace, taskKey],
    queryFn: () => apiFetch<{ task: TaskDetail }>(`/api/w/${workspace}/tasks/${taskKey}`),
    enabled: task !== undefined,
    staleTime: 0,
  });
  if (!task || detail.isError) {
    return (
      <Dialog open onOpenChange={(open) => !open && onClose()} title={taskKey}>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">This task is not on this board any more. It may have been deleted or moved.</p>
      </Dialog>
    );
  }
  if (!detail.data) {
    return (
      <Dialog open onOpenChange={(open) => !open && onClose()} title={readOnly ? task.key : `Edit ${task.key}`}>
        <div className="space-y-3" aria-busy="true">
          <Skeleton className="h-9" />
          <Skeleton className="h-40" />
          <Skeleton className="h-9 w-2/3" />
        </div>
      </Dialog>
    );
  }
  return (
    <TaskView workspace={workspace} board={board} task={{ ...detail.data.task, ...task }} members={members} role={role} viewerId={viewerId} specThreshold={specThreshold} agents={agents} onClose={onClose} />
  );
}

const TAB_LABEL: Record<Tab, string> = { details: "Details", triage: "Triage", spec: "Spec", revisions: "Revisions", attempts: "Attempts", history: "History" };

/** The task: its fields, triage, spec (a brief outside the delegate lane), revisions and history. */
function TaskView({ workspace, board, task, members, role, viewerId, specThreshold, agents, onClose }: Omit<Props, "task" | "taskKey"> & { task: TaskDetail }) {
  const readOnly = !hasRole(role, "member");
  const [tab, setTab] = useState<Tab>(task.status === "in_review" && task.attempts > 0 ? "attempts" : "details");
  const tabs: Tab[] = ["details", "triage", "spec", "revisions", "attempts", "history"];
  const tabLabel = (t: Tab) => (
    <>
      {t === "spec" && task.lane !== "delegate" ? "Brief" : TAB_LABEL[t]}
      {t === "attempts" && task.attempts > 0 && <span className="ml-1 rounded-full bg-zinc-200 px-1.5 text-xs dark:bg-zinc-700">{task.attempts}</span>}
    </>
  );
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={readOnly ? `${task.key} · ${task.title}` : `Edit ${task.key}`}
      description={`${LANE_LABEL[task.lane]} · ${STATUS_LABEL[task.status]} · version ${task.version}`}
      className="w-[min(72rem,calc(100vw-2rem))]"
    >
      {task.lane === "leverage" && (
        <TaskSession workspace={workspace} taskKey={task.key} session={task.session} viewerId={viewerId} canStart={!readOnly && viewerId !== null} />
      )}
      {task.agent && task.lifecycle && <Lifecycle stage={task.lifecycle.stage} at={task.lifecycle.at} agent={task.agent.name} attempts={task.attempts} />}
      <Tabs value={tab} onValueChange={setTab} label="Task sections" listClassName="-mt-1 mb-4" tabs={tabs.map((t) => ({ value: t, label: tabLabel(t) }))}>
        <TabPanel value="details">
          {task.lane === "delegate" && (
            <div className="mb-4 space-y-3">
              <div className="max-w-sm">
                <AssignAgent workspace={workspace} board={board} taskKey={task.key} agentId={task.agent?.id ?? null} agents={agents} disabled={readOnly} />
              </div>
              <AgentRecordTable workspace={workspace} taskKey={task.key} labels={task.labels} hasAgents={agents.length > 0} />
            </div>
          )}
          <DetailsForm workspace={workspace} board={board} task={task} members={members} readOnly={readOnly} onClose={onClose} />
        </TabPanel>
        <TabPanel value="triage">
          <TriagePanel workspace={workspace} board={board} taskKey={task.key} initial={task.triage} readOnly={readOnly} />
        </TabPanel>
        <TabPanel value="spec">
          <SpecEditor
            workspace={workspace}
            taskKey={task.key}
            title={task.title}
            readOnly={readOnly}
            canManageTemplates={hasRole(role, "admin")}
            threshold={specThreshold}
            kind={task.lane === "delegate" ? "spec" : "brief"}
          />
        </TabPanel>
        <TabPanel value="revisions">
          <Revisions workspace={workspace} taskKey={task.key} readOnly={readOnly} />
        </TabPanel>
        <TabPanel value="attempts">
          <Submissions workspace={workspace} taskKey={task.key} version={task.version} />
        </TabPanel>
        <TabPanel value="history">
          <History workspace={workspace} taskKey={task.key} version={task.version} />
        </TabPanel>
      </Tabs>
    </Dialog>
  );
}
