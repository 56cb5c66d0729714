-- CreateEnum
CREATE TYPE "DiffFetch" AS ENUM ('pending', 'fetched', 'failed');

-- AlterTable
ALTER TABLE "boards" ADD COLUMN     "default_branch" TEXT,
ADD COLUMN     "repository" TEXT;

-- AlterTable
ALTER TABLE "submissions" ADD COLUMN     "diff_fetch" "DiffFetch",
ADD COLUMN     "diff_fetch_tries" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "files" JSONB,
ADD COLUMN     "head_sha" TEXT;

-- AlterTable
ALTER TABLE "webhook_deliveries" ADD COLUMN     "reason" TEXT;

-- CreateTable
CREATE TABLE "github_connections" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "api_url" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "login" TEXT NOT NULL,
    "connected_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "github_connections_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "github_connections_workspace_id_key" ON "github_connections"("workspace_id");

-- CreateIndex
CREATE INDEX "github_connections_connected_by_id_idx" ON "github_connections"("connected_by_id");

-- CreateIndex
CREATE UNIQUE INDEX "boards_workspace_id_repository_key" ON "boards"("workspace_id", "repository");

-- CreateIndex
CREATE INDEX "submissions_workspace_id_head_sha_idx" ON "submissions"("workspace_id", "head_sha");

-- AddForeignKey
ALTER TABLE "github_connections" ADD CONSTRAINT "github_connections_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "github_connections" ADD CONSTRAINT "github_connections_connected_by_id_fkey" FOREIGN KEY ("connected_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
