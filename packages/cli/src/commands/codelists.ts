import { codelistTable } from "@bevan/domain";
import { Warehouse } from "@bevan/engine";
import { type Command, requireString } from "../command.ts";
import { exists } from "../config.ts";
import { UsageError } from "../errors.ts";

export const codelistsCommand: Command = {
  name: "codelists",
  summary: "The codelists in a warehouse: coding system, source, version, import date, size.",
  usage: "bevan codelists --db FILE [--json]",
  options: {
    db: { type: "string", description: "Warehouse file.", placeholder: "FILE" },
    json: { type: "boolean", description: "Print JSON." },
  },
  async run(values) {
    const db = requireString(values, "db", "codelists");
    if (!exists(db))
      throw new UsageError(`no warehouse at ${db}: create one with \`bevan ingest\` and \`bevan build\``);
    const wh = await Warehouse.open(db, { readOnly: true });
    try {
      if (!(await wh.tableExists(codelistTable.name)))
        throw new UsageError(`the warehouse ${db} holds no codelists yet: run \`bevan build --db ${db}\``);
      const rows = await wh.json<{
        codelist_id: string;
        coding_system: string;
        source: string;
        version: string;
        imported_at: string;
        codes: string;
      }>(
        `SELECT c.codelist_id, c.coding_system, c.source, c.version, c.imported_at,
          (SELECT count(*) FROM codelist_code AS k WHERE k.codelist_id = c.codelist_id) AS codes
        FROM ${codelistTable.name} AS c ORDER BY c.codelist_id`,
      );
      if (values.json) {
        process.stdout.write(
          `${JSON.stringify(
            rows.map((r) => ({ ...r, codes: Number(r.codes) })),
            null,
            2,
          )}\n`,
        );
        return 0;
      }
      if (rows.length === 0) {
        process.stdout.write(`No codelists: run \`bevan build --db ${db}\`.\n`);
        return 0;
      }
      const w = Math.max(...rows.map((r) => r.codelist_id.length));
      const out = [
        `${"codelist".padEnd(w)}  system    codes   version              imported             source`,
      ];
      for (const r of rows) {
        out.push(
          `${r.codelist_id.padEnd(w)}  ${r.coding_system.padEnd(8)} ${String(r.codes).padStart(6)}   ${r.version.padEnd(20)} ${r.imported_at.slice(0, 19).padEnd(20)} ${r.source}`,
        );
      }
      out.push("", `${rows.length} codelists.`);
      process.stdout.write(`${out.join("\n")}\n`);
      return 0;
    } finally {
      wh.close();
    }
  },
};
