import { describe, expect, it } from "vitest";
import { compareKeys, keyBetween, keysBetween } from "./ordering";

const isStrictlyAscending = (keys: string[]) => keys.every((key, i) => i === 0 || compareKeys(keys[i - 1] as string, key) < 0);

describe("keyBetween", () => {
  it("produces keys strictly between their neighbours", () => {
    expect(keyBetween(null, null)).toBe("a0");
    expect(keyBetween("a0", null)).toBe("a1");
    expect(keyBetween(null, "a0")).toBe("Zz");
    const mid = keyBetween("a0", "a1");
    expect(compareKeys("a0", mid)).toBe(-1);
    expect(compareKeys(mid, "a1")).toBe(-1);
  });

  it("refuses equal neighbours (there is no key strictly between them)", () => {
    expect(() => keyBetween("a0", "a0")).toThrow();
  });

  it("keeps 200 successive inserts at the head strictly ordered", () => {
    const keys: string[] = [];
    let first: string | null = null;
    for (let i = 0; i < 200; i++) {
      first = keyBetween(null, first);
      keys.unshift(first);
    }
    expect(new Set(keys).size).toBe(200);
    expect(isStrictlyAscending(keys)).toBe(true);
  });

  it("keeps 200 successive inserts right after the same card strictly ordered", () => {
    // Always drop a new card directly below "a0": between "a0" and the card inserted last time.
    const keys: string[] = [];
    let upper = "a1";
    for (let i = 0; i < 200; i++) {
      upper = keyBetween("a0", upper);
      keys.unshift(upper);
    }
    expect(new Set(keys).size).toBe(200);
    expect(isStrictlyAscending(["a0", ...keys, "a1"])).toBe(true);
  });

  it("keeps 200 successive inserts at the tail strictly ordered", () => {
    const keys: string[] = [];
    let last: string | null = null;
    for (let i = 0; i < 200; i++) {
      last = keyBetween(last, null);
      keys.push(last);
    }
    expect(new Set(keys).size).toBe(200);
    expect(isStrictlyAscending(keys)).toBe(true);
  });

  it("generates keys that localeCompare sorts differently from byte order (why the column is COLLATE \"C\")", () => {
    // A card moved above the first card ("a0") gets "Zz": byte order puts it first, a locale puts it last.
    const head = keyBetween(null, "a0");
    expect(head).toBe("Zz");
    expect(compareKeys(head, "a0")).toBeLessThan(0);
    expect(head.localeCompare("a0")).toBeGreaterThan(0);

    // Appending at the tail passes from "aZ" to "aa"; a locale sort puts "aa" before "aZ".
    const tail: string[] = [];
    let last: string | null = null;
    for (let i = 0; i < 200; i++) tail.push((last = keyBetween(last, null)));
    expect(tail).toContain("aZ");
    expect(tail.indexOf("aa")).toBe(tail.indexOf("aZ") + 1);
    expect(compareKeys("aZ", "aa")).toBeLessThan(0);
    expect("aZ".localeCompare("aa")).toBeGreaterThan(0);
    expect([...tail].sort(compareKeys)).toEqual(tail);
    expect([...tail].sort((a, b) => a.localeCompare(b))).not.toEqual(tail);
  });
});

describe("keysBetween", () => {
  it.each([
    [null, null, 5],
    ["a0", null, 12],
    [null, "a0", 7],
    ["a0", "a1", 30],
  ] as const)("between %s and %s returns %i sorted unique keys", (before, after, count) => {
    const keys = keysBetween(before, after, count);
    expect(keys).toHaveLength(count);
    expect(new Set(keys).size).toBe(count);
    expect(isStrictlyAscending(keys)).toBe(true);
    if (before !== null) expect(compareKeys(before, keys[0] as string)).toBe(-1);
    if (after !== null) expect(compareKeys(keys.at(-1) as string, after)).toBe(-1);
  });

  it("returns no keys for a count of 0", () => {
    expect(keysBetween(null, null, 0)).toEqual([]);
  });
});

describe("compareKeys", () => {
  it("compares by code unit, uppercase before lowercase, digits first", () => {
    expect(compareKeys("a0", "a0")).toBe(0);
    expect(compareKeys("0", "A")).toBe(-1);
    expect(compareKeys("Z", "a")).toBe(-1);
    expect(compareKeys("b", "a")).toBe(1);
    expect(["aa", "Zz", "a0", "aZ", "b00"].sort(compareKeys)).toEqual(["Zz", "a0", "aZ", "aa", "b00"]);
  });
});
