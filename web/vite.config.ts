/**
 * The dashboard's build: web/ → web/dist (index.html + hashed assets/), served by `mvgen serve`
 * at `/`. No CDN, no web fonts: the bundle is all the page loads.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/",
  publicDir: false,
  logLevel: "warn",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // One small bundle; inlining nothing keeps the CSP at 'self' (no data: scripts or styles).
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: false,
  },
});
