import { parseSections } from "./sections";

/**
 * The success criteria of a spec, one per list item of its "Success criteria" section, without
 * the list marks or checkboxes (`- [ ] Tests pass` → "Tests pass"). A reviewer marks each as met
 * or not; an agent reads the ones marked "not met" by their text.
 */
export function successCriteria(markdown: string): string[] {
  const body = parseSections(markdown).sections.success?.body ?? "";
  const items: string[] = [];
  for (const line of body.split("\n")) {
    const match = /^\s{0,3}(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?(.+?)\s*$/.exec(line);
    if (match) items.push(match[1] as string);
    else if (items.length > 0 && /^\s{2,}\S/.test(line)) items[items.length - 1] += ` ${line.trim()}`;
  }
  return [...new Set(items)];
}
