// e2e.mjs — the packaged extension inside a real VS Code (code-server, served
// on 127.0.0.1 by run.sh), driven through Debian's Chromium with
// playwright-core, as a user would: keys and the mouse, checks on what the
// page shows. TAP on stdout, one test point per check; screenshots of the
// hover and the completion list in $GLS_E2E_ARTIFACTS.
//
// Environment (set by run.sh): GLS_E2E_URL (the editor with the workspace
// open), GLS_E2E_WORKSPACE, GLS_E2E_SETTINGS (the Machine settings.json, which
// the bad-path check rewrites), GLS_E2E_DRIVER (folder holding
// node_modules/playwright-core), GLS_E2E_ARTIFACTS, GLS_BINARY, GLS_FEATURES;
// GLS_E2E_PGID (code-server's session: its pid), GLS_E2E_EXTENSIONS (its
// extensions directory). GLS_E2E_CHECKS: the ids of the checks to run
// (comma-separated; empty: all but "bundled-server"); the others are left out
// of the TAP plan.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const url = env('GLS_E2E_URL');
const settingsFile = env('GLS_E2E_SETTINGS');
const artifacts = env('GLS_E2E_ARTIFACTS');
const binary = env('GLS_BINARY');
const features = new Set((process.env.GLS_FEATURES ?? '').split(/[,\s]+/).filter(Boolean));
const { chromium } = createRequire(join(env('GLS_E2E_DRIVER'), 'package.json'))('playwright-core');

const TIMEOUT = 20_000;
const mod = 'Control';

// ---- TAP -------------------------------------------------------------------
let n = 0;
let failed = 0;
const only = new Set((process.env.GLS_E2E_CHECKS ?? '').split(/[,\s]+/).filter(Boolean));
async function check(id, name, fn, skip) {
  if (only.size > 0 ? !only.has(id) : id === 'bundled-server') return;
  n += 1;
  if (skip) {
    console.log(`ok ${n} - ${name} # SKIP ${skip}`);
    return;
  }
  try {
    await fn();
    console.log(`ok ${n} - ${name}`);
  } catch (error) {
    failed += 1;
    console.log(`not ok ${n} - ${name}`);
    for (const line of String(error?.stack ?? error).split('\n')) console.log(`# ${line}`);
    await shot(`failed-${n}`).catch(() => {});
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

// What `glossary-ls define TERM` says about the best entry.
function define(term) {
  const lines = execFileSync(binary, ['define', term], { encoding: 'utf8' }).split('\n');
  const [, file, line] = /^\s*(.*):(\d+)$/.exec(lines[1]);
  return { title: lines[0], file, line: Number(line) };
}

// ---- the page --------------------------------------------------------------
mkdirSync(artifacts, { recursive: true });
const started = Date.now();
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  // The flags this machine's closed network needs (no background
  // connections, no component updates), and no sandbox as root.
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
page.setDefaultTimeout(TIMEOUT);

async function shot(name, clip) {
  const file = join(artifacts, `${name}.png`);
  await page.screenshot({ path: file, clip });
  return file;
}

// The text of the active editor's visible lines (Monaco renders spaces as
// U+00A0).
async function editorText() {
  const lines = await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().innerText();
  return lines.replace(/\u00a0/g, ' ');
}

// Opens a workspace file from the explorer (double click: a kept tab).
async function openFile(name) {
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().dblclick();
  await page.locator('.tab.active', { hasText: name }).waitFor();
  await page.locator('.editor-group-container.active .monaco-editor textarea').first().focus();
}

// Moves the cursor to 1-based line and column through Go to Line.
async function goTo(line, column) {
  await page.keyboard.press(`${mod}+G`);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

// "Ln 12, Col 3" of the status bar.
async function cursorLine() {
  const text = await page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ }).first().innerText();
  return Number(/Ln (\d+)/.exec(text)[1]);
}

async function clipAround(locator, pad = 40) {
  const box = await locator.boundingBox();
  const x = Math.max(0, box.x - pad);
  const y = Math.max(0, box.y - pad);
  return { x, y, width: Math.min(1280 - x, box.width + 2 * pad), height: Math.min(800 - y, box.height + 2 * pad) };
}

const launched = Date.now();
await page.goto(url);
await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
const workbench = Date.now();
// The explorer lists the workspace once the remote file system is up.
await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'notes.md' }).waitFor({ timeout: 120_000 });
// Start-up cost of a session (what sharing one session between the two
// suites would save), as a TAP comment.
console.log(`# start-up: browser ${launched - started} ms, workbench ${workbench - launched} ms, `
  + `explorer ${Date.now() - workbench} ms`);

const rope = define('rotary position embedding');

await check('term-case', 'the Problems panel lists "Lora" → "LoRA" (term-case) from the Markdown file', async () => {
  await openFile('notes.md');
  await page.keyboard.press(`${mod}+Shift+M`);
  const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'LoRA' }).first();
  await row.waitFor({ timeout: 60_000 });
  const text = await row.innerText();
  assert(/Lora/.test(text) && /LoRA/.test(text) && /term-case/.test(text), text);
});

await check('hover', 'hover over "rotary position embedding" shows its definition', async () => {
  // The cursor on the term, then Show Hover (Ctrl+K Ctrl+I): what the
  // mouse shows, without depending on pixel positions.
  await goTo(2, 6);
  await page.keyboard.press(`${mod}+K`);
  await page.keyboard.press(`${mod}+I`);
  const widget = page.locator('.monaco-hover:visible', { hasText: rope.title }).first();
  await widget.waitFor();
  await shot('hover', await clipAround(widget));
}, !features.has('hover') && 'the server is built without hover');

// The glossary-ls processes of code-server's session (setsid in run.sh),
// as the executables they run.
function sessionServers(sid) {
  const found = [];
  for (const pid of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // After "(comm)": state, ppid, pgrp, session.
      const [, , , session] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const exe = readlinkSync(`/proc/${pid}/exe`);
      if (Number(session) === sid && basename(exe) === 'glossary-ls') found.push(exe);
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found;
}

await check('bundled-server', 'the server answering is the bundled binary of the VSIX (no glossaryLs.path, none on PATH)', async () => {
  const extensions = realpathSync(env('GLS_E2E_EXTENSIONS'));
  const servers = sessionServers(Number(env('GLS_E2E_PGID')));
  assert(servers.length > 0, 'code-server started no glossary-ls');
  for (const exe of servers) {
    assert(exe.startsWith(`${extensions}/`) && exe.endsWith('/server/bin/glossary-ls'),
      `glossary-ls runs from ${exe}, not from the installed extension in ${extensions}`);
  }
});

await check('completion', 'completion proposes "rotary position embedding" after "rotary po"', async () => {
  await page.mouse.move(5, 790);
  await page.keyboard.press('Escape');
  await goTo(3, 10);
  await page.keyboard.press('End');
  await page.keyboard.press(`${mod}+Space`);
  const item = page.locator('.suggest-widget .monaco-list-row', { hasText: 'rotary position embedding' }).first();
  await item.waitFor();
  await shot('completion', await clipAround(page.locator('.suggest-widget'), 80));
  // Accepting it writes the whole term over the typed prefix.
  await item.click();
  await page.locator('.suggest-widget').waitFor({ state: 'hidden' });
  const text = await editorText();
  assert(text.split('\n').some((l) => l.trim() === 'rotary position embedding'), text);
}, !features.has('completion') && 'the server is built without completion');

await check('completion-c', 'completion works in a C comment too', async () => {
  await openFile('main.c');
  await goTo(1, 1);
  await page.keyboard.press(`${mod}+End`);
  await page.keyboard.type('// Apply the rotary po');
  await page.keyboard.press(`${mod}+Space`);
  await page.locator('.suggest-widget .monaco-list-row', { hasText: 'rotary position embedding' }).first().waitFor();
  await page.keyboard.press('Escape');
}, !features.has('completion') && 'the server is built without completion');

await check('quick-fix', 'the lightbulb quick fix rewrites "Lora" to "LoRA"', async () => {
  await openFile('notes.md');
  await goTo(1, 31);
  const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'LoRA' }).first();
  // Ctrl+. can be lost while the editor takes focus after the file opens
  // (a CI run under load showed the cursor on the diagnostic and no menu
  // 20 s later); as a user would, press it again: four tries in the same
  // 20 s the single wait had.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press(`${mod}+.`);
    try {
      await fix.waitFor({ timeout: 5000 });
      break;
    } catch (error) {
      if (attempt === 4) throw error;
      await page.keyboard.press('Escape');
    }
  }
  await fix.click();
  await page.waitForFunction(
    () => document.querySelector('.editor-group-container.active .view-lines')?.textContent?.includes('LoRA'),
  );
  const text = await editorText();
  assert(text.includes('with LoRA adapters') && !text.includes('Lora'), text);
});

await check('definition', 'F12 on "rotary position embedding" opens the glossary file at the entry', async () => {
  await goTo(2, 6);
  await page.keyboard.press('F12');
  const file = basename(rope.file);
  // Several entries define it: VS Code shows a peek list; the best is first.
  const peek = page.locator('.peekview-widget');
  await Promise.race([
    page.locator('.tab.active', { hasText: file }).waitFor(),
    peek.waitFor(),
  ]);
  if (await peek.isVisible()) {
    await page.keyboard.press('Enter');
  }
  await page.locator('.tab.active', { hasText: file }).waitFor();
  await page.waitForFunction((line) => {
    const item = [...document.querySelectorAll('.statusbar-item')].find((e) => /Ln \d+/.test(e.textContent));
    return item && item.textContent.includes(`Ln ${line},`);
  }, rope.line);
  assert((await cursorLine()) === rope.line, `cursor on line ${await cursorLine()}, not ${rope.line}`);
}, !features.has('definition') && 'the server is built without definition');

const goodSettings = readFileSync(settingsFile, 'utf8');

async function withPath(path, expected) {
  const settings = JSON.parse(goodSettings);
  settings['glossaryLs.path'] = path;
  await page.locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
  writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: expected }).first();
  await toast.waitFor({ timeout: 60_000 });
  return toast;
}

await check('bad-path', 'a glossaryLs.path that names no file shows the documented error with Open Settings', async () => {
  const missing = join(realpathSync(process.env.GLS_E2E_WORKSPACE), 'no-such-glossary-ls');
  const toast = await withPath(missing, 'no executable file at');
  const text = await toast.innerText();
  assert(text.includes(missing), text);
  assert(await toast.locator('.monaco-button', { hasText: 'Open Settings' }).count() === 1, text);
  await shot('bad-path');
});

await check('bin-false', 'glossaryLs.path = /bin/false: a message, and a good path afterwards works again', async () => {
  await page.locator('.notifications-toasts .codicon-notifications-clear, .notifications-toasts .codicon-close')
    .first().click({ timeout: 5000 }).catch(() => {});
  const toast = await withPath('/bin/false', 'did not start');
  assert((await toast.innerText()).includes('/bin/false'), await toast.innerText());
  // Back to the real server: the restart brings the diagnostics back.
  writeFileSync(settingsFile, goodSettings);
  await openFile('notes.md');
  await goTo(1, 1);
  await page.keyboard.press(`${mod}+End`);
  await page.keyboard.type('\nOne more Lora here.');
  await page.keyboard.press(`${mod}+Shift+M`);
  await page.locator('.markers-panel .monaco-list-row', { hasText: 'LoRA' }).first().waitFor({ timeout: 60_000 });
});

await browser.close();
console.log(`1..${n}`);
process.exit(failed > 0 ? 1 : 0);
