// `node bench/reference/run-postgres.ts DB`: the PostgreSQL 15 side of the benchmark on a
// built warehouse (postgres.ts); prints JSON on the last line.
import { benchPostgres } from "./postgres.ts";

const [db] = process.argv.slice(2);
if (!db) throw new Error("usage: node bench/reference/run-postgres.ts DB");
const result = await benchPostgres(db);
process.stdout.write(`\n${JSON.stringify(result)}\n`);
