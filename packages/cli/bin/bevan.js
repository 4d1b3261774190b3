#!/usr/bin/env node
// The `bevan` command. Bevan runs on the Node pinned in the repository (node_modules/.bin/node);
// if an older Node started this file, hand over to the pinned one.
import { spawnSync } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const major = Number(process.versions.node.split(".")[0]);
if (major < 24) {
  const here = dirname(realpathSync(fileURLToPath(import.meta.url)));
  const pinned = join(here, "..", "..", "..", "node_modules", ".bin", "node");
  if (!existsSync(pinned)) {
    console.error(
      "bevan needs Node 24; run `npm install` in the Bevan repository to install the pinned Node.",
    );
    process.exit(2);
  }
  const result = spawnSync(pinned, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: "inherit",
  });
  process.exit(result.status ?? 1);
} else {
  const { main } = await import("../src/main.ts");
  process.exitCode = await main(process.argv.slice(2));
}
