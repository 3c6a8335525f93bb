// The one way the browser tests start Chromium: Debian's own (CHROMIUM, default
// /usr/bin/chromium), never a downloaded one, with flags that keep it off the network
// (this machine's network is closed, so no background connections at all).

import { createRequire } from "node:module";

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
