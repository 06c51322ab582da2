/**
 * The dashboard: key and balance, a form that uploads the song and photos as soon as they are
 * chosen (so a bad file is explained before anything is paid), the cost from the song's length,
 * live progress by polling the task, the finished video, the plan, and past tasks.
 */
import { Api, ApiProblem, type Shot, type TaskListItem, type TaskView, type UploadResult } from "./api.ts";
import { CREDIT_RATE, MAX_BILLED_SECONDS, billedSeconds, taskCost } from "../../src/billing/cost.ts";
import { MAX_LYRICS_CHARACTERS as MAX_LYRICS, MAX_PROMPT_CHARACTERS as MAX_PROMPT } from "../../src/server/task-wire.ts";
import "./style.css";

const MAX_PHOTOS = 3;
/** [ms] between looks at a running task: a stage change shows within a second and a half. */
const POLL_MS = 1000;
const KEY_STORAGE = "mvgen.apiKey";
const TASK_STORAGE = "mvgen.lastTask";

/** What each pipeline stage is called on the page. */
const STAGES: Record<string, string> = {
  queued: "Waiting for a free renderer",
  starting: "Starting",
  probe: "Reading the song",
  decode: "Decoding the song",
  analyze: "Finding the beat, sections and vocals",
  photos: "Studying the photos",
  plan: "Planning the shots",
  render: "Rendering frames",
  encode: "Encoding the video",
  moderation: "Final checks",
  done: "Done",
};

const $ = <T extends HTMLElement>(id: string) => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from index.html`);
  return element as T;
};

let apiKey = localStorage.getItem(KEY_STORAGE) ?? "";
const api = new Api(() => apiKey);

interface PendingFile {
  readonly file: File;
  readonly previewUrl: string;
  upload?: UploadResult;
  error?: string;
  busy: boolean;
}

let song: (PendingFile & { seconds?: number }) | null = null;
let photos: PendingFile[] = [];
let submitting = false;
let current: { id: string; timer?: number } | null = null;

// ---------- key and balance ----------

const keyInput = $<HTMLInputElement>("api-key");
const balance = $("balance");
keyInput.value = apiKey;

async function refreshBalance(): Promise<void> {
  if (!apiKey) {
    balance.textContent = "No key yet: paste one made with mvgen keys create.";
    balance.className = "balance";
    return;
  }
  try {
    const credits = await api.credits();
    balance.textContent = `Balance: ${credits.available.toLocaleString("en")} credits${credits.held ? ` (${credits.held.toLocaleString("en")} held by running videos)` : ""}`;
    balance.className = "balance ok";
    balance.dataset.available = String(credits.available);
  } catch (error) {
    balance.textContent = message(error);
    balance.className = "balance bad";
    delete balance.dataset.available;
  }
  updateForm();
}

$<HTMLFormElement>("key-form").addEventListener("submit", (event) => {
  event.preventDefault();
  apiKey = keyInput.value.trim();
  if (apiKey) localStorage.setItem(KEY_STORAGE, apiKey);
  else localStorage.removeItem(KEY_STORAGE);
  void refreshBalance();
  void refreshHistory();
  // Files chosen before the key: upload them now.
  if (song && !song.upload && !song.busy) void uploadSong(song);
  for (const photo of photos) if (!photo.upload && !photo.busy) void uploadPhoto(photo);
});
$("key-forget").addEventListener("click", () => {
  apiKey = "";
  keyInput.value = "";
  localStorage.removeItem(KEY_STORAGE);
  void refreshBalance();
  renderHistory([]);
});

const message = (error: unknown) => (error instanceof ApiProblem ? error.message : `Unexpected problem: ${(error as Error).message}`);

// ---------- song ----------

const songInput = $<HTMLInputElement>("song-input");
const songInfo = $("song-info");
const songStatus = $("song-status");

function setStatus(element: HTMLElement, text: string, kind: "busy" | "ok" | "bad" | "" = "") {
  element.textContent = text;
  element.className = `status ${kind}`;
}

/** The song's length as the browser decodes it: the price shows before the upload finishes. */
function browserDuration(url: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const audio = new Audio();
    audio.preload = "metadata";
    audio.onloadedmetadata = () => resolve(Number.isFinite(audio.duration) ? audio.duration : undefined);
    audio.onerror = () => resolve(undefined);
    audio.src = url;
  });
}

async function chooseSong(file: File): Promise<void> {
  if (song) URL.revokeObjectURL(song.previewUrl);
  const entry: PendingFile & { seconds?: number } = { file, previewUrl: URL.createObjectURL(file), busy: false };
  song = entry;
  songInfo.hidden = false;
  songInfo.replaceChildren();
  const name = document.createElement("span");
  name.className = "file-name";
  name.textContent = `${file.name} · ${formatBytes(file.size)}`;
  const player = document.createElement("audio");
  player.controls = true;
  player.src = entry.previewUrl;
  player.setAttribute("aria-label", `Listen to ${file.name}`);
  songInfo.append(name, player);
  updateForm();
  const seconds = await browserDuration(entry.previewUrl);
  if (song !== entry) return;
  if (seconds !== undefined && entry.seconds === undefined) entry.seconds = seconds;
  // A file the browser cannot play is no song to preview; the upload check says why.
  player.hidden = seconds === undefined;
  name.textContent = `${file.name} · ${formatBytes(file.size)}${seconds !== undefined ? ` · ${formatSeconds(seconds)}` : ""}`;
  updateForm();
  if (apiKey) await uploadSong(entry);
  else setStatus(songStatus, "Paste your API key above to check and upload the song.", "bad");
}

async function uploadSong(entry: PendingFile & { seconds?: number }): Promise<void> {
  entry.busy = true;
  entry.error = undefined;
  setStatus(songStatus, "Uploading and checking the song…", "busy");
  updateForm();
  try {
    const upload = await api.upload(entry.file, "audio");
    if (song !== entry) return;
    entry.upload = upload;
    if (upload.seconds !== undefined) entry.seconds = upload.seconds;
    setStatus(songStatus, `Song checked: ${formatSeconds(upload.seconds ?? 0)} long.`, "ok");
  } catch (error) {
    if (song !== entry) return;
    entry.error = message(error);
    setStatus(songStatus, `This song cannot be used. ${entry.error}`, "bad");
  } finally {
    entry.busy = false;
    updateForm();
  }
}

songInput.addEventListener("change", () => {
  const file = songInput.files?.[0];
  if (file) void chooseSong(file);
});

// ---------- photos ----------

const photoInput = $<HTMLInputElement>("photo-input");
const photoList = $("photo-list");

function addPhotos(files: readonly File[]): void {
  const room = MAX_PHOTOS - photos.length;
  const taken = files.slice(0, Math.max(0, room));
  for (const file of taken) {
    const entry: PendingFile = { file, previewUrl: URL.createObjectURL(file), busy: false };
    photos.push(entry);
    if (apiKey) void uploadPhoto(entry);
  }
  renderPhotos(files.length > taken.length ? `Only ${MAX_PHOTOS} photos are used; ${files.length - taken.length} left out.` : "");
}

async function uploadPhoto(entry: PendingFile): Promise<void> {
  entry.busy = true;
  entry.error = undefined;
  renderPhotos();
  try {
    entry.upload = await api.upload(entry.file, "image");
  } catch (error) {
    entry.error = message(error);
  } finally {
    entry.busy = false;
    renderPhotos();
  }
}

function renderPhotos(note = ""): void {
  photoList.replaceChildren(
    ...photos.map((entry, index) => {
      const item = document.createElement("li");
      item.className = "photo";
      const img = document.createElement("img");
      img.src = entry.previewUrl;
      img.alt = `Photo ${index + 1}: ${entry.file.name}`;
      const text = document.createElement("p");
      text.setAttribute("role", "status");
      if (entry.busy) {
        text.textContent = "Checking for a face…";
        text.className = "status busy";
      } else if (entry.error) {
        text.textContent = entry.error;
        text.className = "status bad";
      } else if (entry.upload) {
        const warnings = entry.upload.face?.warnings ?? [];
        text.textContent = warnings.length ? `Face found. Note: ${warnings.join(" ")}` : "Face found.";
        text.className = `status ${warnings.length ? "warn" : "ok"}`;
      } else {
        text.textContent = "Waiting for your API key.";
        text.className = "status";
      }
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "quiet";
      remove.textContent = "Remove";
      remove.setAttribute("aria-label", `Remove photo ${index + 1}`);
      remove.addEventListener("click", () => {
        URL.revokeObjectURL(entry.previewUrl);
        photos = photos.filter((p) => p !== entry);
        renderPhotos();
        photoInput.focus();
      });
      item.append(img, text, remove);
      return item;
    }),
  );
  if (note) {
    const item = document.createElement("li");
    item.className = "status bad";
    item.textContent = note;
    photoList.append(item);
  }
  photoInput.disabled = photos.length >= MAX_PHOTOS;
  updateForm();
}

photoInput.addEventListener("change", () => {
  addPhotos([...(photoInput.files ?? [])]);
  photoInput.value = "";
});

// Drag and drop onto either box.
for (const [id, accept] of [
  ["song-drop", (files: File[]) => files[0] && void chooseSong(files[0])],
  ["photo-drop", (files: File[]) => addPhotos(files)],
] as const) {
  const box = $(id);
  box.addEventListener("dragover", (event) => {
    event.preventDefault();
    box.classList.add("over");
  });
  box.addEventListener("dragleave", () => box.classList.remove("over"));
  box.addEventListener("drop", (event) => {
    event.preventDefault();
    box.classList.remove("over");
    accept([...(event.dataTransfer?.files ?? [])]);
  });
}

// ---------- prompt, options, cost ----------

const prompt = $<HTMLTextAreaElement>("prompt");
const promptCount = $("prompt-count");
const lyrics = $<HTMLTextAreaElement>("lyrics");
const lyricsCount = $("lyrics-count");
const cost = $("cost");
const submit = $<HTMLButtonElement>("submit");
const submitStatus = $("submit-status");

/** Characters as the API counts them: Unicode code points, not UTF-16 units. */
const promptLength = () => [...prompt.value].length;
prompt.addEventListener("input", updateForm);
lyrics.addEventListener("input", updateForm);
for (const input of document.querySelectorAll<HTMLInputElement>("input[name=aspect], input[name=resolution]")) input.addEventListener("change", updateForm);

const chosen = (name: string) => document.querySelector<HTMLInputElement>(`input[name=${name}]:checked`)?.value ?? "";

function updateForm(): void {
  const length = promptLength();
  promptCount.textContent = `${length} / ${MAX_PROMPT}`;
  promptCount.className = length > MAX_PROMPT ? "count bad" : "count";
  if (length > MAX_PROMPT) promptCount.textContent += ` — ${length - MAX_PROMPT} too many`;
  const lyricsLength = lyrics.value.length;
  lyricsCount.textContent = `${lyricsLength} / ${MAX_LYRICS}`;
  lyricsCount.className = lyricsLength > MAX_LYRICS ? "count bad" : "count";
  if (lyricsLength > MAX_LYRICS) lyricsCount.textContent += ` — ${lyricsLength - MAX_LYRICS} too many`;
  const resolution = chosen("resolution") as "480p" | "720p";
  let price: number | undefined;
  if (song?.seconds !== undefined) {
    price = taskCost(resolution, song.seconds);
    const available = balance.dataset.available ? Number(balance.dataset.available) : undefined;
    let text = `Cost: ${price.toLocaleString("en")} credits (${billedSeconds(song.seconds)} s at ${resolution}, ${CREDIT_RATE[resolution]} credits/s).`;
    if (song.seconds > MAX_BILLED_SECONDS) text = `This song is ${formatSeconds(song.seconds)} long; the limit is 10 minutes.`;
    else if (available !== undefined && price > available) text += ` Your balance is ${available.toLocaleString("en")}: not enough.`;
    cost.textContent = text;
  } else {
    cost.textContent = "Cost: choose a song to see the price.";
  }
  const photosReady = photos.every((p) => p.upload && !p.busy);
  const ready = Boolean(apiKey) && Boolean(song?.upload) && !song?.busy && photosReady && length <= MAX_PROMPT && lyricsLength <= MAX_LYRICS && !submitting;
  submit.disabled = !ready;
  if (!submitting && !submitStatus.classList.contains("bad")) {
    const missing = !apiKey
      ? "Paste your API key first."
      : !song
        ? "Choose a song to start."
        : song.busy
          ? "Checking the song…"
          : !song.upload
            ? "Choose a different song."
            : !photosReady
              ? photos.some((p) => p.busy)
                ? "Checking the photos…"
                : "Remove or replace the photos marked in red."
              : length > MAX_PROMPT
                ? "Shorten the prompt."
                : lyricsLength > MAX_LYRICS
                  ? "Shorten the lyrics."
                  : "";
    setStatus(submitStatus, missing);
  }
}

$<HTMLFormElement>("make-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  if (submit.disabled || !song?.upload) return;
  submitting = true;
  setStatus(submitStatus, "Sending…", "busy");
  updateForm();
  const input: Record<string, unknown> = {
    audio_urls: [song.upload.url],
    image_urls: photos.map((p) => p.upload!.url),
    resolution: chosen("resolution"),
  };
  if (prompt.value.trim()) input.prompt = prompt.value;
  if (lyrics.value.trim()) input.lyrics = lyrics.value;
  if (chosen("aspect")) input.aspect_ratio = chosen("aspect");
  try {
    const taskId = await api.create(input, crypto.randomUUID());
    setStatus(submitStatus, "Started. Progress is shown below.", "ok");
    void refreshBalance();
    openTask(taskId);
  } catch (error) {
    setStatus(submitStatus, message(error), "bad");
  } finally {
    submitting = false;
    updateForm();
  }
});

// ---------- the task: progress, result, plan ----------

const taskBox = $("task");
const stage = $("stage");
const progress = $<HTMLProgressElement>("progress");
const progressBox = $("progress-box");
const failure = $("failure");
const result = $("result");
const video = $<HTMLVideoElement>("video");
const download = $<HTMLAnchorElement>("download");
const videoUrl = $<HTMLInputElement>("video-url");
const plan = $("plan");
const plotImg = $<HTMLImageElement>("plot");
const sheetImg = $<HTMLImageElement>("sheet");
const shotsList = $("shots");

function openTask(id: string, scroll = true): void {
  if (current?.timer) clearTimeout(current.timer);
  current = { id };
  localStorage.setItem(TASK_STORAGE, id);
  taskBox.hidden = false;
  failure.hidden = true;
  result.hidden = true;
  plan.hidden = true;
  progressBox.hidden = false;
  video.removeAttribute("src");
  stage.textContent = "Loading…";
  progress.value = 0;
  if (scroll) taskBox.scrollIntoView({ behavior: "smooth", block: "start" });
  void poll(id);
}

async function poll(id: string): Promise<void> {
  if (current?.id !== id) return;
  let task: TaskView;
  try {
    task = await api.task(id);
  } catch (error) {
    if (error instanceof ApiProblem && error.code === "task_not_found") {
      stage.textContent = "This video is not in this key's account.";
      progressBox.hidden = true;
      localStorage.removeItem(TASK_STORAGE);
      return;
    }
    stage.textContent = `${message(error)} Retrying…`;
    current.timer = window.setTimeout(() => void poll(id), POLL_MS * 3);
    return;
  }
  if (current?.id !== id) return;
  showTask(task);
  if (task.status === "pending" || task.status === "processing") {
    current.timer = window.setTimeout(() => void poll(id), POLL_MS);
  } else {
    void refreshBalance();
    void refreshHistory();
  }
}

function showTask(task: TaskView): void {
  taskBox.dataset.status = task.status;
  const percent = Math.round(task.progress.percent);
  const name = STAGES[task.progress.stage] ?? task.progress.stage;
  if (task.status === "pending" || task.status === "processing") {
    progressBox.hidden = false;
    stage.textContent = `${name} — ${percent}%`;
    progress.value = percent;
    progress.textContent = `${percent}%`;
    return;
  }
  progressBox.hidden = true;
  if (task.status === "failed") {
    failure.hidden = false;
    const reason = task.error?.code === "canceled" ? "The video was cancelled; its credits were given back." : `The video could not be made. ${task.error?.message ?? ""} The credits held for it were given back.`;
    failure.textContent = reason;
    return;
  }
  const url = task.output?.urls[0];
  if (!url) return;
  result.hidden = false;
  if (video.getAttribute("src") !== url) video.src = url;
  download.href = url;
  download.setAttribute("download", `mvgen-${task.id}.mp4`);
  videoUrl.value = url;
  void showPlan(task.id);
}

$("cancel").addEventListener("click", async () => {
  if (!current) return;
  try {
    showTask(await api.cancel(current.id));
  } catch (error) {
    stage.textContent = message(error);
  }
});

$("copy-url").addEventListener("click", async () => {
  const status = $("copy-status");
  try {
    await navigator.clipboard.writeText(videoUrl.value);
    status.textContent = "Copied.";
  } catch {
    // No clipboard permission (plain http on another host): select it for Ctrl+C.
    videoUrl.focus();
    videoUrl.select();
    status.textContent = "Selected — press Ctrl+C (⌘C) to copy.";
  }
});

let timelineJson: unknown = null;
const objectUrls: string[] = [];

async function showPlan(id: string): Promise<void> {
  try {
    const artifacts = await api.artifacts(id);
    if (current?.id !== id || !artifacts.storyboard) return;
    timelineJson = artifacts.timeline;
    plan.hidden = false;
    shotsList.replaceChildren(...artifacts.storyboard.shots.map(shotCard));
    for (const url of objectUrls.splice(0)) URL.revokeObjectURL(url);
    const [plot, sheet] = await Promise.allSettled([api.picture(id, "analysis.png"), api.picture(id, "storyboard.png")]);
    if (current?.id !== id) return;
    for (const [img, settled] of [
      [plotImg, plot],
      [sheetImg, sheet],
    ] as const) {
      if (settled.status === "fulfilled") {
        const url = URL.createObjectURL(settled.value);
        objectUrls.push(url);
        img.src = url;
        img.hidden = false;
      } else {
        img.hidden = true;
      }
    }
  } catch {
    plan.hidden = true;
  }
}

function shotCard(shot: Shot, index: number): HTMLLIElement {
  const item = document.createElement("li");
  item.className = "shot";
  const title = document.createElement("strong");
  title.textContent = `Shot ${index + 1} · ${formatSeconds(shot.start)}–${formatSeconds(shot.end)}`;
  const lines = [
    `${shot.framing} · ${shot.content}${shot.lipSync ? " · lip sync" : ""}`,
    `camera: ${shot.camera.move}`,
    `in: ${shot.transitionIn.duration > 0 ? `${shot.transitionIn.kind} ${shot.transitionIn.duration.toFixed(2)} s` : "cut"}`,
  ];
  const details = document.createElement("p");
  details.textContent = lines.join("\n");
  item.title = shot.why;
  item.append(title, details);
  return item;
}

$("timeline-download").addEventListener("click", () => {
  if (!timelineJson || !current) return;
  const url = URL.createObjectURL(new Blob([JSON.stringify(timelineJson, null, 2)], { type: "application/json" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = `timeline-${current.id}.json`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
});

// ---------- past tasks ----------

const historyRows = $("history-rows");

async function refreshHistory(): Promise<void> {
  if (!apiKey) return renderHistory([]);
  try {
    renderHistory((await api.tasks()).tasks);
  } catch {
    renderHistory([]);
  }
}

const STATUS_WORDS: Record<TaskView["status"], string> = { pending: "waiting", processing: "making", completed: "ready", failed: "failed" };

function renderHistory(tasks: readonly TaskListItem[]): void {
  $("history-empty").hidden = tasks.length > 0;
  $("history-table").hidden = tasks.length === 0;
  historyRows.replaceChildren(
    ...tasks.map((task) => {
      const row = document.createElement("tr");
      const date = new Date(task.created_at * 1000);
      const cells = [
        date.toLocaleString("en", { dateStyle: "medium", timeStyle: "short" }),
        STATUS_WORDS[task.status],
        `${formatSeconds(task.audio_seconds)} · ${task.resolution}`,
        task.status === "failed" ? `${task.cost} (refunded)` : String(task.cost),
      ];
      for (const [i, text] of cells.entries()) {
        const cell = document.createElement("td");
        cell.textContent = text;
        if (i === 1) cell.className = `badge ${task.status}`;
        row.append(cell);
      }
      const open = document.createElement("td");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "quiet";
      button.textContent = "Open";
      button.setAttribute("aria-label", `Open the video from ${cells[0]}`);
      button.addEventListener("click", () => openTask(task.id));
      open.append(button);
      row.append(open);
      return row;
    }),
  );
}
$("refresh").addEventListener("click", () => void refreshHistory());

// ---------- formatting ----------

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const m = Math.floor(seconds / 60);
  return `${m}:${String(Math.round(seconds - m * 60)).padStart(2, "0")}`;
}

function formatBytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} kB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

// ---------- start ----------

updateForm();
void refreshBalance();
void refreshHistory();
const last = localStorage.getItem(TASK_STORAGE);
if (apiKey && last) openTask(last, false);
