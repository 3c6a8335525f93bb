#!/usr/bin/env node
// Lays out built HTML pages in Debian's Chromium at a desktop and a phone width and reports
// what a reader would see wrong: the page or a table wider than the screen (sideways
// scrolling), an afspraak number in a table broken over two lines.
//
// Usage: node tests/browser/breedte.mjs PAGE.html...
// Prints JSON on stdout: {"<width> <page>": [problem, ...], ...}. Exit code 2: no browser.

import { startBrowser } from "../chromium.mjs";

const WIDTHS = [1280, 390];

async function main(files) {
  const browser = await startBrowser();
  if (!browser) return 2;
  const result = {};
  try {
    for (const width of WIDTHS) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      for (const file of files) {
        await page.goto("file://" + file, { waitUntil: "load" });
        result[`${width} ${file}`] = await page.evaluate(() => {
          const problems = [];
          const root = document.documentElement;
          if (root.scrollWidth > root.clientWidth) problems.push(`pagina ${root.scrollWidth} px breed`);
          for (const box of document.querySelectorAll(".tabel")) {
            if (box.scrollWidth > box.clientWidth + 1) {
              problems.push(`${box.getAttribute("aria-label")}: ${box.scrollWidth} px in ${box.clientWidth} px`);
            }
          }
          for (const a of document.querySelectorAll("td:first-child > a:only-child, th:first-child > a:only-child")) {
            if (a.getClientRects().length > 1) problems.push(`nummer over twee regels: ${a.textContent}`);
          }
          return problems;
        });
      }
      await page.close();
    }
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(result));
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
