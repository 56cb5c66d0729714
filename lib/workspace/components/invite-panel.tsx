"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { Panel } from "@/components/ui/misc";
import { apiFetch } from "@/lib/http/client";

interface Props {
  workspace: string;
  pending: { id: string; expiresAt: string; createdBy: string }[];
}

export function InvitePanel({ workspace, pending }: Props) {
  const router = useRouter();
  const [link, setLink] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function create() {
    setBusy(true);
    try {
      const { invitation } = await apiFetch<{ invitation: { url: string } }>(`/api/w/${workspace}/invitations`, { method: "POST" });
      setLink(invitation.url);
      router.refresh();
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "Could not create the link.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <Panel
      title="Invite people"
      description={
        <>
          An invitation link makes whoever opens it a <strong>member</strong>. Each link works once and expires after 7 days.
        </>
      }
    >
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <Button variant="primary" onClick={() => void create()} disabled={busy}>
          {busy ? "Creating…" : "Create invitation link"}
        </Button>
        <span className="text-xs text-zinc-600 dark:text-zinc-400">{pending.length} open {pending.length === 1 ? "link" : "links"}</span>
      </div>
      {link && (
        <div className="mt-3 flex gap-2">
          <label htmlFor="invite-link" className="sr-only">
            Invitation link
          </label>
          <Input id="invite-link" readOnly value={link} onFocus={(e) => e.currentTarget.select()} className="font-mono text-xs" />
          <Button
            onClick={() => {
              void navigator.clipboard?.writeText(link).then(() => toast.success("Link copied"));
            }}
          >
            Copy
          </Button>
        </div>
      )}
      {link && <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">Copy it now: Baton stores only a hash and cannot show it again.</p>}
    </Panel>
  );
}
