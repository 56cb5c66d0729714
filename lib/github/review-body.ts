// What a verdict looks like as a GitHub pull-request review: the event, the body (the reviewer's
// summary, the agent's mention, comments on success criteria) and the inline comments with their
// path, line and side. Pure: no I/O. A hidden marker names the Baton review, so that a retried
// job finds a review it posted before instead of posting twice.
import { REJECT_REASON_LABEL, type RejectReason } from "@/lib/review/rules";

export type ReviewEvent = "APPROVE" | "REQUEST_CHANGES" | "COMMENT";

export interface VerdictForGitHub {
  id: string;
  verdict: "accept" | "request_changes" | "reject";
  feedback: string;
  reason: RejectReason | null;
  reviewer: string | null;
  mention: string | null;
  comments: { target: "diff" | "criterion"; path: string | null; side: "old" | "new" | null; line: number | null; endLine: number | null; criterion: string | null; body: string }[];
}

export interface InlineComment {
  path: string;
  body: string;
  line: number;
  side: "LEFT" | "RIGHT";
  start_line?: number;
  start_side?: "LEFT" | "RIGHT";
}

export const EVENT_OF: Record<VerdictForGitHub["verdict"], ReviewEvent> = { accept: "APPROVE", request_changes: "REQUEST_CHANGES", reject: "COMMENT" };

export const reviewMarker = (reviewId: string) => `<!-- baton-review:${reviewId} -->`;


export function reviewBody(review: VerdictForGitHub): string {
  const who = review.reviewer ? ` by ${review.reviewer}` : "";
  const head =
    review.verdict === "accept"
      ? `Accepted in Baton${who}.`
      : review.verdict === "request_changes"
        ? `Changes requested in Baton${who}.`
        : `Rejected in Baton${who}${review.reason ? ` (${REJECT_REASON_LABEL[review.reason].toLowerCase()})` : ""}. This work will be done another way; no further changes are needed here.`;
  const criteria = review.comments.filter((c) => c.target === "criterion");
  const parts = [
    review.mention ? `${review.mention} ${head}` : head,
    review.feedback.trim(),
    criteria.length ? ["Success criteria not met:", ...criteria.map((c) => `- **${c.criterion ?? ""}**: ${c.body}`)].join("\n") : "",
    reviewMarker(review.id),
  ];
  return parts.filter(Boolean).join("\n\n");
}

export function inlineComments(review: VerdictForGitHub): InlineComment[] {
  return review.comments
    .filter((c): c is typeof c & { path: string; line: number } => c.target === "diff" && c.path !== null && c.line !== null)
    .map((c) => {
      const side = c.side === "old" ? "LEFT" : "RIGHT";
      const end = c.endLine !== null && c.endLine > c.line ? c.endLine : null;
      // GitHub names a range by its last line, with start_line for its first.
      return end === null ? { path: c.path, body: c.body, line: c.line, side } : { path: c.path, body: c.body, line: end, side, start_line: c.line, start_side: side };
    });
}
