"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/misc";
import { apiFetch } from "@/lib/http/client";

export function AcceptInvitation({ token }: { token: string }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <div className="mt-4 space-y-3">
      {error && <Alert>{error}</Alert>}
      <Button
        variant="primary"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          try {
            const { workspace } = await apiFetch<{ workspace: { slug: string } }>(`/api/invitations/${token}/accept`, { method: "POST" });
            router.push(`/w/${workspace.slug}`);
          } catch (caught) {
            setBusy(false);
            setError(caught instanceof Error ? caught.message : "Could not accept the invitation.");
          }
        }}
      >
        {busy ? "Joining…" : "Accept invitation"}
      </Button>
    </div>
  );
}
