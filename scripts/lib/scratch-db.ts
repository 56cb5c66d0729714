// Empty databases for tests that need a target of their own, on the server of the test database.
import { randomUUID } from "node:crypto";
import pg from "pg";

/** `create` makes an empty database beside the one at `url`; `dropAll` removes them (and their connections). */
export function scratchDatabases(url: string) {
  const names: string[] = [];
  const urlOf = (name: string) => {
    const target = new URL(url);
    target.pathname = `/${name}`;
    return target.toString();
  };
  async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: urlOf("postgres") });
    await client.connect();
    try {
      return await run(client);
    } finally {
      await client.end();
    }
  }
  return {
    create: async (): Promise<string> => {
      const name = `baton_scratch_${randomUUID().slice(0, 8)}`;
      await admin((client) => client.query(`CREATE DATABASE ${name}`));
      names.push(name);
      return urlOf(name);
    },
    dropAll: () =>
      admin(async (client) => {
        for (const name of names.splice(0)) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }),
  };
}
