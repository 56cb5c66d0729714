-- CreateEnum
CREATE TYPE "RejectReason" AS ENUM ('unclear_spec', 'too_complex', 'agent_error', 'other');

-- CreateEnum
CREATE TYPE "CommentTarget" AS ENUM ('diff', 'criterion');

-- CreateEnum
CREATE TYPE "DiffSide" AS ENUM ('old', 'new');

-- DropIndex
DROP INDEX "reviews_submission_id_idx";

-- AlterTable
ALTER TABLE "tasks" ADD COLUMN     "spec_author_id" TEXT,
ADD COLUMN     "spec_template_id" TEXT;

-- AlterTable
ALTER TABLE "reviews" ADD COLUMN     "before" JSONB,
ADD COLUMN     "checklist" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "handoff_to_id" TEXT,
ADD COLUMN     "loop_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "loop_limit" INTEGER NOT NULL DEFAULT 2,
ADD COLUMN     "seconds" INTEGER,
ADD COLUMN     "session_id" TEXT,
ADD COLUMN     "spec_revision" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "spec_template_id" TEXT,
ADD COLUMN     "task_version" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "to_leverage" BOOLEAN NOT NULL DEFAULT false;

-- Existing reasons were free text with the same four values, and anything else becomes "other".
ALTER TABLE "reviews" ALTER COLUMN "reason" TYPE "RejectReason" USING (
  CASE WHEN "reason" IN ('unclear_spec', 'too_complex', 'agent_error') THEN "reason"::"RejectReason"
       WHEN "reason" IS NULL THEN NULL
       ELSE 'other'::"RejectReason" END);
ALTER TABLE "reviews" ALTER COLUMN "loop_count" DROP DEFAULT, ALTER COLUMN "loop_limit" DROP DEFAULT;

-- Backfill: the author of each task's current spec revision.
UPDATE "tasks" t SET "spec_author_id" = r."author_id"
FROM "spec_revisions" r WHERE r."task_id" = t."id" AND r."number" = t."spec_revision";

-- AlterTable
ALTER TABLE "webhook_deliveries" ADD COLUMN     "details" JSONB;

-- CreateTable
CREATE TABLE "review_comments" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "task_id" TEXT NOT NULL,
    "submission_id" TEXT NOT NULL,
    "author_id" TEXT NOT NULL,
    "review_id" TEXT,
    "target" "CommentTarget" NOT NULL,
    "path" TEXT,
    "side" "DiffSide",
    "line" INTEGER,
    "end_line" INTEGER,
    "criterion" TEXT,
    "body" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "review_comments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "review_file_views" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "submission_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "review_file_views_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "review_sessions" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "reviewer_id" TEXT NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ended_at" TIMESTAMP(3),
    "last_active_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "current_submission_id" TEXT,
    "accepted" INTEGER NOT NULL DEFAULT 0,
    "changes_requested" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "review_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "review_comments_submission_id_author_id_idx" ON "review_comments"("submission_id", "author_id");

-- CreateIndex
CREATE INDEX "review_comments_review_id_idx" ON "review_comments"("review_id");

-- CreateIndex
CREATE INDEX "review_comments_workspace_id_idx" ON "review_comments"("workspace_id");

-- CreateIndex
CREATE INDEX "review_comments_task_id_idx" ON "review_comments"("task_id");

-- CreateIndex
CREATE INDEX "review_comments_author_id_idx" ON "review_comments"("author_id");

-- CreateIndex
CREATE INDEX "review_file_views_workspace_id_idx" ON "review_file_views"("workspace_id");

-- CreateIndex
CREATE INDEX "review_file_views_user_id_idx" ON "review_file_views"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "review_file_views_submission_id_user_id_path_key" ON "review_file_views"("submission_id", "user_id", "path");

-- CreateIndex
CREATE INDEX "review_sessions_workspace_id_started_at_idx" ON "review_sessions"("workspace_id", "started_at");

-- CreateIndex
CREATE INDEX "review_sessions_reviewer_id_ended_at_idx" ON "review_sessions"("reviewer_id", "ended_at");

-- CreateIndex
CREATE INDEX "review_sessions_current_submission_id_idx" ON "review_sessions"("current_submission_id");

-- CreateIndex
CREATE INDEX "tasks_spec_author_id_idx" ON "tasks"("spec_author_id");

-- CreateIndex
CREATE INDEX "tasks_workspace_id_status_idx" ON "tasks"("workspace_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "reviews_submission_id_key" ON "reviews"("submission_id");

-- CreateIndex
CREATE INDEX "reviews_handoff_to_id_idx" ON "reviews"("handoff_to_id");

-- CreateIndex
CREATE INDEX "reviews_session_id_idx" ON "reviews"("session_id");

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_spec_author_id_fkey" FOREIGN KEY ("spec_author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_handoff_to_id_fkey" FOREIGN KEY ("handoff_to_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "review_sessions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_comments" ADD CONSTRAINT "review_comments_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_comments" ADD CONSTRAINT "review_comments_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_comments" ADD CONSTRAINT "review_comments_submission_id_fkey" FOREIGN KEY ("submission_id") REFERENCES "submissions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_comments" ADD CONSTRAINT "review_comments_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_comments" ADD CONSTRAINT "review_comments_review_id_fkey" FOREIGN KEY ("review_id") REFERENCES "reviews"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_file_views" ADD CONSTRAINT "review_file_views_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_file_views" ADD CONSTRAINT "review_file_views_submission_id_fkey" FOREIGN KEY ("submission_id") REFERENCES "submissions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_file_views" ADD CONSTRAINT "review_file_views_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_sessions" ADD CONSTRAINT "review_sessions_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_sessions" ADD CONSTRAINT "review_sessions_reviewer_id_fkey" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
