-- CreateEnum
CREATE TYPE "SessionPhase" AS ENUM ('discovery', 'design', 'implementation', 'refinement');

-- CreateEnum
CREATE TYPE "SessionState" AS ENUM ('active', 'paused', 'finished');

-- CreateEnum
CREATE TYPE "InterruptCategory" AS ENUM ('wrong_pattern', 'wrong_assumption', 'missing_edge_case', 'performance', 'security');

-- CreateTable
CREATE TABLE "leverage_sessions" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "task_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "state" "SessionState" NOT NULL DEFAULT 'active',
    "phase" "SessionPhase" NOT NULL DEFAULT 'discovery',
    "outcome" TEXT,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "leverage_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session_spans" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "phase" "SessionPhase" NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL,
    "ended_at" TIMESTAMP(3),

    CONSTRAINT "session_spans_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session_approaches" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "pros" TEXT NOT NULL DEFAULT '',
    "cons" TEXT NOT NULL DEFAULT '',
    "chosen" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "session_approaches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session_interrupts" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "phase" "SessionPhase" NOT NULL,
    "category" "InterruptCategory" NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "session_interrupts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session_notes" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "phase" "SessionPhase" NOT NULL,
    "body" TEXT NOT NULL,
    "done_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "session_notes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "leverage_sessions_workspace_id_state_idx" ON "leverage_sessions"("workspace_id", "state");

-- CreateIndex
CREATE INDEX "leverage_sessions_task_id_idx" ON "leverage_sessions"("task_id");

-- CreateIndex
CREATE INDEX "leverage_sessions_user_id_idx" ON "leverage_sessions"("user_id");

-- CreateIndex
CREATE INDEX "session_spans_session_id_started_at_idx" ON "session_spans"("session_id", "started_at");

-- CreateIndex
CREATE INDEX "session_spans_workspace_id_phase_idx" ON "session_spans"("workspace_id", "phase");

-- CreateIndex
CREATE INDEX "session_approaches_session_id_idx" ON "session_approaches"("session_id");

-- CreateIndex
CREATE INDEX "session_interrupts_session_id_idx" ON "session_interrupts"("session_id");

-- CreateIndex
CREATE INDEX "session_interrupts_workspace_id_category_idx" ON "session_interrupts"("workspace_id", "category");

-- CreateIndex
CREATE INDEX "session_notes_session_id_idx" ON "session_notes"("session_id");

-- AddForeignKey
ALTER TABLE "leverage_sessions" ADD CONSTRAINT "leverage_sessions_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leverage_sessions" ADD CONSTRAINT "leverage_sessions_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leverage_sessions" ADD CONSTRAINT "leverage_sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session_spans" ADD CONSTRAINT "session_spans_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session_spans" ADD CONSTRAINT "session_spans_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "leverage_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session_approaches" ADD CONSTRAINT "session_approaches_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session_approaches" ADD CONSTRAINT "session_approaches_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "leverage_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session_interrupts" ADD CONSTRAINT "session_interrupts_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session_interrupts" ADD CONSTRAINT "session_interrupts_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "leverage_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session_notes" ADD CONSTRAINT "session_notes_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session_notes" ADD CONSTRAINT "session_notes_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "leverage_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The focus guard, in the database so that two starts at once (two tabs) cannot both win: a person
-- has at most one active session per workspace, and a task at most one session not finished.
CREATE UNIQUE INDEX "leverage_sessions_one_active_per_person" ON "leverage_sessions"("workspace_id", "user_id") WHERE "state" = 'active';
CREATE UNIQUE INDEX "leverage_sessions_one_open_per_task" ON "leverage_sessions"("task_id") WHERE "state" <> 'finished';
-- At most one running stretch per session.
CREATE UNIQUE INDEX "session_spans_one_running" ON "session_spans"("session_id") WHERE "ended_at" IS NULL;
