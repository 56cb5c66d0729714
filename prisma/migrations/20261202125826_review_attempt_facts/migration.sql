-- AlterTable
ALTER TABLE "reviews" ADD COLUMN     "agent_id" TEXT,
ADD COLUMN     "agent_seconds" INTEGER,
ADD COLUMN     "attempts" INTEGER,
ADD COLUMN     "cost_cents" INTEGER,
ADD COLUMN     "handoff_score" INTEGER,
ADD COLUMN     "submitted_at" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "reviews_agent_id_idx" ON "reviews"("agent_id");

-- AddForeignKey
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Reviews given before this migration take their attempt's agent and time.
UPDATE "reviews" r SET "agent_id" = s."agent_id", "submitted_at" = s."created_at" FROM "submissions" s WHERE s."id" = r."submission_id";

-- Final verdicts given before it take what their task took by then.
UPDATE "reviews" r SET "attempts" = f."attempts", "cost_cents" = f."cost", "agent_seconds" = f."seconds",
  "handoff_score" = (SELECT sr."score" FROM "spec_revisions" sr WHERE sr."task_id" = r."task_id" AND sr."created_at" <= f."first_at" ORDER BY sr."number" DESC LIMIT 1)
FROM (SELECT r2."id", count(s."id")::int AS "attempts", sum(s."cost_cents")::int AS "cost", sum(s."duration_seconds")::int AS "seconds", min(s."created_at") AS "first_at"
      FROM "reviews" r2 JOIN "submissions" s ON s."task_id" = r2."task_id" AND s."created_at" <= r2."created_at"
      WHERE r2."verdict" IN ('accept', 'reject') GROUP BY r2."id") f
WHERE f."id" = r."id";

-- The dashboard's outcomes: final verdicts of a workspace in a time range.
CREATE INDEX "reviews_final_verdicts" ON "reviews"("workspace_id", "created_at") WHERE "verdict" IN ('accept', 'reject');

-- The dashboard's overrides: tasks delegated against the triage or past the spec gate, in a range.
CREATE INDEX "task_events_overrides" ON "task_events"("workspace_id", "created_at") WHERE "type" IN ('over_delegated', 'gate_overridden');

-- Cycle time, kept on each Done stretch when it opens (lib/core/activity.ts).
ALTER TABLE "task_status_spans" ADD COLUMN "cycle_from" TIMESTAMP(3);
UPDATE "task_status_spans" d SET "cycle_from" = (
  SELECT min(s."started_at") FROM "task_status_spans" s
  WHERE s."task_id" = d."task_id" AND s."status" IN ('ready', 'in_progress', 'in_review') AND s."started_at" < d."started_at")
WHERE d."status" = 'done';

-- Time in status reads stretches by the time they ended, from the index alone.
CREATE INDEX "task_status_spans_ended" ON "task_status_spans"("workspace_id", "ended_at") INCLUDE ("status", "started_at", "task_id");
DROP INDEX "task_status_spans_workspace_id_ended_at_idx";
-- Deleted tasks are few: the figures leave them out with an anti-join on this.
CREATE INDEX "tasks_deleted" ON "tasks"("workspace_id") WHERE "deleted_at" IS NOT NULL;
