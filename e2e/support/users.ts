import { DEMO_PASSWORD, DEMO_USERS } from "../../prisma/demo";

export { DEMO_PASSWORD, DEMO_USERS };
/** The demo people the tests sign in as: Acme's four roles, and Globex's owner, admin and member. */
export type Actor = "owner" | "admin" | "member" | "viewer" | "outsider" | "globexAdmin" | "globexMember";
export const ACTORS: Actor[] = ["owner", "admin", "member", "viewer", "outsider", "globexAdmin", "globexMember"];
export const storageState = (actor: Actor) => `e2e/.auth/${actor}.json`;
