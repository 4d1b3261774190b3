import { defineConfig } from "vitest/config";

// The test taxonomy (see ARCHITECTURE.md): unit and spec tests are fast and pure;
// integration tests touch DuckDB, the file system, or spawn the CLI.
export default defineConfig({
  test: {
    env: { TZ: "UTC" },
    projects: [
      {
        test: {
          name: "unit",
          include: ["packages/*/test/**/*.test.ts", "test/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "**/node_modules/**"],
          env: { TZ: "UTC" },
        },
      },
      {
        test: {
          name: "integration",
          include: ["packages/*/test/**/*.int.test.ts", "test/**/*.int.test.ts"],
          globalSetup: ["test/global-setup.ts"],
          env: { TZ: "UTC" },
          testTimeout: 300_000,
          hookTimeout: 300_000,
          pool: "forks",
        },
      },
    ],
  },
});
