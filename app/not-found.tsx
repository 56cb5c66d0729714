import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center px-4 text-center">
      <p className="font-mono text-sm text-zinc-600 dark:text-zinc-400">404</p>
      <h1 className="mt-1 text-xl font-semibold">Page not found</h1>
      <p className="mt-2 max-w-sm text-sm text-zinc-600 dark:text-zinc-400">
        It does not exist, or it belongs to a workspace you are not a member of.
      </p>
      <Link href="/" className="mt-4 text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
        Back to your workspaces
      </Link>
    </main>
  );
}
