#!/usr/bin/env node
// Searches the front page of a publication site as a reader would: opened from disk, types
// the words in the search field and reads the results; and once more without JavaScript.
//
// Usage: node tests/browser/zoeken.mjs INDEX.html WORDS
// Prints JSON on stdout: {"status": text, "links": [[text, href], ...], "zonderScript": text,
// "veldZonderScript": bool}. Exit code 2: no browser.

import { startBrowser, runMain } from "../chromium.mjs";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";

async function main([file, words]) {
  const browser = await startBrowser();
  if (!browser) return 2;
  const url = pathToFileURL(resolve(file)).href;
  const result = {};
  try {
    const page = await browser.newPage({ viewport: { width: 390, height: 900 } });
    await page.route(/^(?!file:|data:|about:)/, (route) => route.abort());
    await page.goto(url, { waitUntil: "load" });
    await page.getByLabel("Zoek in alle afspraken").fill(words);
    result.status = await page.locator("#zoeken [role=status]").textContent();
    result.links = await page.locator("#zoeken ul a").evaluateAll((as) => as.map((a) => [a.textContent, a.href]));
    await page.close();
    const context = await browser.newContext({ javaScriptEnabled: false });
    const plain = await context.newPage();
    await plain.goto(url, { waitUntil: "load" });
    result.zonderScript = await plain.locator("#zoeken").textContent();
    result.veldZonderScript = (await plain.locator("#zoekveld").count()) > 0;
    await context.close();
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(result));
  return 0;
}

runMain(main, process.argv.slice(2));
