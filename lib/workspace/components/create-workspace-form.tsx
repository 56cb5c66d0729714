"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Alert } from "@/components/ui/misc";
import type { FieldErrors } from "@/lib/core/errors";
import { ApiError, apiFetch } from "@/lib/http/client";
import { slugify } from "../schema";

export function CreateWorkspaceForm() {
  const router = useRouter();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setFields({});
    setError(undefined);
    try {
      const { workspace } = await apiFetch<{ workspace: { slug: string; boardKey: string } }>("/api/workspaces", {
        method: "POST",
        body: { name, slug: slugEdited ? slug : slugify(name) },
      });
      router.push(`/w/${workspace.slug}/b/${workspace.boardKey}`);
    } catch (caught) {
      setPending(false);
      if (caught instanceof ApiError && caught.fields) setFields(caught.fields);
      else setError(caught instanceof Error ? caught.message : "Could not create the workspace.");
    }
  }

  return (
    <form onSubmit={onSubmit} className="mt-3 space-y-3" noValidate>
      {error && <Alert>{error}</Alert>}
      <Field label="Workspace name" error={fields.name}>
        {(p) => <Input {...p} value={name} onChange={(e) => setName(e.target.value)} placeholder="Acme Engineering" required />}
      </Field>
      <Field label="URL name" error={fields.slug} hint={`/w/${(slugEdited ? slug : slugify(name)) || "…"}`}>
        {(p) => (
          <Input
            {...p}
            value={slugEdited ? slug : slugify(name)}
            onChange={(e) => {
              setSlugEdited(true);
              setSlug(e.target.value);
            }}
            placeholder="acme-eng"
          />
        )}
      </Field>
      <Button type="submit" variant="primary" className="w-full" disabled={pending}>
        {pending ? "Creating…" : "Create workspace"}
      </Button>
    </form>
  );
}
