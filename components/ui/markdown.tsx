import type { ComponentProps } from "react";
import ReactMarkdown from "react-markdown";
import rehypeSanitize from "rehype-sanitize";
import remarkGfm from "remark-gfm";

/**
 * Renders user markdown safely: raw HTML is not parsed at all, and rehype-sanitize (GitHub's
 * allow-list) strips anything else dangerous, such as `javascript:` links.
 */
export function Markdown({ children }: { children: string }) {
  return (
    <div className="prose-baton">
      <ReactMarkdown remarkPlugins={[remarkGfm]} rehypePlugins={[rehypeSanitize]} components={{ input: TaskListBox }}>
        {children}
      </ReactMarkdown>
    </div>
  );
}

/** GitHub task-list checkboxes are read-only marks; they need a name for screen readers. */
function TaskListBox(props: ComponentProps<"input">) {
  const { node: _node, ...rest } = props as ComponentProps<"input"> & { node?: unknown };
  return <input {...rest} aria-label={rest.checked ? "Done" : "Not done"} />;
}
