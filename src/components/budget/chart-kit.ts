/**
 * The Chart.js side of <vitrine-budget>, loaded only when a budget chart is on the page (a separate
 * chunk). Only what a chart type needs is registered, when it is first drawn; the treemap plug-in is
 * a further chunk fetched only for `chart="treemap"`.
 */
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  LinearScale,
  Tooltip,
  type ChartComponentLike,
} from 'chart.js';

export { Chart };
export type ChartKind = 'bar' | 'doughnut' | 'treemap';

const registered = new Set<ChartKind>();

/** Registers the controllers, elements and scales a chart type uses (once). */
export async function prepare(kind: ChartKind): Promise<void> {
  if (registered.has(kind)) return;
  const parts: ChartComponentLike[] = [Tooltip];
  if (kind === 'bar') parts.push(BarController, BarElement, CategoryScale, LinearScale);
  if (kind === 'doughnut') parts.push(DoughnutController, ArcElement);
  if (kind === 'treemap') {
    const { TreemapController, TreemapElement } = await import('chartjs-chart-treemap');
    // The treemap lays its tiles out on two hidden linear scales: without them Chart.js throws
    // ("linear" is not a registered scale) on a page whose first chart is a treemap.
    parts.push(TreemapController, TreemapElement, LinearScale);
  }
  Chart.register(...parts);
  registered.add(kind);
}

/** The chart types registered so far (for tests: only what was drawn). */
export function registeredKinds(): ChartKind[] {
  return [...registered];
}
