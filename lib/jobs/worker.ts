import "server-only";
import type PgBoss from "pg-boss";
import { env } from "@/lib/core/env";
import { fetchDiffJob, postReviewJob, type FetchDiffData, type PostReviewData } from "@/lib/github/jobs";
import { logBossError, newBoss, QUEUES } from "./queues";

// The job workers of one app instance, started with the server (instrumentation.ts). Every
// instance runs them; pg-boss hands each job to one of them.

const globalForWorkers = globalThis as unknown as { batonWorkers?: Promise<PgBoss> };

/** How often an idle worker looks for new jobs: the floor of the delay from a delivery to its diff. */
const POLL_SECONDS = 0.5;

export function startJobWorkers(): Promise<PgBoss> {
  globalForWorkers.batonWorkers ??= (async () => {
    const boss = newBoss(env().DATABASE_URL, "worker");
    boss.on("error", logBossError);
    await boss.start();
    await boss.work<FetchDiffData>(QUEUES.fetchDiff, { pollingIntervalSeconds: POLL_SECONDS, batchSize: 1 }, async ([job]) => {
      if (job) await fetchDiffJob(job.data);
    });
    await boss.work<PostReviewData>(QUEUES.postReview, { pollingIntervalSeconds: POLL_SECONDS, batchSize: 1 }, async ([job]) => {
      if (job) await postReviewJob(job.data);
    });
    return boss;
  })();
  return globalForWorkers.batonWorkers;
}

export async function stopJobWorkers(): Promise<void> {
  const boss = await globalForWorkers.batonWorkers;
  globalForWorkers.batonWorkers = undefined;
  await boss?.stop({ graceful: true, wait: true, timeout: 5_000 });
}
