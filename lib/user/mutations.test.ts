import { randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { findSignedInUser, verifyCredentials } from "./data";
import { endLoginSession, signUp, startLoginSession } from "./mutations";
import { caught } from "@/lib/test/fixtures";


const uniqueEmail = () => `User-${randomUUID().slice(0, 8)}@Example.COM`;
const PASSWORD = "correct horse battery";

describe("signUp", () => {
  it("stores a bcrypt hash (never the password) and a trimmed, lowercased email", async () => {
    const email = uniqueEmail();
    const user = await signUp({ name: "  Ada  ", email: `  ${email} `, password: PASSWORD });
    expect(user).toEqual({ id: expect.any(String), email: email.toLowerCase(), name: "Ada" });
    expect(user).not.toHaveProperty("passwordHash");
    const row = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.email).toBe(email.toLowerCase());
    expect(row.passwordHash).not.toBe(PASSWORD);
    expect(row.passwordHash).toMatch(/^\$2[aby]\$10\$.{53}$/);
    expect(await bcrypt.compare(PASSWORD, row.passwordHash as string)).toBe(true);
    const session = await startLoginSession(user.id);
    expect(await findSignedInUser(user.id, session)).toEqual(user);
  });

  it("refuses a second account for the same email, in any case, with conflict/fields.email", async () => {
    const email = uniqueEmail();
    const first = await signUp({ name: "First", email, password: PASSWORD });
    const hashBefore = (await db().user.findUniqueOrThrow({ where: { id: first.id } })).passwordHash;
    const error = await caught(signUp({ name: "Second", email: email.toUpperCase(), password: "another password" }));
    expect(error.code).toBe("conflict");
    expect(error.fields).toEqual({ email: ["An account with this email already exists. Sign in instead."] });
    const rows = await db().user.findMany({ where: { email: email.toLowerCase() } });
    expect(rows.map((r) => [r.id, r.name, r.passwordHash])).toEqual([[first.id, "First", hashBefore]]);
  });

  it("refuses invalid input with a message per field and creates nothing", async () => {
    const email = uniqueEmail();
    const error = await caught(signUp({ name: "", email, password: "short" }));
    expect(error.code).toBe("invalid");
    expect(error.fields).toEqual({ name: ["Enter your name."], password: ["Use at least 8 characters."] });
    expect((await caught(signUp({ name: "X", email: "not-an-email", password: PASSWORD }))).fields).toEqual({ email: ["Enter a valid email address."] });
    expect(await db().user.count({ where: { email: email.toLowerCase() } })).toBe(0);
  });
});

describe("verifyCredentials", () => {
  it("returns the user for the right password, whatever the email's case and spacing", async () => {
    const email = uniqueEmail();
    const user = await signUp({ name: "Grace", email, password: PASSWORD });
    expect(await verifyCredentials({ email, password: PASSWORD })).toEqual(user);
    expect(await verifyCredentials({ email: ` ${email.toUpperCase()} `, password: PASSWORD })).toEqual(user);
  });

  it("returns null for a wrong password, an unknown email, or an account without a password", async () => {
    const email = uniqueEmail();
    await signUp({ name: "Linus", email, password: PASSWORD });
    expect(await verifyCredentials({ email, password: `${PASSWORD}!` })).toBeNull();
    expect(await verifyCredentials({ email, password: PASSWORD.toUpperCase() })).toBeNull();
    expect(await verifyCredentials({ email: uniqueEmail(), password: PASSWORD })).toBeNull();
    const oauthOnly = await db().user.create({ data: { email: `oauth-${randomUUID()}@test.local` } });
    expect(await verifyCredentials({ email: oauthOnly.email, password: PASSWORD })).toBeNull();
  });

  it("returns null (does not throw) for garbage input", async () => {
    const email = uniqueEmail();
    await signUp({ name: "Ken", email, password: PASSWORD });
    for (const input of [null, undefined, "x", 42, {}, { email }, { email, password: "" }, { email, password: 12345678 }, { email: [email], password: PASSWORD }, { email, password: "x".repeat(201) }]) {
      expect(await verifyCredentials(input), JSON.stringify(input)).toBeNull();
    }
  });
});

describe("sign-in sessions", () => {
  it("a user is signed in only while the session exists: sign-out ends it on the server", async () => {
    const user = await signUp({ name: "Sid", email: uniqueEmail(), password: PASSWORD });
    const [first, second] = [await startLoginSession(user.id), await startLoginSession(user.id)];
    expect(await findSignedInUser(user.id, first)).toEqual(user);
    await endLoginSession(first);
    expect(await findSignedInUser(user.id, first)).toBeNull();
    // Signing out one browser leaves the others signed in.
    expect(await findSignedInUser(user.id, second)).toEqual(user);
    // A session id belongs to one user only.
    const other = await signUp({ name: "Other", email: uniqueEmail(), password: PASSWORD });
    expect(await findSignedInUser(other.id, second)).toBeNull();
    // Ending it twice is harmless.
    await endLoginSession(first);
  });

  it("an expired session signs nobody in", async () => {
    const user = await signUp({ name: "Old", email: uniqueEmail(), password: PASSWORD });
    const session = await startLoginSession(user.id);
    await db().session.update({ where: { id: session }, data: { expires: new Date(Date.now() - 1000) } });
    expect(await findSignedInUser(user.id, session)).toBeNull();
  });
});
