"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { Field, Select } from "@/components/ui/field";
import { boardQueryKey } from "@/lib/board/components/use-board";
import { apiFetch } from "@/lib/http/client";
import { AGENT_KIND_LABEL, type AgentKind } from "../schema";

interface Props {
  workspace: string;
  board: string;
  taskKey: string;
  agentId: string | null;
  agents: { id: string; name: string; kind: AgentKind }[];
  disabled: boolean;
}

/** Hands a delegate task to an agent (or takes it back); saved at once. */
export function AssignAgent({ workspace, board, taskKey, agentId, agents, disabled }: Props) {
  const queryClient = useQueryClient();
  const [value, setValue] = useState(agentId ?? "");
  const [saving, setSaving] = useState(false);

  async function change(next: string) {
    const previous = value;
    setValue(next);
    setSaving(true);
    try {
      await apiFetch(`/api/w/${workspace}/tasks/${taskKey}/agent`, { method: "PUT", body: { agentId: next || null } });
      const agent = agents.find((a) => a.id === next);
      toast.success(agent ? `${taskKey} assigned to ${agent.name}` : `${taskKey} unassigned`);
      void queryClient.invalidateQueries({ queryKey: boardQueryKey(workspace, board) });
      void queryClient.invalidateQueries({ queryKey: ["task", workspace, taskKey] });
    } catch (error) {
      setValue(previous);
      toast.error(error instanceof Error ? error.message : "Could not assign the agent.");
    } finally {
      setSaving(false);
    }
  }

  return (
    <Field label="Agent" hint={agents.length === 0 ? "No agents yet: an admin registers them in Settings → Agents." : saving ? "Saving…" : "Saved as soon as you choose."}>
      {(p) => (
        <Select {...p} value={value} onChange={(e) => void change(e.target.value)} disabled={disabled || saving || agents.length === 0}>
          <option value="">Not assigned</option>
          {agents.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} ({AGENT_KIND_LABEL[a.kind]})
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
}
