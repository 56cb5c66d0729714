import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { pageScope } from "@/lib/auth/page";
import { Board } from "@/lib/board/components/board";
import { getBoardWire } from "@/lib/board/data";
import { AppError } from "@/lib/core/errors";
import { ReasonPromptProvider } from "@/lib/task/components/reason-prompt";

type Params = { workspace: string; board: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { board } = await params;
  return { title: board.toUpperCase() };
}

/**
 * The board arrives in the document's first flush, not streamed in behind a skeleton: the read
 * takes tens of milliseconds on the server, while a streamed-in board paints only once the browser
 * has parsed past the framework's scripts and laid the page out twice (decision 46).
 */
export default async function BoardPage({ params }: { params: Promise<Params> }) {
  const { workspace, board } = await params;
  // The gate runs first, so that a signed-out visitor gets a real redirect and an outsider a real
  // 404 whether or not proxy.ts ran.
  const scope = await pageScope(workspace, `/w/${workspace}/b/${board}`);
  const wire = await getBoardWire(scope, board).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  // No Suspense boundary around the board: one would let it stream in after the shell, revealed by
  // a script on a later frame, which delays its first paint.
  return (
    <ReasonPromptProvider>
      <Board initial={wire} />
    </ReasonPromptProvider>
  );
}
