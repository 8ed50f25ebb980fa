/**
 * The map's cluster hierarchy (src/components/map/cluster.ts) against supercluster, the library it
 * replaced (kept as a dev dependency for this comparison): the same greedy clustering, so at every
 * zoom both give about as many items, every point counted once, and the same points alone once
 * the zoom is past the last clustered one. The points: the observatory's places, each repeated
 * with a deterministic jitter, so that clusters form at every zoom.
 */
import { expect } from '@open-wc/testing';
import Supercluster from 'supercluster';
import { ClusterIndex } from '../../src/components/map/cluster.ts';
import { csvRows, SYNTHETIC_POOL } from '../helpers/fixture-rows.ts';

const OPTIONS = { radius: 60, extent: 512, maxZoom: 17 };

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('ClusterIndex against supercluster', () => {
  it('gives as many clusters as supercluster at every zoom (within 3 %), each point counted once', async () => {
    const rows = (await csvRows(SYNTHETIC_POOL)).filter((r) => r.lat !== '' && r.lon !== '');
    const next = random(42);
    const lat: number[] = [];
    const lon: number[] = [];
    for (const r of rows) {
      for (let k = 0; k < 6; k++) {
        lat.push(+r.lat + (next() - 0.5) * 0.05);
        lon.push(+r.lon + (next() - 0.5) * 0.05);
      }
    }
    const ours = new ClusterIndex(Float64Array.from(lat), Float64Array.from(lon), OPTIONS).all();
    const theirs = new Supercluster({ ...OPTIONS, minPoints: 2 }).load(
      lat.map((y, i) => ({
        type: 'Feature' as const,
        properties: {},
        geometry: { type: 'Point' as const, coordinates: [lon[i], y] },
      })),
    );
    for (let z = 0; z <= OPTIONS.maxZoom + 1; z++) {
      const a = ours.clusters(-180, -85, 180, 85, z);
      const b = theirs.getClusters([-180, -85, 180, 85], z);
      expect(
        a.reduce((s, c) => s + c.count, 0),
        `points at zoom ${z}`,
      ).to.equal(lat.length);
      const countOf = (f: (typeof b)[number]) => (f.properties.cluster ? f.properties.point_count : 1);
      expect(b.reduce((s, f) => s + countOf(f), 0)).to.equal(lat.length);
      const diff = Math.abs(a.length - b.length) / b.length;
      expect(diff, `zoom ${z}: ${a.length} items, supercluster ${b.length}`).to.be.at.most(0.03);
    }
    // Past the last clustered zoom every point is alone, in both.
    expect(ours.clusters(-180, -85, 180, 85, OPTIONS.maxZoom + 1)).to.have.length(lat.length);
  });
});
