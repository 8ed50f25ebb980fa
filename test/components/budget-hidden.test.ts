import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/budget/budget.ts';
import { until } from '../helpers/until.ts';

describe('<vitrine-budget> drawn while hidden', () => {
  it('sizes its chart when its box is shown (a slide, a tab, display:none)', async () => {
    const box = await fixture<HTMLDivElement>(
      html`<div style="display: none; width: 800px">
        <vitrine-budget src="/demo/data/budget-crach-ca-2021.csv"></vitrine-budget>
      </div>`,
    );
    const el = box.querySelector('vitrine-budget')!;
    await new Promise((r) => el.addEventListener('vitrine-load', r, { once: true }));
    const canvas = await until(() => el.shadowRoot!.querySelector<HTMLCanvasElement>('.plot canvas'), 'the canvas');
    await new Promise((r) => setTimeout(r, 500));
    box.style.display = 'block';
    await until(() => canvas.getBoundingClientRect().height > 100 && canvas.width > 0, 'the chart sized');
    expect(canvas.getBoundingClientRect().width).to.be.greaterThan(100);
  });
});
