import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/lib/auth/components/sign-up-form";
import { currentUser } from "@/lib/auth/gate";
import { safeReturnTo } from "@/lib/auth/return-to";

export const metadata: Metadata = { title: "Create account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  const returnTo = safeReturnTo(callbackUrl);
  if (await currentUser()) redirect(returnTo);
  return <SignUpForm callbackUrl={returnTo} />;
}
