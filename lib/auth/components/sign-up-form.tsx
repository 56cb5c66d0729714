"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Alert } from "@/components/ui/misc";
import { apiFetch } from "@/lib/http/client";
import { useFormSubmit } from "@/lib/http/use-form-submit";

export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const { onSubmit, pending, fields, error } = useFormSubmit(
    async (form) => {
      const body = { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") };
      await apiFetch("/api/signup", { method: "POST", body });
      const result = await signIn("credentials", { email: body.email, password: body.password, redirect: false });
      if (!result?.ok || result.error) throw new Error("Your account was created, but signing in failed. Try signing in.");
    },
    {
      fallbackMessage: "Could not create the account.",
      onSuccess: () => {
        router.replace(callbackUrl);
        router.refresh();
        return "navigating";
      },
    },
  );

  return (
    <div>
      <h1 className="text-lg font-semibold">Create your Baton account</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        Already have one?{" "}
        <Link href="/signin" className="font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300">
          Sign in
        </Link>
      </p>
      {/* method="post": a submit before the page has hydrated must never put the password in the URL. */}
      <form method="post" onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
        {error && <Alert>{error}</Alert>}
        <Field label="Name" error={fields.name}>
          {(p) => <Input {...p} name="name" autoComplete="name" required autoFocus />}
        </Field>
        <Field label="Email" error={fields.email}>
          {(p) => <Input {...p} name="email" type="email" autoComplete="email" required />}
        </Field>
        <Field label="Password" error={fields.password} hint="At least 8 characters.">
          {(p) => <Input {...p} name="password" type="password" autoComplete="new-password" required />}
        </Field>
        <Button type="submit" variant="primary" className="w-full" disabled={pending}>
          {pending ? "Creating account…" : "Create account"}
        </Button>
      </form>
    </div>
  );
}
