-- AlterTable
ALTER TABLE "reviews" ADD COLUMN     "board_id" TEXT,
ADD COLUMN     "spec_author_id" TEXT;

-- CreateIndex
CREATE INDEX "reviews_board_id_idx" ON "reviews"("board_id");

-- CreateIndex
CREATE INDEX "reviews_spec_author_id_idx" ON "reviews"("spec_author_id");

-- AddForeignKey
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_board_id_fkey" FOREIGN KEY ("board_id") REFERENCES "boards"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_spec_author_id_fkey" FOREIGN KEY ("spec_author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Final verdicts given before this migration take the board and spec author of their task.
UPDATE "reviews" r SET "board_id" = t."board_id", "spec_author_id" = t."spec_author_id"
FROM "tasks" t WHERE t."id" = r."task_id" AND r."verdict" IN ('accept', 'reject');

-- Time in status: the length of each closed stretch in seconds, kept by PostgreSQL, and read with the
-- status and task from one index, already in status order (no sort of every stretch, decision 44).
-- Not in schema.prisma: nothing but the dashboard SQL reads it, and Prisma cannot declare it.
ALTER TABLE "task_status_spans" ADD COLUMN "seconds" DOUBLE PRECISION GENERATED ALWAYS AS (extract(epoch FROM "ended_at" - "started_at")) STORED;
CREATE INDEX "task_status_spans_ended_by_status" ON "task_status_spans"("workspace_id", "status", "ended_at") INCLUDE ("seconds", "task_id");
DROP INDEX "task_status_spans_ended";

-- Tasks created in a range (the lane mix of the dashboard). It also serves what the old index did.
DROP INDEX "tasks_workspace_id_idx";
CREATE INDEX "tasks_workspace_id_created_at_idx" ON "tasks"("workspace_id", "created_at");
