import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { githubAuthEnabled } from "@/lib/core/env";
import { verifyCredentials } from "@/lib/user/data";
import { linkOAuthAccount } from "@/lib/user/mutations";

// Sessions are JWTs that carry only the user id. Roles are never taken from the token: the
// gate reads the membership from the database on every request, so a role change or a
// removal takes effect at once.
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: async (credentials) => verifyCredentials(credentials),
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
      return token;
    },
    async session({ session, token }) {
      if (session.user && token.sub) session.user.id = token.sub;
      return session;
    },
  },
};
