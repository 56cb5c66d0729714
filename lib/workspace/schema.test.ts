import { describe, expect, it } from "vitest";
import { fieldErrors } from "@/lib/core/errors";
import { createWorkspaceSchema, invitationTokenSchema, RESERVED_SLUGS, slugify } from "./schema";

function slugErrors(slug: unknown) {
  const result = createWorkspaceSchema.safeParse({ name: "Acme", slug });
  expect(result.success).toBe(false);
  return fieldErrors(result.error as NonNullable<typeof result.error>);
}

describe("slugify", () => {
  it("lowercases, joins words with single dashes, trims dashes and cuts at 40 characters", () => {
    const cases: [string, string][] = [
      ["Acme Corp", "acme-corp"],
      ["  Hello,   World!  ", "hello-world"],
      ["--Team__42--", "team-42"],
      ["Café", "cafe"],
      ["!!!", ""],
      ["x".repeat(60), "x".repeat(40)],
    ];
    for (const [name, slug] of cases) expect(slugify(name), name).toBe(slug);
  });

  // Regression: NFKD splits "è" into "e" + U+0300; the mark must be dropped, not turned into a dash.
  it("drops accents instead of turning them into dashes", () => {
    expect(slugify("Crème brûlée")).toBe("creme-brulee");
  });

  // Regression: trimming dashes before the cut to 40 characters could leave a trailing dash, which
  // the schema refuses although the user never typed it.
  it("always produces a slug the schema accepts for a long name", () => {
    const name = `${"a".repeat(39)} b`;
    const slug = slugify(name);
    expect(createWorkspaceSchema.safeParse({ name: "Long", slug }).success).toBe(true);
  });
});

describe("createWorkspaceSchema", () => {
  it("lowercases and trims the slug and fills in the first board", () => {
    expect(createWorkspaceSchema.parse({ name: " Acme ", slug: " ACME-2 " })).toEqual({ name: "Acme", slug: "acme-2", boardName: "Main", boardKey: "MAIN" });
    expect(createWorkspaceSchema.parse({ name: "A", slug: "a", boardKey: "web" }).boardKey).toBe("WEB");
  });

  it("accepts slugs of 1 and 40 characters, not 41", () => {
    expect(createWorkspaceSchema.safeParse({ name: "A", slug: "a" }).success).toBe(true);
    expect(createWorkspaceSchema.safeParse({ name: "A", slug: "a".repeat(40) }).success).toBe(true);
    expect(Object.keys(slugErrors("a".repeat(41)))).toEqual(["slug"]);
  });

  it("rejects leading/trailing dashes, spaces, underscores, accents and empty slugs", () => {
    for (const slug of ["-acme", "acme-", "-", "ac me", "acme_corp", "acmé", ""]) {
      expect(slugErrors(slug), slug).toEqual({ slug: ["Use 1–40 lowercase letters, digits or dashes (not at the ends)."] });
    }
  });

  it("rejects every reserved slug, in any case", () => {
    expect(RESERVED_SLUGS).toEqual(expect.arrayContaining(["new", "settings", "api", "admin", "signin", "signup", "invite"]));
    for (const slug of [...RESERVED_SLUGS, "API", " Admin "]) {
      expect(slugErrors(slug)).toEqual({ slug: ["This URL name is reserved."] });
    }
  });

  it("rejects a bad first board key", () => {
    const result = createWorkspaceSchema.safeParse({ name: "A", slug: "ok", boardKey: "1X" });
    expect(result.success).toBe(false);
    expect(Object.keys(fieldErrors(result.error as NonNullable<typeof result.error>))).toEqual(["boardKey"]);
  });
});

describe("invitationTokenSchema", () => {
  it("accepts base64url tokens of 20–100 characters only", () => {
    expect(invitationTokenSchema.safeParse("A".repeat(32)).success).toBe(true);
    expect(invitationTokenSchema.safeParse("a_b-".repeat(5)).success).toBe(true);
    expect(invitationTokenSchema.safeParse("A".repeat(19)).success).toBe(false);
    expect(invitationTokenSchema.safeParse("A".repeat(101)).success).toBe(false);
    expect(invitationTokenSchema.safeParse(`${"A".repeat(30)}=`).success).toBe(false);
  });
});
