// GET|POST /api/auth/* — next-auth: sign-in, sign-out, session and CSRF endpoints. Password sign-ins
// are throttled first (lib/auth/throttle.ts): a refused one answers 429 with Retry-After, in the
// shape next-auth's client reads (`url` carrying `error=TooManyAttempts`).
import NextAuth from "next-auth";
import { NextResponse, type NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { assertAttemptAllowed, clientAddress } from "@/lib/auth/throttle";
import { AppError, toErrorBody } from "@/lib/core/errors";
import { errorResponse } from "@/lib/http/route";

const handler = NextAuth(authOptions);

async function POST(request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) {
  // next-auth reads its posts as forms, and crashes on anything else (a JSON body is a 500 inside it).
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(request.headers.get("content-type") ?? "")) {
    return errorResponse(new AppError("invalid", "Sign-in requests are forms: send them as application/x-www-form-urlencoded."));
  }
  if (request.nextUrl.pathname.endsWith("/callback/credentials")) {
    const form = await request
      .clone()
      .formData()
      .catch(() => null);
    try {
      await assertAttemptAllowed("signIn", String(form?.get("email") ?? ""), clientAddress(request.headers));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const { status, body, headers } = toErrorBody(error);
      return NextResponse.json({ ...body, url: new URL("/signin?error=TooManyAttempts", request.nextUrl.origin).toString() }, { status, headers });
    }
  }
  return handler(request, context);
}

export { handler as GET, POST };
