import { DEMO_PASSWORD, DEMO_USERS } from "../../prisma/demo";

export { DEMO_PASSWORD, DEMO_USERS };
export type Actor = "owner" | "member" | "viewer" | "outsider";
export const ACTORS: Actor[] = ["owner", "member", "viewer", "outsider"];
export const storageState = (actor: Actor) => `e2e/.auth/${actor}.json`;
