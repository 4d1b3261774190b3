// A copy of the shared demo warehouse with the risk models trained and every score in the
// person_score view, as `bevan build` leaves it (global-setup builds without the risk step):
// for tests of worklists and pages that read mortality risk, QDiabetes or tiers. Made once
// per test run, inside the demo's directory (removed with it), by whichever test file asks
// first; the others wait for it and open it read-only.
import { copyFileSync, cpSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Warehouse } from "@bevan/engine";
import { createPersonScoreView } from "@bevan/query";
import { scoreRisk } from "../packages/risk/src/index.ts";
import { SHARED_DATA } from "./paths.ts";

export interface Demo {
  readonly dir: string;
  readonly extract: string;
  readonly db: string;
  readonly keyFile: string;
}

/** The scored copy of `demo` (with its re-identification store); read it, never write it. */
export async function scoredDemo(demo: Demo): Promise<Demo> {
  const dir = join(demo.dir, "scored");
  const db = join(dir, "warehouse.duckdb");
  const ready = join(dir, "ready");
  let mine = false;
  try {
    mkdirSync(dir);
    mine = true;
  } catch {}
  if (mine) {
    copyFileSync(demo.db, db);
    cpSync(join(dirname(demo.db), "secrets"), join(dir, "secrets"), { recursive: true });
    const wh = await Warehouse.open(db);
    try {
      await scoreRisk(wh, { sharedDataDir: SHARED_DATA });
      await createPersonScoreView(wh);
    } finally {
      wh.close();
    }
    writeFileSync(ready, "");
  } else {
    const until = Date.now() + 300_000;
    while (!existsSync(ready)) {
      if (Date.now() > until)
        throw new Error(`the scored demo warehouse in ${dir} was not made in 5 minutes`);
      await sleep(250);
    }
  }
  return { ...demo, dir, db };
}
