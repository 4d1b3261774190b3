// @bevan/cli: the `bevan` command.
export { COMMAND_LOADERS, loadCommands, main } from "./main.ts";
