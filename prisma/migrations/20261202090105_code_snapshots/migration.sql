-- CreateTable
CREATE TABLE "code_snapshots" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "repository" TEXT NOT NULL,
    "commit_sha" TEXT NOT NULL,
    "paths" TEXT[],
    "truncated" BOOLEAN NOT NULL DEFAULT false,
    "line_counts" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "code_snapshots_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "code_snapshots_workspace_id_repository_commit_sha_key" ON "code_snapshots"("workspace_id", "repository", "commit_sha");

-- AddForeignKey
ALTER TABLE "code_snapshots" ADD CONSTRAINT "code_snapshots_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
