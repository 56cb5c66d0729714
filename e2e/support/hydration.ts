import { expect, type Locator } from "@playwright/test";

/**
 * Waits until React has hydrated `control`, i.e. its event handlers are attached. Server-rendered
 * buttons are visible (and clickable) before that; on a loaded machine a click in between is lost,
 * or a form is submitted natively. React marks each hydrated DOM node with a `__reactFiber…` key.
 */
export async function expectHydrated(control: Locator) {
  await expect
    .poll(() => control.evaluate((node) => Object.keys(node).some((key) => key.startsWith("__reactFiber"))), { message: "waiting for React to hydrate" })
    .toBe(true);
}
