// The one way the browser tests start Chromium: Debian's own (CHROMIUM, default
// /usr/bin/chromium), never a downloaded one, with flags that keep it off the network
// (this machine's network is closed, so no background connections at all).

import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

const require = createRequire(import.meta.url);
export const { chromium } = require("playwright-core");

export const EXECUTABLE = process.env.CHROMIUM || "/usr/bin/chromium";
export const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

// Chromium started, or null after one line on stderr saying why (the caller exits with 2).
export async function startBrowser() {
  try {
    return await chromium.launch({ executablePath: EXECUTABLE, args: ARGS });
  } catch (e) {
    console.error(`Chromium start niet (${EXECUTABLE}): ${e.message}`);
    return null;
  }
}

// A page in Chromium with a fresh profile that never leaves the machine (any request other
// than file:, data: or about: is aborted), handed to `use`; the profile is removed after.
// Returns what `use` returns, or 2 after one line on stderr when Chromium does not start.
export async function withOfflinePage(name, options, use) {
  const profile = mkdtempSync(join(tmpdir(), `prestatie-${name}-`));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: EXECUTABLE, headless: true, args: ARGS, ...options });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    console.error(`Chromium kon niet starten (${EXECUTABLE}): ${error.message}`);
    return 2;
  }
  try {
    const page = await context.newPage();
    await page.route(/^(?!file:|data:|about:)/, (route) => route.abort());
    return await use(page);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

// Runs a script's main(args) and exits with its code; an unexpected error exits with 2.
export function runMain(main, args) {
  main(args).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error.stack || String(error));
      process.exit(2);
    },
  );
}
