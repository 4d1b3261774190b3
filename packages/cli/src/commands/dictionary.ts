import { writeFileSync } from "node:fs";
import { dataDictionaryMarkdown } from "@bevan/domain";
import type { Command } from "../command.ts";

export const dictionaryCommand: Command = {
  name: "dictionary",
  summary: "Print (or write) the warehouse data dictionary, generated from the table definitions.",
  usage: "bevan dictionary [--out FILE]",
  options: {
    out: { type: "string", description: "Write to this file instead of stdout.", placeholder: "FILE" },
  },
  async run(values) {
    const text = dataDictionaryMarkdown();
    if (typeof values.out === "string") writeFileSync(values.out, text);
    else process.stdout.write(text);
    return 0;
  },
};
