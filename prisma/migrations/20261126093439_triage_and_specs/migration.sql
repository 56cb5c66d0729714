-- AlterTable
ALTER TABLE "workspaces" ADD COLUMN     "spec_threshold" INTEGER NOT NULL DEFAULT 70;

-- AlterTable
ALTER TABLE "tasks" ADD COLUMN     "spec" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "spec_revision" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "spec_score" INTEGER,
ADD COLUMN     "triage" JSONB;

-- CreateTable
CREATE TABLE "spec_revisions" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "task_id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "markdown" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "author_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "spec_revisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "spec_templates" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "markdown" TEXT NOT NULL,
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "spec_templates_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "spec_revisions_workspace_id_idx" ON "spec_revisions"("workspace_id");

-- CreateIndex
CREATE INDEX "spec_revisions_author_id_idx" ON "spec_revisions"("author_id");

-- CreateIndex
CREATE UNIQUE INDEX "spec_revisions_task_id_number_key" ON "spec_revisions"("task_id", "number");

-- CreateIndex
CREATE INDEX "spec_templates_created_by_id_idx" ON "spec_templates"("created_by_id");

-- CreateIndex
CREATE UNIQUE INDEX "spec_templates_workspace_id_name_key" ON "spec_templates"("workspace_id", "name");

-- AddForeignKey
ALTER TABLE "spec_revisions" ADD CONSTRAINT "spec_revisions_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "spec_revisions" ADD CONSTRAINT "spec_revisions_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "spec_revisions" ADD CONSTRAINT "spec_revisions_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "spec_templates" ADD CONSTRAINT "spec_templates_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "spec_templates" ADD CONSTRAINT "spec_templates_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
