/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The dashboard in a real browser: a video made through the page end to end (a 3 s song and a
 * drawn portrait), played in the page; bad uploads explained; screenshots at 375 and 1280 px.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startTestServer, type TestServer } from "../server/harness.ts";
import { tempDir, writeGradient, writePhoto, writeSongWav } from "../helpers/fixtures.ts";
import { ensureDashboardBuilt, launchBrowser, screenshot } from "./browser.ts";

describe("dashboard", () => {
  let server: TestServer;
  let dir: string;
  const offsite: string[] = [];

  before(async () => {
    ensureDashboardBuilt();
    dir = tempDir("mvgen-dashboard-");
    server = await startTestServer({ workers: 1, pollMs: 100 });
  });
  after(async () => {
    await server?.close();
  });

  it("makes a video from a song and a portrait, shows progress, plays it and shows the plan", async () => {
    const { key } = await server.key({ credits: 1000 });
    const song = writeSongWav(dir, 3);
    const portrait = writePhoto(dir, "portrait.png", 480, 600);
    const browser = await launchBrowser(1280, 900);
    try {
      const { page, context } = browser;
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
      page.on("request", (request) => {
        if (!request.url().startsWith(server.url) && !request.url().startsWith("blob:") && !request.url().startsWith("data:")) offsite.push(request.url());
      });
      await page.goto(server.url);
      assert.equal(await page.title(), "mvgen — make a music video");
      assert.equal(await page.locator("#submit").isDisabled(), true);

      await page.getByLabel("API key").fill(key);
      await page.getByRole("button", { name: "Use key" }).click();
      await page.locator("#balance", { hasText: "Balance: 1,000 credits" }).waitFor();
      assert.equal(await page.evaluate(() => localStorage.getItem("mvgen.apiKey")), key);

      await page.locator("#song-input").setInputFiles(song);
      await page.locator("#song-status", { hasText: "Song checked: 3.0 s long." }).waitFor({ timeout: 30_000 });
      await page.locator("#cost", { hasText: "Cost: 45 credits (5 s at 480p" }).waitFor();
      await page.locator("#photo-input").setInputFiles(portrait);
      await page.locator("#photo-list .status", { hasText: "Face found" }).waitFor({ timeout: 30_000 });
      assert.equal(await page.locator("#photo-list img").count(), 1);

      await page.getByLabel(/^Prompt/).fill("neon city at night, rain");
      assert.equal(await page.locator("#prompt-count").textContent(), "24 / 2500");
      await page.getByLabel(/^Lyrics/).fill("Oh la la\nsing along");
      assert.equal(await page.locator("#lyrics-count").textContent(), "19 / 16000");
      await page.getByLabel("720p").check();
      await page.locator("#cost", { hasText: "Cost: 90 credits" }).waitFor();
      await page.getByLabel("480p").check();
      await page.getByLabel("9:16 portrait").check();
      await screenshot(page, dir, "desktop-1280-form");

      // Live progress: record every stage line the page shows while the task runs.
      await page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { seen: string[] }).seen = seen;
        new MutationObserver(() => seen.push(document.getElementById("stage")!.textContent ?? "")).observe(document.getElementById("stage")!, { childList: true, characterData: true, subtree: true });
      });
      await page.getByRole("button", { name: "Make the video" }).click();
      await page.locator("#result").waitFor({ state: "visible", timeout: 180_000 });
      const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
      // The lyrics went with the task, kept beside the song.
      const made = await server.app.mvgen.db.selectFrom("tasks").select(["id", "request"]).orderBy("created_at", "desc").executeTakeFirstOrThrow();
      const lyricsPath = (JSON.parse(made.request) as { stored: { lyricsPath?: string } }).stored.lyricsPath;
      assert.equal(lyricsPath && readFileSync(lyricsPath, "utf8"), "Oh la la\nsing along");
      assert.ok(seen.some((line) => /\d+%$/.test(line)), `progress lines with a percent: ${JSON.stringify(seen)}`);

      // It plays: H.264/AAC in Debian's Chromium.
      const played = await page.evaluate(async () => {
        const video = document.getElementById("video") as HTMLVideoElement;
        video.muted = true;
        await video.play();
        await new Promise((resolve) => setTimeout(resolve, 1500));
        return { time: video.currentTime, width: video.videoWidth, height: video.videoHeight, error: video.error?.message ?? null };
      });
      assert.equal(played.error, null);
      assert.ok(played.time > 0.5, `currentTime advanced: ${played.time}`);
      assert.deepEqual([played.width, played.height], [480, 854]);

      const url = await page.locator("#video-url").inputValue();
      assert.match(url, /\/files\/videos\/[0-9a-f]{32}\/video-\d+\.mp4$/);
      assert.equal(await page.locator("#download").getAttribute("href"), url);
      await page.getByRole("button", { name: "Copy URL" }).click();
      await page.locator("#copy-status", { hasText: /Copied|Selected/ }).waitFor();

      // The plan: plot, storyboard sheet and strip, timeline download.
      await page.locator("#plan").waitFor({ state: "visible" });
      await page.waitForFunction(() => ["plot", "sheet"].every((id) => (document.getElementById(id) as HTMLImageElement).naturalWidth > 0), null, { timeout: 30_000 });
      assert.ok((await page.locator("#shots li").count()) >= 1);
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download timeline.json" }).click()]);
      const timelinePath = join(dir, "timeline.json");
      await download.saveAs(timelinePath);
      const timeline = JSON.parse(readFileSync(timelinePath, "utf8")) as { frameCount: number; width: number; height: number };
      assert.deepEqual([timeline.width, timeline.height], [480, 854]);
      assert.ok(timeline.frameCount >= 74 && timeline.frameCount <= 76, `3 s at 25 fps: ${timeline.frameCount}`);

      // History and balance after the charge.
      await page.locator("#history-rows tr", { hasText: "ready" }).waitFor();
      assert.match((await page.locator("#history-rows tr").first().textContent()) ?? "", /45/);
      await page.locator("#balance", { hasText: "Balance: 955 credits" }).waitFor();
      await page.evaluate(() => (document.getElementById("video") as HTMLVideoElement).pause());
      await screenshot(page, dir, "desktop-1280-done");

      await page.setViewportSize({ width: 375, height: 812 });
      await page.evaluate(() => window.scrollTo(0, 0));
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `no sideways scrolling at 375 px (overflow ${overflow} px)`);
      await screenshot(page, dir, "phone-375-done");
      assert.deepEqual(offsite, [], "the page loads nothing from outside the server");
    } finally {
      await browser.close();
    }
  });

  it("explains a song that is not audio and a photo without a face, and stays usable by keyboard", async () => {
    const { key, accountId } = await server.key({ credits: 500 });
    const notes = join(dir, "notes.txt");
    writeFileSync(notes, "These are lyrics, not a song.\n".repeat(40));
    const gradient = writeGradient(dir, "sky.png", 400, 400);
    const browser = await launchBrowser(375, 812);
    try {
      const { page } = browser;
      await page.goto(server.url);
      // Keyboard only: tab to the key field, type, press Enter.
      await page.keyboard.press("Tab"); // skip link
      await page.keyboard.press("Tab");
      assert.equal(await page.evaluate(() => document.activeElement?.id), "api-key");
      await page.keyboard.type(key);
      await page.keyboard.press("Enter");
      await page.locator("#balance", { hasText: "Balance: 500 credits" }).waitFor();

      await page.locator("#song-input").setInputFiles(notes);
      await page.locator("#song-status", { hasText: "This song cannot be used. notes.txt is not an MP3, WAV or M4A file" }).waitFor({ timeout: 30_000 });
      await page.locator("#photo-input").setInputFiles(gradient);
      await page.locator("#photo-list .status.bad", { hasText: "sky.png has no face" }).waitFor({ timeout: 30_000 });
      assert.equal(await page.locator("#submit").isDisabled(), true);

      const long = "x".repeat(2510);
      await page.getByLabel(/^Prompt/).fill(long);
      assert.equal(await page.locator("#prompt-count").textContent(), "2510 / 2500 — 10 too many");

      // Every form control has an accessible name.
      const unlabelled = await page.evaluate(() =>
        [...document.querySelectorAll("input, textarea, select, button")]
          .filter((el) => !(el as HTMLElement).hidden && (el as HTMLElement).offsetParent !== null)
          .filter((el) => {
            const labelled = (el as HTMLInputElement).labels?.length || el.getAttribute("aria-label") || el.getAttribute("aria-labelledby");
            return !labelled && !(el.tagName === "BUTTON" && el.textContent?.trim());
          })
          .map((el) => el.outerHTML.slice(0, 80)),
      );
      assert.deepEqual(unlabelled, []);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `no sideways scrolling at 375 px (overflow ${overflow} px)`);
      await screenshot(page, dir, "phone-375-errors");
      assert.deepEqual(await server.balance(accountId), { available: 500, held: 0 });
    } finally {
      await browser.close();
    }
  });
});
