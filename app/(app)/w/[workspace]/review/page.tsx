import type { Metadata } from "next";
import { pageScope } from "@/lib/auth/page";
import { can } from "@/lib/core/roles";
import { ReviewPage } from "@/lib/review/components/review-page";
import { getAttempt, listQueue } from "@/lib/review/data";
import { queueFilterSchema } from "@/lib/review/schema";

export const metadata: Metadata = { title: "Batch review" };

export default async function BatchReviewPage({ params, searchParams }: { params: Promise<{ workspace: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { workspace } = await params;
  const search = await searchParams;
  const scope = await pageScope(workspace, `/w/${workspace}/review`);
  const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const parsed = queueFilterSchema.safeParse({ board: one(search.board), agent: one(search.agent), author: one(search.author) });
  const filter = parsed.success ? Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v)) : {};
  const queue = await listQueue(scope, filter);
  const attempt = one(search.attempt);
  // A link to an attempt that has left the queue (reviewed meanwhile) opens the oldest one instead.
  const openId = attempt && queue.items.some((i) => i.submissionId === attempt) ? attempt : (queue.items[0]?.submissionId ?? null);
  // The first attempt comes with the page, so the diff shows without a second round trip.
  const initialView = openId ? await getAttempt(scope, openId).catch(() => null) : null;
  return (
    <ReviewPage
      workspace={scope.workspaceSlug}
      initialQueue={queue}
      initialFilter={filter}
      initialAttempt={openId}
      initialAttemptView={initialView}
      canReview={can(scope.role, "review.write")}
    />
  );
}
