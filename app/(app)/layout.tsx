import type { ReactNode } from "react";
import { Logo } from "@/components/ui/logo";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { SignOutButton } from "@/lib/auth/components/sign-out-button";
import { currentUser } from "@/lib/auth/gate";

// The signed-in shell. Each page checks access itself through the gate; this layout only shows
// who is signed in (layouts do not re-run on client navigation, so they are no security boundary).
export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  return (
    <div className="flex min-h-screen flex-col">
      <header className="sticky top-0 z-30 border-b border-zinc-200 bg-white/90 backdrop-blur dark:border-zinc-800 dark:bg-zinc-900/90">
        <div className="flex h-12 items-center justify-between gap-4 px-4">
          <Logo />
          <div className="flex items-center gap-2">
            <ThemeToggle />
            {user && (
              <>
                <span className="hidden text-sm text-zinc-600 md:inline dark:text-zinc-400">{user.name ?? user.email}</span>
                <SignOutButton />
              </>
            )}
          </div>
        </div>
      </header>
      <div className="flex-1">{children}</div>
    </div>
  );
}
