"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Alert } from "@/components/ui/misc";
import { apiFetch } from "@/lib/http/client";
import { useFormSubmit } from "@/lib/http/use-form-submit";
import { slugify } from "../schema";

export function CreateWorkspaceForm() {
  const router = useRouter();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  const { onSubmit, pending, fields, error } = useFormSubmit(
    () =>
      apiFetch<{ workspace: { slug: string; boardKey: string } }>("/api/workspaces", {
        method: "POST",
        body: { name, slug: slugEdited ? slug : slugify(name) },
      }),
    {
      fallbackMessage: "Could not create the workspace.",
      onSuccess: ({ workspace }) => {
        router.push(`/w/${workspace.slug}/b/${workspace.boardKey}`);
        return "navigating";
      },
    },
  );

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
