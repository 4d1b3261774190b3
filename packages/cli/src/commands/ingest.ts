import type { IngestReport } from "@bevan/ingest";
import { type Command, dateOption, requireString } from "../command.ts";
import { exists } from "../config.ts";
import { UsageError } from "../errors.ts";
import { ingestStep } from "../steps.ts";

export const ingestCommand: Command = {
  name: "ingest",
  summary: "Load CSV extracts, Synthea CSV or FHIR (Bundles, Bulk NDJSON), pseudonymising at the door.",
  usage: "bevan ingest PATH... --db FILE [--extract-date YYYY-MM-DD] [--postcodes FILE] [--json]",
  options: {
    db: { type: "string", description: "Warehouse file (created if missing).", placeholder: "FILE" },
    "extract-date": {
      type: "string",
      description:
        "Extract date of FHIR or Synthea input (default: a Bulk export's transactionTime, else today). CSV extracts carry theirs in manifest.json.",
      placeholder: "DATE",
    },
    postcodes: {
      type: "string",
      description:
        "Postcode → LSOA 2021 lookup (CSV such as ONS's ONSPD or NSPL) for FHIR and Synthea people with a postcode and no LSOA extension.",
      placeholder: "FILE",
    },
    json: { type: "boolean", description: "Print the load report as JSON." },
  },
  examples: [
    "bevan ingest data/extract --db data/warehouse.duckdb",
    "bevan ingest ../shared/data/synthea/fhir-r4-bundles-300 --db s.duckdb --json",
  ],
  async run(values, positionals) {
    if (positionals.length === 0)
      throw new UsageError("name at least one extract folder or FHIR file: bevan ingest PATH... --db FILE");
    const extractDate = dateOption(values, "extract-date");
    const postcodes = typeof values.postcodes === "string" ? values.postcodes : undefined;
    if (postcodes !== undefined && !exists(postcodes))
      throw new UsageError(`no postcode lookup at ${postcodes}`);
    const reports = await ingestStep(positionals, requireString(values, "db", "ingest"), {
      quiet: Boolean(values.json),
      ...(extractDate ? { extractDate } : {}),
      ...(postcodes ? { postcodeLookup: postcodes } : {}),
    });
    if (values.json) process.stdout.write(`${JSON.stringify(combined(reports), null, 2)}\n`);
    else {
      for (const r of reports) {
        for (const f of r.files) {
          process.stdout.write(
            `${f.file.padEnd(40)} ${String(f.rowsRead).padStart(11)} read  ${String(f.rowsLoaded).padStart(11)} loaded  ${String(f.rowsQuarantined).padStart(8)} quarantined\n`,
          );
        }
        for (const f of r.ignoredFiles) process.stdout.write(`${f.padEnd(40)} not FHIR input: ignored\n`);
        if (r.lsoa && r.lsoa.people > 0) process.stdout.write(`${lsoaLine(r.lsoa)}\n`);
      }
    }
    const quarantined = reports.reduce((s, r) => s + r.rowsQuarantined, 0);
    if (quarantined > 0 && !values.json) {
      process.stderr.write(
        `ingest: ${quarantined} rows were quarantined; \`bevan quarantine --db FILE\` lists them with line numbers and reasons\n`,
      );
    }
    return 0;
  },
};

/** Where the people's LSOAs (and so their IMD) came from, and what to do about the unknown. */
function lsoaLine(l: NonNullable<IngestReport["lsoa"]>): string {
  const known = l.people - l.unknown;
  const why =
    l.unknown === 0
      ? ""
      : l.postcodeLookup
        ? `; ${l.unknown} unknown (no LSOA extension, and no postcode or one not in the lookup)`
        : `; ${l.unknown} unknown (no LSOA extension; give a postcode lookup with --postcodes FILE for the ${l.withPostcode} with a postcode)`;
  return `LSOA (for IMD): ${known} of ${l.people} people (${l.fromExtension} from an address extension, ${l.fromPostcode} from the postcode)${why}`;
}

/** One report for all the paths: files concatenated, totals summed, persons after the last load. */
function combined(reports: IngestReport[]): unknown {
  if (reports.length === 1) return reports[0];
  return {
    files: reports.flatMap((r) => r.files),
    rowsRead: reports.reduce((s, r) => s + r.rowsRead, 0),
    rowsLoaded: reports.reduce((s, r) => s + r.rowsLoaded, 0),
    rowsQuarantined: reports.reduce((s, r) => s + r.rowsQuarantined, 0),
    persons: reports.at(-1)?.persons ?? 0,
    inputs: reports.map((r) => ({ path: r.path, extractDate: r.extractDate, ignoredFiles: r.ignoredFiles })),
  };
}
