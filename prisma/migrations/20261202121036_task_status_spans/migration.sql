-- CreateTable
CREATE TABLE "task_status_spans" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "task_id" TEXT NOT NULL,
    "lane" "Lane" NOT NULL,
    "status" "TaskStatus" NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL,
    "ended_at" TIMESTAMP(3),

    CONSTRAINT "task_status_spans_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "task_status_spans_task_id_started_at_idx" ON "task_status_spans"("task_id", "started_at");

-- CreateIndex
CREATE INDEX "task_status_spans_workspace_id_ended_at_idx" ON "task_status_spans"("workspace_id", "ended_at");

-- CreateIndex
CREATE INDEX "task_status_spans_workspace_id_status_started_at_idx" ON "task_status_spans"("workspace_id", "status", "started_at");

-- AddForeignKey
ALTER TABLE "task_status_spans" ADD CONSTRAINT "task_status_spans_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_status_spans" ADD CONSTRAINT "task_status_spans_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A task is in one status at a time: at most one open stretch.
CREATE UNIQUE INDEX "task_status_spans_one_open" ON "task_status_spans"("task_id") WHERE "ended_at" IS NULL;

-- Tasks that exist already get their current stretch, started at the last change that can have
-- moved them (or their creation): the history before it was not kept.
INSERT INTO "task_status_spans" ("id", "workspace_id", "task_id", "lane", "status", "started_at")
SELECT gen_random_uuid()::text, t."workspace_id", t."id", t."lane", t."status",
       coalesce((SELECT max(e."created_at") FROM "task_events" e
                 WHERE e."task_id" = t."id" AND e."type" IN ('created', 'moved', 'claimed', 'submitted', 'reviewed', 'review_undone', 'restored')), t."created_at")
FROM "tasks" t;
