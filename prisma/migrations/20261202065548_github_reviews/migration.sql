-- CreateEnum
CREATE TYPE "GitHubPost" AS ENUM ('pending', 'posted', 'failed');

-- AlterTable
ALTER TABLE "agents" ADD COLUMN     "mention" TEXT;

-- AlterTable
ALTER TABLE "reviews" ADD COLUMN     "github_note" TEXT,
ADD COLUMN     "github_post" "GitHubPost",
ADD COLUMN     "github_review_id" TEXT,
ADD COLUMN     "github_review_url" TEXT,
ADD COLUMN     "github_tries" INTEGER NOT NULL DEFAULT 0;
