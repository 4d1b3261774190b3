// Generates the data dictionary (Markdown) from the table definitions.
import { BOOKKEEPING_TABLES, DERIVED_TABLES } from "./derived.ts";
import { RESOURCE_TABLES } from "./resource-tables.ts";
import { RISK_TABLES } from "./risk-tables.ts";
import type { TableDef } from "./table.ts";
import { INGESTED_TABLES, REFERENCE_TABLES } from "./warehouse.ts";

export const ALL_TABLES: readonly TableDef[] = [
  ...REFERENCE_TABLES,
  ...INGESTED_TABLES,
  ...DERIVED_TABLES,
  ...RISK_TABLES,
  ...RESOURCE_TABLES,
  ...BOOKKEEPING_TABLES,
];

export function dataDictionaryMarkdown(tables: readonly TableDef[] = ALL_TABLES): string {
  const out: string[] = [
    "# Bevan warehouse data dictionary",
    "",
    "Generated from `packages/domain/src` by `npm run dictionary`; do not edit by hand.",
    "",
  ];
  for (const t of tables) {
    out.push(`## \`${t.name}\` (${t.layer})`, "", t.description, "");
    out.push(`- **Grain**: ${t.grain}`, `- **Source**: ${t.source}`);
    if (t.primaryKey) out.push(`- **Key**: ${t.primaryKey.map((k) => `\`${k}\``).join(", ")}`);
    if (t.knownGaps.length > 0) out.push(`- **Known gaps**: ${t.knownGaps.join(" ")}`);
    out.push("", "| column | type | null | description |", "|---|---|---|---|");
    for (const col of t.columns) {
      out.push(`| \`${col.name}\` | ${col.type} | ${col.nullable ? "yes" : "no"} | ${col.description} |`);
    }
    out.push("");
  }
  return out.join("\n");
}
