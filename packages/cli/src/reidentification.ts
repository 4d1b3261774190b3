// A re-identification lookup for the embedded default, built from the extract's
// patients.csv and the pseudonymisation key: pseudonym → NHS number, held in memory by the
// server process only. The ingest issue's `openReidentification(path)` (a separate file
// beside the warehouse) replaces this once merged; both satisfy the API's interface.
import { createReadStream } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { pseudonymiser } from "@bevan/ingest";

export async function extractReidentification(
  extractDir: string,
  key: Buffer,
): Promise<{ lookup(personIds: bigint[]): Promise<Map<bigint, string>>; close(): void }> {
  const pseudonym = pseudonymiser(key);
  const map = new Map<bigint, string>();
  const lines = createInterface({
    input: createReadStream(join(extractDir, "patients.csv")),
    crlfDelay: Infinity,
  });
  let column = -1;
  for await (const line of lines) {
    if (column < 0) {
      column = line.split(",").indexOf("nhs_number");
      if (column < 0) throw new Error("patients.csv has no nhs_number column");
      continue;
    }
    const nhs = line.split(",")[column]?.replaceAll(/[\s"]/g, "");
    if (nhs && /^\d{10}$/.test(nhs)) map.set(pseudonym(nhs), nhs);
  }
  return {
    async lookup(personIds) {
      const out = new Map<bigint, string>();
      for (const id of personIds) {
        const n = map.get(id);
        if (n) out.set(id, n);
      }
      return out;
    },
    close() {
      map.clear();
    },
  };
}
