/**
 * report.html: one file that needs nothing else — the page's data and the figures' vega-lite
 * specs inlined as JSON, the vega and vega-lite runtimes (from node_modules) and the page's own
 * script (browser/app.js) and style inlined, so it opens from disk, offline, in any browser.
 * `live`: the page that `ablate serve` sends, which listens for new data (server-sent events).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PageData } from './page-data';

const cache = new Map<string, string>();

/** A script to inline; a `</script` or `<!--` inside would end or confuse the HTML script element. */
function script(file: string): string {
  let code = cache.get(file);
  if (code === undefined) {
    code = readFileSync(file, 'utf8');
    if (/<\/script|<!--/i.test(code)) throw new Error(`${file} cannot be inlined into an HTML script element: it contains </script or <!--`);
    cache.set(file, code);
  }
  return code;
}

const asset = (name: string) => join(__dirname, 'browser', name);
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** JSON safe inside a script element: every `<` escaped, so no `</script>` in a string ends it. */
export const inlineJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

export function reportHtml(data: PageData, options: { live?: boolean } = {}): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(data.title)} — ablate report</title>
<style>
${readFileSync(asset('style.css'), 'utf8')}
</style>
</head>
<body${options.live ? ' data-live="events"' : ''}>
<div id="app"><noscript>This report needs JavaScript to draw its table and figures; the same numbers are in table.md and results.csv beside it.</noscript></div>
<script id="ablate-data" type="application/json">${inlineJson(data)}</script>
<script>${script(require.resolve('vega/build/vega.min.js'))}</script>
<script>${script(require.resolve('vega-lite/build/vega-lite.min.js'))}</script>
<script>${script(asset('app.js'))}</script>
</body>
</html>
`;
}
