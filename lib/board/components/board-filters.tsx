"use client";

import { useEffect, useState } from "react";
import { Input, Select } from "@/components/ui/field";
import type { TaskCardData, TaskPerson } from "@/lib/task/types";

export interface Filter {
  q: string;
  owner: string;
  label: string;
  agent: string;
}

/** "none" as owner means unassigned. Text matches key, title and labels. */
export function matchesFilter(task: TaskCardData, filter: Filter): boolean {
  if (filter.owner && (filter.owner === "none" ? task.owner !== null : task.owner?.id !== filter.owner)) return false;
  if (filter.label && !task.labels.includes(filter.label)) return false;
  if (filter.agent && (filter.agent === "none" ? task.agent !== null : task.agent?.id !== filter.agent)) return false;
  if (filter.q) {
    const needle = filter.q.toLowerCase();
    return [task.key, task.title, ...task.labels].some((text) => text.toLowerCase().includes(needle));
  }
  return true;
}

interface Props {
  filter: Filter;
  members: TaskPerson[];
  labels: string[];
  agents: { id: string; name: string }[];
  onChange: (changes: Record<string, string | null>) => void;
}

export function BoardFilters({ filter, members, labels, agents, onChange }: Props) {
  // The text box updates the URL after a short pause, not on every keystroke.
  const [text, setText] = useState(filter.q);
  useEffect(() => {
    if (text === filter.q) return;
    const timer = setTimeout(() => onChange({ q: text || null }), 200);
    return () => clearTimeout(timer);
  }, [text, filter.q, onChange]);

  const active = filter.q || filter.owner || filter.label || filter.agent;
  return (
    <div role="search" aria-label="Filter tasks" className="flex flex-wrap items-center gap-2">
      <Input
        type="search"
        aria-label="Filter by text"
        placeholder="Filter tasks…"
        value={text}
        onChange={(e) => setText(e.target.value)}
        className="h-8 w-48"
      />
      <Select aria-label="Filter by owner" value={filter.owner} onChange={(e) => onChange({ owner: e.target.value || null })} className="h-8 w-40">
        <option value="">Any owner</option>
        <option value="none">Unassigned</option>
        {members.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name ?? m.email}
          </option>
        ))}
      </Select>
      <Select aria-label="Filter by label" value={filter.label} onChange={(e) => onChange({ label: e.target.value || null })} className="h-8 w-36">
        <option value="">Any label</option>
        {labels.map((l) => (
          <option key={l} value={l}>
            {l}
          </option>
        ))}
      </Select>
      {agents.length > 0 && (
        <Select aria-label="Filter by agent" value={filter.agent} onChange={(e) => onChange({ agent: e.target.value || null })} className="h-8 w-36">
          <option value="">Any agent</option>
          <option value="none">No agent</option>
          {agents.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </Select>
      )}
      {active && (
        <button
          type="button"
          onClick={() => {
            setText("");
            onChange({ q: null, owner: null, label: null, agent: null });
          }}
          className="text-xs font-medium text-indigo-700 hover:underline dark:text-indigo-300"
        >
          Clear filters
        </button>
      )}
    </div>
  );
}
