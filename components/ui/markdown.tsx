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
      <ReactMarkdown remarkPlugins={[remarkGfm]} rehypePlugins={[rehypeSanitize]}>
        {children}
      </ReactMarkdown>
    </div>
  );
}
