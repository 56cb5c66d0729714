"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Alert } from "@/components/ui/misc";
import { apiFetch } from "@/lib/http/client";
import { useFormSubmit } from "@/lib/http/use-form-submit";

export function CreateBoardForm({ workspace }: { workspace: string }) {
  const router = useRouter();
  const { onSubmit, pending, fields, error } = useFormSubmit(
    (form) => apiFetch<{ board: { key: string } }>(`/api/w/${workspace}/boards`, { method: "POST", body: { name: form.get("name"), key: form.get("key") } }),
    {
      fallbackMessage: "Could not create the board.",
      onSuccess: ({ board }) => {
        router.push(`/w/${workspace}/b/${board.key}`);
        router.refresh();
        return "navigating";
      },
    },
  );

  return (
    <form onSubmit={onSubmit} className="mt-3 space-y-3" noValidate>
      {error && <Alert>{error}</Alert>}
      <Field label="Board name" error={fields.name}>
        {(p) => <Input {...p} name="name" placeholder="Mobile app" required />}
      </Field>
      <Field label="Key prefix" error={fields.key} hint="Task keys look like KEY-42.">
        {(p) => <Input {...p} name="key" placeholder="MOB" className="uppercase" required />}
      </Field>
      <Button type="submit" variant="primary" className="w-full" disabled={pending}>
        {pending ? "Creating…" : "Create board"}
      </Button>
    </form>
  );
}
