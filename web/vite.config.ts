import { defineConfig } from "vite";

// The built files are embedded in the luckyhub binary (cmake/embed_web.cmake);
// everything under /assets/ is named by its content hash.
export default defineConfig({
  build: {
    outDir: "dist",
    emptyOutDir: true,
    modulePreload: { polyfill: false }, // no inline script: the CSP forbids them
    chunkSizeWarningLimit: 1500,
    assetsInlineLimit: 0,
  },
  server: { proxy: { "/api": "http://127.0.0.1:8080" } },
});
