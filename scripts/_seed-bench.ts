import { seedBenchBoards } from "./lib/bench-data";
const url = "postgresql://postgres:baton-local@127.0.0.1:54329/baton";
const seeded = await seedBenchBoards(url, "acme", "owner@demo.test", [{ name: "Bench", key: "BENCH", tasks: 1000 }]);
console.log(seeded.boards);
