import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { pageScope } from "@/lib/auth/page";
import { Board } from "@/lib/board/components/board";
import { BoardSkeleton } from "@/lib/board/components/board-skeleton";
import { getBoardView } from "@/lib/board/data";
import { AppError } from "@/lib/core/errors";
import type { WorkspaceScope } from "@/lib/core/scope";
import { ReasonPromptProvider } from "@/lib/task/components/reason-prompt";

type Params = { workspace: string; board: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { board } = await params;
  return { title: board.toUpperCase() };
}

export default async function BoardPage({ params }: { params: Promise<Params> }) {
  const { workspace, board } = await params;
  // The gate runs before anything streams, so that a signed-out visitor gets a real redirect and an
  // outsider a real 404 whether or not proxy.ts ran; only then does the skeleton show.
  const scope = await pageScope(workspace, `/w/${workspace}/b/${board}`);
  return (
    <Suspense fallback={<BoardSkeleton />}>
      <BoardContent scope={scope} board={board} />
    </Suspense>
  );
}

async function BoardContent({ scope, board }: { scope: WorkspaceScope; board: string }) {
  const view = await getBoardView(scope, board).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  return (
    <Suspense>
      <ReasonPromptProvider>
        <Board initial={view} />
      </ReasonPromptProvider>
    </Suspense>
  );
}
