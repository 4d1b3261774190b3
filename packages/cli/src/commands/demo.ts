import { rmSync } from "node:fs";
import { join } from "node:path";
import { getBuildInfo, Warehouse } from "@bevan/engine";
import { GENERATOR_VERSION } from "@bevan/synth";
import { type Command, dateOption, intOption } from "../command.ts";
import { defaultDataDir, exists } from "../config.ts";
import { buildStep, generateStep, ingestStep, modelCardStep } from "../steps.ts";
import { DEFAULT_AS_OF } from "./generate.ts";
import { serve } from "./serve.ts";

export const demoCommand: Command = {
  name: "demo",
  summary: "Generate a synthetic ICS, ingest it, build the warehouse and serve it (what `npm start` runs).",
  usage: "bevan demo [--persons N] [--seed S] [--port P] [--no-serve] [--data-dir DIR] [--rebuild]",
  options: {
    persons: { type: "string", description: "Number of people.", default: "100000", placeholder: "N" },
    seed: { type: "string", description: "Random seed.", default: "1", placeholder: "S" },
    port: { type: "string", description: "Port to serve on.", default: "8080", placeholder: "P" },
    host: { type: "string", description: "Address to listen on.", default: "127.0.0.1", placeholder: "H" },
    serve: {
      type: "boolean",
      description: "Serve when ready (--no-serve to stop after the build).",
      default: true,
    },
    "data-dir": {
      type: "string",
      description: "Where the demo's extract and warehouse go.",
      placeholder: "DIR",
    },
    "as-of": { type: "string", description: "Extract date.", default: DEFAULT_AS_OF, placeholder: "DATE" },
    rebuild: { type: "boolean", description: "Regenerate and rebuild even if a matching warehouse exists." },
  },
  async run(values) {
    const persons = intOption(values, "persons", 10, 20_000_000);
    const seed = intOption(values, "seed", 0, 2 ** 31 - 1);
    const port = intOption(values, "port", 1, 65535);
    const asOf = dateOption(values, "as-of") ?? DEFAULT_AS_OF;
    const dir =
      typeof values["data-dir"] === "string"
        ? values["data-dir"]
        : join(defaultDataDir(), `demo-${persons}-seed${seed}-${asOf}`);
    const extract = join(dir, "extract");
    const db = join(dir, "warehouse.duckdb");
    const wanted = `${GENERATOR_VERSION} (persons ${persons}, seed ${seed})`;
    if (values.rebuild || !(await isCurrent(db, wanted, asOf))) {
      rmSync(db, { force: true });
      rmSync(`${db}.wal`, { force: true });
      await generateStep({ persons, seed, out: extract, asOf });
      await ingestStep([extract], db);
      await buildStep(db, asOf);
      await modelCardStep(db);
    } else {
      process.stderr.write(`demo: reusing the warehouse in ${dir} (pass --rebuild to start again)\n`);
    }
    if (values.serve) await serve(db, port, String(values.host), { values: {}, demoUsers: true });
    else process.stderr.write(`demo: warehouse ready at ${db}\n`);
    return 0;
  },
};

async function isCurrent(db: string, generatedBy: string, asOf: string): Promise<boolean> {
  if (!exists(db)) return false;
  try {
    const wh = await Warehouse.open(db, { readOnly: true });
    try {
      const info = await getBuildInfo(wh);
      return info.extract_generated_by === generatedBy && info.as_of === asOf && Boolean(info.built_at);
    } finally {
      wh.close();
    }
  } catch {
    return false;
  }
}
