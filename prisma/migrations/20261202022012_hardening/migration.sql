-- AlterTable
ALTER TABLE "workspaces" ADD COLUMN     "settings_version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "api_tokens" ADD COLUMN     "scopes" TEXT[] DEFAULT ARRAY['read', 'write']::TEXT[];

-- AlterTable
ALTER TABLE "webhook_deliveries" ADD COLUMN     "body_sha256" TEXT;

-- CreateTable
CREATE TABLE "rate_limits" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "webhook_deliveries_workspace_id_body_sha256_idx" ON "webhook_deliveries"("workspace_id", "body_sha256");
