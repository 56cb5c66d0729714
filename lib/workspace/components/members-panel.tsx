"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Alert, Avatar, Badge } from "@/components/ui/misc";
import type { Role } from "@/lib/core/roles";
import { apiFetch } from "@/lib/http/client";

export interface MemberRow {
  userId: string;
  name: string | null;
  email: string;
  role: Role;
}

interface Props {
  workspace: string;
  workspaceName: string;
  members: MemberRow[];
  /** The viewer's own id and role: admins remove non-owners, owners anyone but the last owner. */
  me: { userId: string; role: Role };
}

export function MembersPanel({ workspace, workspaceName, members, me }: Props) {
  const router = useRouter();
  const [removing, setRemoving] = useState<MemberRow | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const owners = members.filter((m) => m.role === "owner").length;
  const canRemove = (m: MemberRow) =>
    m.userId !== me.userId && (me.role === "owner" || (me.role === "admin" && m.role !== "owner")) && !(m.role === "owner" && owners <= 1);

  async function remove(member: MemberRow) {
    setBusy(true);
    setError(undefined);
    try {
      await apiFetch(`/api/w/${workspace}/members/${member.userId}`, { method: "DELETE" });
      toast.success(`${member.name ?? member.email} was removed from ${workspaceName}.`);
      setRemoving(null);
      router.refresh();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : "Could not remove this person.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="members-heading" className="rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <h2 id="members-heading" className="border-b border-zinc-200 px-4 py-3 text-sm font-semibold dark:border-zinc-800">
        Members ({members.length})
      </h2>
      <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {members.map((m) => (
          <li key={m.userId} className="flex items-center gap-3 px-4 py-2.5">
            <Avatar name={m.name ?? m.email} />
            <div className="min-w-0 flex-1">
              <p className="truncate text-sm font-medium">
                {m.name ?? m.email}
                {m.userId === me.userId && <span className="ml-1.5 text-xs font-normal text-zinc-600 dark:text-zinc-400">(you)</span>}
              </p>
              <p className="truncate text-xs text-zinc-600 dark:text-zinc-400">{m.email}</p>
            </div>
            <Badge>{m.role}</Badge>
            {canRemove(m) && (
              <Button
                size="sm"
                variant="ghost"
                aria-label={`Remove ${m.name ?? m.email}`}
                onClick={() => {
                  setError(undefined);
                  setRemoving(m);
                }}
              >
                Remove
              </Button>
            )}
          </li>
        ))}
      </ul>
      <Dialog
        open={removing !== null}
        onOpenChange={(open) => !open && !busy && setRemoving(null)}
        title={`Remove ${removing?.name ?? removing?.email ?? ""}?`}
        description={`They lose access to ${workspaceName} at once, including any board they have open. Their tasks and comments stay. An invitation brings them back.`}
        className="w-[min(28rem,calc(100vw-2rem))]"
      >
        {error && <Alert className="mb-3">{error}</Alert>}
        <div className="flex justify-end gap-2">
          <Button onClick={() => setRemoving(null)} disabled={busy}>
            Cancel
          </Button>
          <Button variant="danger" onClick={() => removing && void remove(removing)} disabled={busy}>
            {busy ? "Removing…" : "Remove from workspace"}
          </Button>
        </div>
      </Dialog>
    </section>
  );
}
