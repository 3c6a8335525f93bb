#!/usr/bin/env node
// Drives the live preview (prestatie serve) in Debian's Chromium, as a policy writer would:
// open a page, save a source file, and wait until the open page shows the change by itself.
//
// Usage: node tests/browser/voorbeeld.mjs SCENARIO.json
// SCENARIO: {"url": "...", "screenshot": "optional.png",
//            "steps": [{"write": PATH, "content": TEXT, "expect": TEXT, "selector": CSS, "absent": CSS}]}
// For each step the file is written, then the page is awaited until `selector` (default body)
// contains `expect` and `absent` (if given) no longer exists. Prints JSON on stdout:
// {"steps": [{"ms": milliseconds from save to updated page, "text": the selector's text}]}.
// Exit code 0: every step seen; 1: a step timed out; 2: wrong usage or no browser.
// No browser is ever downloaded: CHROMIUM (default /usr/bin/chromium) is launched directly.

import { readFileSync, writeFileSync, renameSync } from "node:fs";
import { startBrowser } from "../chromium.mjs";
const TIMEOUT = Number(process.env.VOORBEELD_TIMEOUT_MS || 60000);

async function main(file) {
  if (!file) {
    console.error("gebruik: node tests/browser/voorbeeld.mjs SCENARIO.json");
    return 2;
  }
  const scenario = JSON.parse(readFileSync(file, "utf8"));
  const browser = await startBrowser();
  if (!browser) return 2;
  const result = { steps: [] };
  let code = 0;
  try {
    const page = await browser.newPage();
    await page.goto(scenario.url, { waitUntil: "load" });
    // The page is live once its event stream is open; give it that moment before saving.
    await page.waitForTimeout(300);
    for (const step of scenario.steps) {
      // Save the way editors do: write a temporary file beside it, then rename over it.
      const tmp = `${step.write}.tmp-save`;
      writeFileSync(tmp, step.content);
      const t0 = Date.now();
      renameSync(tmp, step.write);
      try {
        await page.waitForFunction(
          ({ selector, expect, absent }) => {
            const el = document.querySelector(selector);
            if (!el || !el.innerText.includes(expect)) return false;
            return !absent || !document.querySelector(absent);
          },
          { selector: step.selector || "body", expect: step.expect, absent: step.absent || null },
          { timeout: TIMEOUT, polling: 20 },
        );
      } catch (e) {
        result.steps.push({ ms: null, error: `niet gezien binnen ${TIMEOUT} ms: ${step.expect}` });
        code = 1;
        break;
      }
      const ms = Date.now() - t0;
      const text = await page.evaluate((s) => document.querySelector(s).innerText, step.selector || "body");
      result.steps.push({ ms, text: text.slice(0, 2000), url: page.url() });
      if (step.screenshot) await page.screenshot({ path: step.screenshot, fullPage: false });
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(result) + "\n");
  return code;
}

process.exitCode = await main(process.argv[2]);
