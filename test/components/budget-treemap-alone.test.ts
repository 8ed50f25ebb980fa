import { expect, fixture, html } from '@open-wc/testing';
import { Chart } from 'chart.js';
import '../../src/components/budget/budget.ts';
import { until } from '../helpers/until.ts';

// A page whose first (and only) chart is a treemap: nothing else has registered Chart.js's scales.
// This file runs in a page of its own, so the registry is as fresh as on a real page. The treemap
// lays its tiles out on linear scales; without them Chart.js threw at each render and the element
// tried again at each render, which froze the page.
describe('<vitrine-budget chart="treemap"> as the first chart of a page', () => {
  it('draws its tiles, and its chart is not reported as failed', async () => {
    expect(() => Chart.registry.getScale('linear'), 'no scale registered before').to.throw();
    const el = await fixture<HTMLElement>(
      html`<vitrine-budget src="/demo/data/budget-crach-ca-2021.csv" chart="treemap"></vitrine-budget>`,
    );
    const canvas = await until(() => el.shadowRoot!.querySelector<HTMLCanvasElement>('.plot canvas'), 'the canvas');
    const chart = await until(
      () => {
        const c = Chart.getChart(canvas);
        return c && c.getDatasetMeta(0).data.length > 0 && c;
      },
      'the treemap with its tiles',
      15000,
      () => el.shadowRoot!.querySelector('.chart-status')?.textContent ?? '',
    );
    expect((chart.config as { type?: string }).type).to.equal('treemap');
    expect(chart.getDatasetMeta(0).data.length).to.be.greaterThan(3);
    expect(el.shadowRoot!.querySelector('.chart-status'), 'no loading or failure message').to.equal(null);
  });
});
