#!/usr/bin/env node
// Lays out the charts (svg.grafiek) of local HTML files in Debian's Chromium at several widths
// and reports what a reader would see wrong: a text that overlaps another text or a bar, a
// text cut off by the chart's edge, text smaller than the page's body text, a page wider than
// the window.
//
// Usage: node tests/a11y/grafieken.mjs WIDTHS FILE.html [FILE.html ...]   (WIDTHS: 320,390,1280)
// Prints {"<file> @<width>": [problems...]} as JSON. Exit code 0: none; 1: problems; 2: usage
// or the browser could not be started. No browser is ever downloaded.

import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

import { runMain, withOfflinePage } from "../chromium.mjs";

function inspect() {
  const problems = [];
  const body = parseFloat(getComputedStyle(document.body).fontSize);
  if (document.documentElement.scrollWidth > window.innerWidth) {
    problems.push(`pagina ${document.documentElement.scrollWidth}px breed`);
  }
  for (const svg of document.querySelectorAll("svg.grafiek")) {
    const name = svg.getAttribute("aria-labelledby");
    const edge = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll("text")];
    const boxes = texts.map((t) => t.getBoundingClientRect());
    const bars = [...svg.querySelectorAll("rect")].map((r) => r.getBoundingClientRect());
    const overlap = (a, b, slack) =>
      a.left < b.right - slack && b.left < a.right - slack && a.top < b.bottom - slack && b.top < a.bottom - slack;
    texts.forEach((t, i) => {
      const a = boxes[i];
      const size = parseFloat(getComputedStyle(t).fontSize);
      if (size < body) problems.push(`${name}: '${t.textContent}' ${size}px, kleiner dan de tekst (${body}px)`);
      if (a.right > edge.right + 0.5 || a.left < edge.left - 0.5) problems.push(`${name}: '${t.textContent}' afgesneden`);
      boxes.forEach((b, j) => {
        if (j > i && overlap(a, b, 1)) problems.push(`${name}: '${t.textContent}' over '${texts[j].textContent}'`);
      });
      if (bars.some((b) => overlap(a, b, 2))) problems.push(`${name}: '${t.textContent}' over een staaf`);
    });
  }
  return problems;
}

async function main(args) {
  if (args.length < 2) {
    console.error("gebruik: node tests/a11y/grafieken.mjs BREEDTES BESTAND.html [...]");
    return 2;
  }
  const widths = args[0].split(",").map(Number);
  const report = {};
  let failed = false;
  const code = await withOfflinePage("grafieken", {}, async (page) => {
    for (const width of widths) {
      await page.setViewportSize({ width, height: 900 });
      for (const file of args.slice(1)) {
        await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: "load" });
        const problems = await page.evaluate(inspect);
        report[`${file} @${width}`] = problems;
        failed = failed || problems.length > 0;
      }
    }
    return 0;
  });
  if (code) return code;
  console.log(JSON.stringify(report, null, 2));
  return failed ? 1 : 0;
}

runMain(main, process.argv.slice(2));
