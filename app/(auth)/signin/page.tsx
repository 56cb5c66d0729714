import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/lib/auth/components/sign-in-form";
import { currentUser } from "@/lib/auth/gate";
import { githubAuthEnabled } from "@/lib/core/env";
import { safeReturnTo } from "@/lib/auth/return-to";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  // Only same-site paths: never bounce a user to another origin after sign-in.
  const returnTo = safeReturnTo(callbackUrl);
  if (await currentUser()) redirect(returnTo);
  return <SignInForm callbackUrl={returnTo} github={githubAuthEnabled()} initialError={error ? "Sign-in failed. Try again." : undefined} />;
}
