// Builds REFERENCE.md from the source: each module's opening comment, then every exported
// function, constant and type with its doc comment and declaration line.
import { readdirSync } from "node:fs";
import path from "node:path";
import { readText } from "./vectors.ts";

export function renderReference(srcDir: string): string {
  const files = readdirSync(srcDir)
    .filter((f) => f.endsWith(".ts") && f !== "index.ts")
    .sort();
  const out = [
    "# @bevan/methods reference",
    "",
    "Generated from the source comments by `test/reference-doc.ts`; do not edit by hand.",
    "Regenerate with `UPDATE_REFERENCE=1 npx vitest run packages/methods/test/reference.test.ts`.",
    "",
  ];
  for (const file of files) {
    const text = readText(path.join(srcDir, file));
    const lines = text.split("\n");
    const intro: string[] = [];
    for (const line of lines) {
      if (line.startsWith("// biome-ignore")) continue;
      if (!line.startsWith("//")) break;
      intro.push(line.replace(/^\/\/ ?/, ""));
    }
    const exported = [
      ...text.matchAll(
        /(?:\/\*\*((?:(?!\*\/)[\s\S])*?)\*\/\n)?export (?:declare )?(function|const|class|interface|type) (\w+)([^\n]*)/g,
      ),
    ];
    if (exported.length === 0) continue;
    out.push(`## ${file.replace(/\.ts$/, "")}`, "", intro.join(" ").trim(), "");
    for (const m of exported) {
      const doc = (m[1] ?? "")
        .split("\n")
        .map((l) => l.replace(/^\s*\* ?/, "").trim())
        .filter(Boolean)
        .join(" ");
      const kind = m[2] as string;
      const name = m[3] as string;
      const rest = (m[4] ?? "").replace(/\s*\{\s*$/, "").trim();
      out.push(`- **${name}** (${kind})${doc ? ` — ${doc}` : ""}`);
      if (kind === "function") out.push(`  \`${name}${rest}\``);
    }
    out.push("");
  }
  return `${out.join("\n").trimEnd()}\n`;
}
