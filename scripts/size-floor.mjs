// The floor under the script-size budgets: what the libraries of the prescribed stack weigh on
// their own, imported and used the way Vitrine uses them, with nothing of Vitrine's code. Each
// library is bundled alone by the same Vite as the library build (minified, ES2022), and measured
// as check-size measures pages: gzip -9, 1 KB = 1,000 bytes.
//
//   node scripts/size-floor.mjs          prints the table
//   floorSizes()                         the figures, for check-size and the README
//
// Leaflet 1.9 and PapaParse ship one UMD file each, so importing one function brings the whole
// library; Chart.js 4 is tree-shaken down to what <vitrine-budget> registers.
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { root } from './check-helpers.mjs';

const KB = 1000;

/** One entry per library: the imports and calls Vitrine makes (see the file named in `what`). */
export const LIBRARIES = [
  {
    name: 'lit',
    what: 'LitElement, html, css, @property (src/internal/vitrine-element.ts)',
    code: `import { LitElement, html, css, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
class Probe extends LitElement {
  static styles = css\`:host { display: block }\`;
  render() { return html\`<p>\${repeat([1, 2], (x) => x, (x) => html\`<b>\${x}</b>\`)}\${nothing}</p>\`; }
}
property({ type: String })(Probe.prototype, 'src');
customElements.define('size-probe', Probe);`,
  },
  {
    name: 'papaparse',
    what: 'Papa.Parser, its core splitter (src/data/csv.ts)',
    code: `import Papa from 'papaparse';
globalThis.probe = new Papa.Parser({ delimiter: ';', newline: '\\n', quoteChar: '"' }).parse('a;b\\n1;2', false, false);`,
  },
  {
    name: 'chart.js',
    what: 'bar and doughnut, their scales and the tooltip (src/components/budget/chart-kit.ts)',
    code: `import { ArcElement, BarController, BarElement, CategoryScale, Chart, DoughnutController, LinearScale, Tooltip } from 'chart.js';
Chart.register(Tooltip, BarController, BarElement, CategoryScale, LinearScale, DoughnutController, ArcElement);
globalThis.probe = (canvas) => new Chart(canvas, { type: 'bar', data: { labels: [], datasets: [] } });`,
  },
  {
    name: 'chartjs-chart-treemap',
    what: 'the treemap controller, for chart="treemap" (what it adds to chart.js)',
    on: 'chart.js',
    code: `import { TreemapController, TreemapElement } from 'chartjs-chart-treemap';
globalThis.probe = [TreemapController, TreemapElement];`,
  },
  {
    name: 'leaflet',
    what: 'L.map, tile layer, GeoJSON, circle markers (src/components/map/leaflet-view.ts)',
    code: `import L from 'leaflet';
globalThis.probe = (el) => L.map(el).addLayer(L.geoJSON()).addLayer(L.circleMarker([0, 0]));`,
  },
];

/** Bundles one entry's code alone and returns its gzip size in bytes. */
async function bundledSize(code) {
  const id = '\0size-floor-entry';
  const out = await build({
    configFile: false,
    root,
    logLevel: 'silent',
    plugins: [
      {
        name: 'size-floor-entry',
        resolveId: (source) => (source === 'size-floor-entry' ? id : null),
        load: (source) => (source === id ? code : null),
      },
    ],
    build: {
      target: 'es2022',
      write: false,
      minify: true,
      sourcemap: false,
      modulePreload: false,
      rollupOptions: { input: 'size-floor-entry' },
    },
  });
  const outputs = (Array.isArray(out) ? out : [out]).flatMap((o) => o.output);
  const js = outputs.filter((f) => f.type === 'chunk');
  return js.reduce((sum, f) => sum + gzipSync(Buffer.from(f.code), { level: 9 }).length, 0);
}

/** `{ name, what, gzip }` for every library, in bytes. */
export async function floorSizes() {
  const sizes = [];
  for (const lib of LIBRARIES) {
    // A plug-in is measured with the library it plugs into, less that library alone.
    const base = LIBRARIES.find((l) => l.name === lib.on);
    const gzip = base
      ? (await bundledSize(`${base.code}\n${lib.code}`)) - (await bundledSize(base.code))
      : await bundledSize(lib.code);
    sizes.push({ name: lib.name, what: lib.what, gzip });
  }
  return sizes;
}

/** The floor of the two budgeted pages: a table (Lit, PapaParse) and every element (all of them). */
export function floorOfPages(sizes) {
  const of = (names) => sizes.filter((s) => names.includes(s.name)).reduce((sum, s) => sum + s.gzip, 0);
  return {
    table: of(['lit', 'papaparse']),
    all: of(sizes.map((s) => s.name)),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const sizes = await floorSizes();
  const floor = floorOfPages(sizes);
  console.log('\nThe libraries alone, used as Vitrine uses them (gzip -9; KB = 1,000 bytes)\n');
  console.log('| library | gzip KB | what is imported |\n| --- | ---: | --- |');
  for (const s of sizes) console.log(`| ${s.name} | ${(s.gzip / KB).toFixed(1)} | ${s.what} |`);
  console.log(`\nfloor of a table page: ${(floor.table / KB).toFixed(1)} KB (budget 25 KB)`);
  console.log(`floor of every element: ${(floor.all / KB).toFixed(1)} KB (budget 130 KB)`);
}
