import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "./db";
import { checkDatabase } from "./health";

describe("checkDatabase", () => {
  const down = createPrismaClient("postgresql://nobody:nothing@127.0.0.1:1/none");
  afterAll(() => down.$disconnect());

  it("is true against the real database", async () => {
    expect(await checkDatabase()).toBe(true);
  });

  it("is false, within the timeout, when the database does not answer", async () => {
    const started = Date.now();
    expect(await checkDatabase(1500, down)).toBe(false);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
