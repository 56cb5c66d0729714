"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Alert } from "@/components/ui/misc";
import type { FieldErrors } from "@/lib/core/errors";
import { ApiError, apiFetch } from "@/lib/http/client";

export function CreateBoardForm({ workspace }: { workspace: string }) {
  const router = useRouter();
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setFields({});
    setError(undefined);
    try {
      const { board } = await apiFetch<{ board: { key: string } }>(`/api/w/${workspace}/boards`, {
        method: "POST",
        body: { name: form.get("name"), key: form.get("key") },
      });
      router.push(`/w/${workspace}/b/${board.key}`);
      router.refresh();
    } catch (caught) {
      setPending(false);
      if (caught instanceof ApiError && caught.fields) setFields(caught.fields);
      else setError(caught instanceof Error ? caught.message : "Could not create the board.");
    }
  }

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
