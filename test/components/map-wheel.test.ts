/**
 * No scroll trap: over a map the mouse wheel scrolls the page (a CMS page, a slide, an iframe)
 * until the person clicks or focuses the map; then it zooms, until the pointer or the focus leaves.
 * Real mouse events (sendMouse) in Chromium.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { resetMouse, sendMouse } from '@web/test-runner-commands';
import type L from 'leaflet';
import '../../src/components/map/map.ts';
import type { VitrineMap } from '../../src/components/map/map.component.ts';
import { resetCache, root } from '../helpers/helpers.ts';

describe('<vitrine-map> and the mouse wheel', () => {
  beforeEach(() => resetCache());
  afterEach(() => resetMouse());

  it('lets the wheel scroll the page until the map is clicked, and again once the pointer leaves', async () => {
    const parent = await fixture(html`<div style="width: 700px; padding: 40px 0"></div>`);
    const el = document.createElement('vitrine-map') as VitrineMap;
    el.setAttribute('src', '/demo/data/odf-observatoire.csv');
    el.setAttribute('tiles', 'none');
    const ready = oneEvent(el, 'vitrine-map-ready');
    parent.append(el);
    await ready;
    const map = el.leafletMap as L.Map;
    const box = root(el).querySelector<HTMLElement>('[part~="map"]')!.getBoundingClientRect();
    const zoom = map.getZoom();
    const inside: [number, number] = [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)];
    await sendMouse({ type: 'move', position: inside });
    // A wheel over the map before any click: no zoom. (sendMouse has no wheel: the event Leaflet listens to.)
    const wheel = () =>
      map.getContainer().dispatchEvent(
        new WheelEvent('wheel', {
          deltaY: -300,
          clientX: inside[0],
          clientY: inside[1],
          bubbles: true,
          cancelable: true,
        }),
      );
    wheel();
    await new Promise((r) => setTimeout(r, 300));
    expect(map.scrollWheelZoom.enabled()).to.equal(false);
    expect(map.getZoom()).to.equal(zoom);
    // A click on the map: the wheel zooms.
    await sendMouse({ type: 'click', position: inside });
    expect(map.scrollWheelZoom.enabled()).to.equal(true);
    wheel();
    await new Promise((r) => setTimeout(r, 300));
    expect(map.getZoom()).to.be.above(zoom);
    // The pointer leaves the map: the wheel scrolls the page again.
    await sendMouse({
      type: 'move',
      position: [Math.round(box.left + box.width / 2), Math.max(1, Math.round(box.top) - 20)],
    });
    expect(map.scrollWheelZoom.enabled()).to.equal(false);
  });
});
