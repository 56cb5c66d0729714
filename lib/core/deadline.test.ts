import { describe, expect, it } from "vitest";
import { db } from "./db";
import { assertInTime, notCounted, withDeadline } from "./deadline";
import { caught } from "@/lib/test/fixtures";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));


describe("withDeadline", () => {
  it("passes a result within the budget through", async () => {
    await expect(withDeadline(500, async () => "done")).resolves.toBe("done");
  });

  it("answers 503 with Retry-After as soon as the budget is spent, without waiting for the work", async () => {
    const started = Date.now();
    const error = await caught(withDeadline(150, () => sleep(2_000)));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(error.status).toBe(503);
    expect(error.headers).toEqual({ "Retry-After": "2" });
  });

  it("does not count time spent waiting on the client", async () => {
    await expect(
      withDeadline(200, async () => {
        await notCounted(() => sleep(400));
        await sleep(50);
        assertInTime();
        return "in time";
      }),
    ).resolves.toBe("in time");
  });

  it("outside a request, assertInTime never throws", () => {
    expect(() => assertInTime()).not.toThrow();
  });
});

describe("a transaction that outlives its request's deadline", () => {
  it("is rolled back, not committed after the 503", async () => {
    const key = `deadline-test-${Date.now()}-${Math.random()}`;
    let write: Promise<unknown> = Promise.resolve();
    const error = await caught(
      withDeadline(100, async () => {
        write = db().$transaction(async (tx) => {
          await tx.$executeRaw`INSERT INTO rate_limits (key, points) VALUES (${key}, 1)`;
          await sleep(400);
        });
        return write;
      }),
    );
    expect(error.status).toBe(503);
    // The transaction's own promise fails too, once its callback ends past the deadline.
    await expect(write).rejects.toMatchObject({ code: "unavailable" });
    expect(await db().rateLimit.count({ where: { key } })).toBe(0);
  });

  it("commits when it ends in time", async () => {
    const key = `deadline-test-${Date.now()}-${Math.random()}`;
    await withDeadline(2_000, () => db().$transaction((tx) => tx.$executeRaw`INSERT INTO rate_limits (key, points) VALUES (${key}, 1)`));
    expect(await db().rateLimit.count({ where: { key } })).toBe(1);
    await db().rateLimit.delete({ where: { key } });
  });
});
