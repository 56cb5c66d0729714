import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./db-errors";

// The shapes below are what Prisma 7 with @prisma/adapter-pg throws (seen against a stopped server,
// a statement timeout and a lock timeout); pg's own errors carry the SQLSTATE in `code`.
const adapter = (cause: Record<string, unknown>, code = "P2010") => ({ code, meta: { driverAdapterError: { name: "DriverAdapterError", cause } } });

describe("isDatabaseUnavailable", () => {
  it("recognises an unreachable, restarting, saturated or timed-out database", () => {
    expect(isDatabaseUnavailable(adapter({ kind: "DatabaseNotReachable", host: "127.0.0.1", port: 5432 }, "P1001"))).toBe(true);
    expect(isDatabaseUnavailable(adapter({ kind: "postgres", originalCode: "57014", message: "canceling statement due to statement timeout" }))).toBe(true);
    expect(isDatabaseUnavailable(adapter({ kind: "postgres", originalCode: "55P03", message: "canceling statement due to lock timeout" }))).toBe(true);
    expect(isDatabaseUnavailable(adapter({ kind: "postgres", originalCode: "57P01", message: "terminating connection due to administrator command" }))).toBe(true);
    expect(isDatabaseUnavailable(adapter({ kind: "postgres", originalCode: "08006" }))).toBe(true);
    expect(isDatabaseUnavailable({ code: "P2024", message: "Timed out fetching a new connection from the connection pool." })).toBe(true);
    expect(isDatabaseUnavailable({ code: "P2028", message: "Transaction API error" })).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("wrapped"), { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }) }))).toBe(true);
  });

  it("leaves bugs and bad data alone: they are not the database being away", () => {
    expect(isDatabaseUnavailable(adapter({ kind: "postgres", originalCode: "23505", message: "duplicate key value" }, "P2002"))).toBe(false);
    expect(isDatabaseUnavailable(adapter({ kind: "postgres", originalCode: "22003", message: "integer out of range" }))).toBe(false);
    expect(isDatabaseUnavailable({ code: "P2025", message: "Record to update not found." })).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable("Connection terminated")).toBe(false);
  });
});
