// Order of cards within a cell (lane × status) uses fractional-index keys: moving a card writes
// only that card's key, however many cards the cell holds. Keys use the characters 0-9A-Za-z and
// must be compared byte by byte, which is why the column is COLLATE "C" and why code that sorts
// them must not use localeCompare.
import { generateKeyBetween, generateNKeysBetween } from "fractional-indexing";

export function keyBetween(before: string | null, after: string | null): string {
  return generateKeyBetween(before, after);
}

export function keysBetween(before: string | null, after: string | null, count: number): string[] {
  return generateNKeysBetween(before, after, count);
}

/** Byte-order comparison, matching COLLATE "C". */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
