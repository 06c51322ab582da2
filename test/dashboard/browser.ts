/**
 * The dashboard's test harness: the built page (built here if `npm run build:web` has not run),
 * the real server on loopback with a real SQLite file, and Debian's Chromium through
 * playwright-core with a fresh profile and nothing reaching outside the machine.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { tempDir } from "../helpers/fixtures.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const CHROMIUM = process.env.MVGEN_CHROMIUM ?? "/usr/bin/chromium";
/** Where the lead looks at the screenshots (gitignored). */
export const SCRATCH = join(ROOT, ".scratch", "dashboard");

export function ensureDashboardBuilt(): void {
  if (existsSync(join(ROOT, "web", "dist", "index.html"))) return;
  execFileSync(join(ROOT, "node_modules", ".bin", "vite"), ["build", "--config", "web/vite.config.ts"], { cwd: ROOT, stdio: "inherit" });
}

export async function launchBrowser(width: number, height: number): Promise<{ context: BrowserContext; page: Page; close: () => Promise<void> }> {
  const profile = tempDir("mvgen-chromium-");
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required"],
    viewport: { width, height },
    acceptDownloads: true,
    colorScheme: "light",
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, close: () => context.close() };
}

/** Full-page screenshot into the test's folder, copied to .scratch/dashboard/ for review. */
export async function screenshot(page: Page, dir: string, name: string): Promise<string> {
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  mkdirSync(SCRATCH, { recursive: true });
  copyFileSync(path, join(SCRATCH, `${name}.png`));
  return path;
}
