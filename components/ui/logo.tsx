import Link from "next/link";

export function Logo({ href = "/" }: { href?: string }) {
  return (
    <Link href={href} className="inline-flex items-center gap-2 font-semibold tracking-tight text-zinc-900 dark:text-zinc-100">
      <svg viewBox="0 0 24 24" className="size-6" aria-hidden>
        <rect x="2" y="9" width="20" height="6" rx="3" className="fill-indigo-600 dark:fill-indigo-400" transform="rotate(-35 12 12)" />
        <circle cx="18.5" cy="5.5" r="2.5" className="fill-amber-500" />
      </svg>
      <span>Baton</span>
    </Link>
  );
}
