/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { fileURLToPath } from "node:url";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// The UI lives in ui/ but reads the published JSON Schema (and, in the browser mock, the
// example designs) from the workspace: `@schemas` and `@examples` point there.
export default defineConfig({
  plugins: [svelte()],
  // Tauri serves the built files from its own origin: relative asset paths work there and in preview.
  base: "./",
  clearScreen: false,
  resolve: {
    alias: {
      "@schemas": here("../schemas"),
      "@examples": here("../examples"),
    },
    // Unit tests mount views in happy-dom: Svelte's browser build, not its server one.
    ...(process.env.VITEST ? { conditions: ["browser"] } : {}),
  },
  server: { port: 5173, strictPort: true, fs: { allow: [here("..")] } },
  build: {
    outDir: "dist",
    target: "es2022",
    chunkSizeWarningLimit: 1600,
  },
  test: {
    environment: "happy-dom",
    include: ["tests/**/*.test.ts"],
  },
});
