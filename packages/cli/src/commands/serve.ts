import { createServer } from "@bevan/api";
import { type Command, intOption, requireString } from "../command.ts";
import { exists } from "../config.ts";
import { UsageError } from "../errors.ts";

export const serveCommand: Command = {
  name: "serve",
  summary: "Serve the warehouse over HTTP (status page and API) until interrupted.",
  usage: "bevan serve --db FILE [--port P] [--host H]",
  options: {
    db: { type: "string", description: "Warehouse file.", placeholder: "FILE" },
    port: { type: "string", description: "Port to listen on.", default: "8080", placeholder: "P" },
    host: { type: "string", description: "Address to listen on.", default: "127.0.0.1", placeholder: "H" },
  },
  async run(values) {
    const db = requireString(values, "db", "serve");
    if (!exists(db))
      throw new UsageError(
        `no warehouse at ${db}: create one with \`bevan demo\` or \`bevan ingest\` + \`bevan build\``,
      );
    await serve(db, intOption(values, "port", 1, 65535), String(values.host));
    return 0;
  },
};

export async function serve(db: string, port: number, host: string): Promise<void> {
  const server = await createServer({ db });
  try {
    await server.app.listen({ port, host });
  } catch (error) {
    await server.close();
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new UsageError(`port ${port} is already in use: stop whatever is using it, or pass --port`);
    }
    throw error;
  }
  process.stderr.write(
    `serve: Bevan is running at http://${host === "0.0.0.0" ? "localhost" : host}:${port}/ (Ctrl+C to stop)\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.stderr.write("serve: shutting down\n");
      server.close().then(resolve, resolve);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
