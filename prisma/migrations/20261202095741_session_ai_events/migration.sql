-- CreateEnum
CREATE TYPE "AiEventKind" AS ENUM ('session_start', 'prompt', 'stop', 'session_end');

-- AlterTable
ALTER TABLE "leverage_sessions" ADD COLUMN     "ai_linked_at" TIMESTAMP(3),
ADD COLUMN     "ai_token_hash" TEXT;

-- CreateTable
CREATE TABLE "session_ai_events" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "kind" "AiEventKind" NOT NULL,
    "ai_session_id" TEXT NOT NULL,
    "phase" "SessionPhase" NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "session_ai_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "session_ai_events_session_id_created_at_idx" ON "session_ai_events"("session_id", "created_at");

-- CreateIndex
CREATE INDEX "session_ai_events_workspace_id_kind_idx" ON "session_ai_events"("workspace_id", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "leverage_sessions_ai_token_hash_key" ON "leverage_sessions"("ai_token_hash");

-- AddForeignKey
ALTER TABLE "session_ai_events" ADD CONSTRAINT "session_ai_events_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session_ai_events" ADD CONSTRAINT "session_ai_events_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "leverage_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
