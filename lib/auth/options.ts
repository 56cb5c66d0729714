import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { githubAuthEnabled } from "@/lib/core/env";
import { verifyCredentials } from "@/lib/user/data";
import { endLoginSession, linkOAuthAccount, SESSION_DAYS, startLoginSession } from "@/lib/user/mutations";
import { clientAddress, countAttempt } from "./throttle";

// Sessions are JWTs that carry only the user id. Roles are never taken from the token: the
// gate reads the membership from the database on every request, so a role change or a
// removal takes effect at once.
/**
 * The session cookie, spelled out rather than left to defaults: HttpOnly (no script reads it),
 * SameSite=Lax (not sent on another site's form posts or fetches) and, when Baton is served over
 * https, Secure with the __Secure- prefix.
 */
export function sessionCookie(publicUrl = process.env.NEXTAUTH_URL ?? "") {
  const secure = publicUrl.startsWith("https://");
  return {
    name: `${secure ? "__Secure-" : ""}next-auth.session-token`,
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure },
  };
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_DAYS * 24 * 60 * 60 },
  useSecureCookies: sessionCookie().options.secure,
  cookies: { sessionToken: sessionCookie() },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: async (credentials, request) => {
        const user = await verifyCredentials(credentials);
        if (!user) await countAttempt("signIn", credentials?.email ?? "", clientAddress(request?.headers ?? {}));
        return user;
      },
    }),
    ...(githubAuthEnabled()
      ? [GitHubProvider({ clientId: process.env.GITHUB_ID as string, clientSecret: process.env.GITHUB_SECRET as string })]
      : []),
  ],
  callbacks: {
    async jwt({ token, user, account, profile }) {
      if (account?.provider === "github" && user?.email) {
        token.sub = await linkOAuthAccount({
          provider: "github",
          providerAccountId: account.providerAccountId,
          email: user.email,
          name: user.name ?? (profile as { login?: string } | undefined)?.login ?? null,
          image: user.image ?? null,
        });
      } else if (user) {
        token.sub = user.id;
      }
      // `user` is set only at the moment of signing in: that is when the server-side session starts.
      if (user && token.sub) token.sid = await startLoginSession(token.sub);
      return token;
    },
    async session({ session, token }) {
      if (session.user && token.sub) session.user.id = token.sub;
      if (token.sid) session.sid = token.sid;
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      if (token?.sid) await endLoginSession(token.sid);
    },
  },
};
