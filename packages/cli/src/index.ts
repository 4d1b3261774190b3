// @bevan/cli: the `bevan` command.
export { COMMANDS, main } from "./main.ts";
