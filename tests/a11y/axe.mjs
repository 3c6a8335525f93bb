#!/usr/bin/env node
// Runs axe-core (WCAG 2.0/2.1 A and AA) on local HTML files in Debian's Chromium.
//
// Usage: node tests/a11y/axe.mjs FILE.html [FILE.html ...]
// Prints {"<file>": [violations...]} as JSON on stdout. Exit code 0: no violations;
// 1: violations; 2: wrong usage or the browser could not be started.
// No browser is ever downloaded: CHROMIUM (default /usr/bin/chromium) is launched directly.

import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
import { runMain, withOfflinePage } from "../chromium.mjs";
const AXE_SOURCE = require.resolve("axe-core/axe.min.js");

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

function summarise(violation) {
  return {
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    helpUrl: violation.helpUrl,
    nodes: violation.nodes.map((node) => ({
      target: node.target,
      html: node.html,
      summary: node.failureSummary,
    })),
  };
}

async function main(files) {
  if (files.length === 0) {
    console.error("gebruik: node tests/a11y/axe.mjs BESTAND.html [BESTAND.html ...]");
    return 2;
  }
  for (const file of files) {
    if (!existsSync(file)) {
      console.error(`bestand niet gevonden: ${file}`);
      return 2;
    }
  }
  const report = {};
  let failed = false;
  const code = await withOfflinePage("axe", { viewport: { width: 1280, height: 900 } }, async (page) => {
    for (const file of files) {
      await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: "load" });
      await page.addScriptTag({ path: AXE_SOURCE });
      const results = await page.evaluate(
        (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }),
        TAGS,
      );
      report[file] = results.violations.map(summarise);
      failed = failed || results.violations.length > 0;
    }
    return 0;
  });
  if (code) return code;
  console.log(JSON.stringify(report, null, 2));
  return failed ? 1 : 0;
}

runMain(main, process.argv.slice(2));
