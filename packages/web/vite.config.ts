// Vite builds the web application into dist/, which the API server serves at `/`.
// `npx vite --config packages/web/vite.config.ts` runs it in development against an API on :8080.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const here = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: "/",
  plugins: [react()],
  // The design system's icons and favicons, served from /images/ (see styles.scss).
  publicDir: join(here, "..", "..", "node_modules", "nhsuk-frontend", "dist", "nhsuk", "assets"),
  css: {
    preprocessorOptions: {
      scss: { loadPaths: [join(here, "node_modules"), join(here, "..", "..", "node_modules")] },
    },
  },
  build: {
    outDir: join(here, "dist"),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: { proxy: { "/api": "http://127.0.0.1:8080" } },
});
