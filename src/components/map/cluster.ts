/**
 * Point clusters for `<vitrine-map>`: the greedy hierarchical clustering that supercluster made
 * common (the points within `radius` px of a point, at each zoom from `maxZoom` down to 0, form a
 * cluster at their weighted centre, and the clusters of one zoom are clustered at the zoom below),
 * built once for all the points of a table; then views of it for any subset of those points (the
 * rows a filter keeps), made in time proportional to the subset, with no new clustering: each
 * cluster of a subset is a cluster of the whole, holding the subset's points only, at their centre.
 * So a filter shows the same groups, with fewer points, and clearing it shows the whole again at
 * once. No DOM, no Leaflet.
 */

export interface ClusterOptions {
  /** Cluster radius in px, relative to `extent`. */
  radius: number;
  /** Tile extent the radius is relative to. */
  extent: number;
  /** Highest zoom at which points are clustered (above it every point is drawn alone). */
  maxZoom: number;
}

/** An item to draw: a cluster, or a point alone (`count` 1). */
export interface ClusterItem {
  lat: number;
  lon: number;
  count: number;
  /** A point alone: its position in the points the view was made for; -1 for a cluster. */
  slot: number;
  /** A cluster: its id in the view (see ClusterView.expansionZoom); -1 for a point. */
  id: number;
}

export interface ClusterView {
  /** The clusters and single points whose centre is in the box, at a zoom. */
  clusters(west: number, south: number, east: number, north: number, zoom: number): ClusterItem[];
  /** The zoom at which a cluster of this view opens into several items. */
  expansionZoom(id: number): number;
}

/** The nodes of one zoom of the hierarchy. */
interface Level {
  n: number;
  /** Centres, in Web Mercator units (0..1). */
  x: Float64Array;
  y: Float64Array;
  count: Int32Array;
  /** The point of a one-point node, else -1. */
  leaf: Int32Array;
  /** The node of the zoom below holding each node (absent at zoom 0). */
  parent?: Int32Array;
}

/** What a view holds at one zoom: nodes of the hierarchy (`node`; all of them when absent), their counts and centres. */
interface ViewLevel {
  n: number;
  node?: Int32Array;
  x: Float64Array;
  y: Float64Array;
  count: Int32Array;
  /** The point alone (position in the view's points) of a one-point item, else -1. */
  leaf: Int32Array;
}

const lngX = (lng: number) => lng / 360 + 0.5;
function latY(lat: number): number {
  const sin = Math.sin((lat * Math.PI) / 180);
  const y = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
  return y < 0 ? 0 : y > 1 ? 1 : y;
}
const xLng = (x: number) => (x - 0.5) * 360;
function yLat(y: number): number {
  const y2 = ((180 - y * 360) * Math.PI) / 180;
  return (360 * Math.atan(Math.exp(y2))) / Math.PI - 90;
}

/** Ids of a view's clusters: the item's position in its zoom, and the zoom. */
const ZOOM_BITS = 5;
const encodeId = (s: number, z: number) => s * (1 << ZOOM_BITS) + z;

/**
 * The hierarchy of clusters of a set of points (lat/lon arrays of the same length). `all()` is the
 * view of every point; `subset(slots)` the view of some of them.
 */
export class ClusterIndex {
  readonly #levels: Level[];
  readonly #lat: Float64Array;
  readonly #lon: Float64Array;
  #all?: ClusterView;
  /** Per node of a zoom, its position among the items of the view being made (-1: none); kept at -1 between uses. */
  #at?: Int32Array;

  constructor(lat: Float64Array, lon: Float64Array, options: ClusterOptions) {
    this.#lat = lat;
    this.#lon = lon;
    this.#levels = build(lat, lon, options);
  }

  /** The view of every point (items' slots are positions in the arrays given to the constructor). */
  all(): ClusterView {
    this.#all ??= this.#view(
      this.#levels.map((l) => ({ n: l.n, x: l.x, y: l.y, count: l.count, leaf: l.leaf })),
      this.#lat,
      this.#lon,
    );
    return this.#all;
  }

  /**
   * The view of some points: `slots[k]` is the position of the view's point k among all the points
   * (items' slots are k). Each cluster of the whole that holds some of them is an item of the view,
   * counting those only, at their centre.
   */
  subset(slots: ArrayLike<number>, lat: Float64Array, lon: Float64Array): ClusterView {
    const levels = this.#levels;
    const top = levels.length - 1;
    const n = slots.length;
    const view: ViewLevel[] = new Array<ViewLevel>(levels.length);
    const first: ViewLevel = {
      n,
      node: Int32Array.from(slots),
      x: new Float64Array(n),
      y: new Float64Array(n),
      count: new Int32Array(n).fill(1),
      leaf: new Int32Array(n),
    };
    for (let k = 0; k < n; k++) {
      first.x[k] = levels[top].x[slots[k]];
      first.y[k] = levels[top].y[slots[k]];
      first.leaf[k] = k;
    }
    view[top] = first;
    this.#at ??= new Int32Array(levels[top].n).fill(-1);
    const at = this.#at;
    // Work arrays for one zoom (a zoom has at most as many items as the one above), copied out.
    const node = new Int32Array(n);
    const count = new Int32Array(n);
    const sx = new Float64Array(n);
    const sy = new Float64Array(n);
    const leaf = new Int32Array(n);
    let below = first;
    for (let z = top - 1; z >= 0; z--) {
      const parent = levels[z + 1].parent!;
      let k = 0;
      for (let i = 0; i < below.n; i++) {
        const p = parent[below.node![i]];
        let s = at[p];
        if (s < 0) {
          s = at[p] = k++;
          node[s] = p;
          leaf[s] = below.leaf[i];
          count[s] = 0;
          sx[s] = 0;
          sy[s] = 0;
        } else leaf[s] = -1;
        const c = below.count[i];
        count[s] += c;
        sx[s] += below.x[i] * c;
        sy[s] += below.y[i] * c;
      }
      for (let s = 0; s < k; s++) {
        at[node[s]] = -1;
        sx[s] /= count[s];
        sy[s] /= count[s];
      }
      below = {
        n: k,
        node: node.slice(0, k),
        x: sx.slice(0, k),
        y: sy.slice(0, k),
        count: count.slice(0, k),
        leaf: leaf.slice(0, k),
      };
      view[z] = below;
    }
    return this.#view(view, lat, lon);
  }

  #view(view: ViewLevel[], lat: Float64Array, lon: Float64Array): ClusterView {
    const levels = this.#levels;
    const top = levels.length - 1;
    const nodeOf = (z: number, s: number) => view[z].node?.[s] ?? s;
    return {
      clusters(west, south, east, north, zoom) {
        const z = Math.max(0, Math.min(Math.floor(zoom), top));
        const l = view[z];
        const minX = lngX(west);
        const maxX = lngX(east);
        const minY = latY(north);
        const maxY = latY(south);
        const out: ClusterItem[] = [];
        for (let s = 0; s < l.n; s++) {
          const x = l.x[s];
          const y = l.y[s];
          if (x < minX || x > maxX || y < minY || y > maxY) continue;
          const c = l.count[s];
          if (c === 1) {
            const k = l.leaf[s];
            out.push({ lat: lat[k], lon: lon[k], count: 1, slot: k, id: -1 });
          } else out.push({ lat: yLat(y), lon: xLng(x), count: c, slot: -1, id: encodeId(s, z) });
        }
        return out;
      },
      expansionZoom(id) {
        let z = id % (1 << ZOOM_BITS);
        let node = nodeOf(z, Math.floor(id / (1 << ZOOM_BITS)));
        // Down the zooms while the view's points of this cluster stay in one item.
        while (z < top) {
          const l = view[z + 1];
          const parent = levels[z + 1].parent!;
          let children = 0;
          let child = -1;
          for (let s = 0; s < l.n && children < 2; s++) {
            const c = nodeOf(z + 1, s);
            if (parent[c] === node) {
              children++;
              child = c;
            }
          }
          z++;
          if (children !== 1) break;
          node = child;
        }
        return z;
      },
    };
  }
}

/** The levels of the hierarchy: index maxZoom + 1 holds the points, each one below their clusters. */
function build(lat: Float64Array, lon: Float64Array, options: ClusterOptions): Level[] {
  const n = lat.length;
  const { radius, extent, maxZoom } = options;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const leaf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = lngX(lon[i]);
    y[i] = latY(lat[i]);
    leaf[i] = i;
  }
  const levels: Level[] = new Array<Level>(maxZoom + 2);
  let below: Level = { n, x, y, count: new Int32Array(n).fill(1), leaf };
  levels[maxZoom + 1] = below;
  const near = new Uint32Array(n);
  const tree = new KdTree(n);
  for (let z = maxZoom; z >= 0; z--) {
    const r = radius / (extent * 2 ** z);
    tree.index(below.x, below.y, below.n);
    const m = below.n;
    const parent = new Int32Array(m);
    const done = new Uint8Array(m);
    const cx = new Float64Array(m);
    const cy = new Float64Array(m);
    const count = new Int32Array(m);
    const one = new Int32Array(m);
    let k = 0;
    // Each point not yet taken, in order, takes the points not yet taken within the radius.
    for (let i = 0; i < m; i++) {
      if (done[i]) continue;
      done[i] = 1;
      const found = tree.within(below.x[i], below.y[i], r, near);
      let c = below.count[i];
      let wx = below.x[i] * c;
      let wy = below.y[i] * c;
      let merged = false;
      for (let f = 0; f < found; f++) {
        const j = near[f];
        if (done[j]) continue;
        done[j] = 1;
        merged = true;
        const cj = below.count[j];
        c += cj;
        wx += below.x[j] * cj;
        wy += below.y[j] * cj;
        parent[j] = k;
      }
      parent[i] = k;
      if (merged) {
        cx[k] = wx / c;
        cy[k] = wy / c;
        one[k] = -1;
      } else {
        cx[k] = below.x[i];
        cy[k] = below.y[i];
        one[k] = below.leaf[i];
      }
      count[k] = c;
      k++;
    }
    below.parent = parent;
    below = { n: k, x: cx.slice(0, k), y: cy.slice(0, k), count: count.slice(0, k), leaf: one.slice(0, k) };
    levels[z] = below;
  }
  return levels;
}

/** Leaves of the k-d tree: runs of up to this many points are searched one by one. */
const NODE_SIZE = 64;

/**
 * A static 2-d tree over points given as two coordinate arrays, for "every point within r of (x, y)"
 * (the structure of kdbush: the points sorted in place around medians, alternating axes). One
 * instance is reused for each zoom (its arrays sized for the most points).
 */
class KdTree {
  readonly #ids: Uint32Array;
  readonly #coords: Float64Array;
  readonly #stack: number[] = [];
  #n = 0;

  constructor(capacity: number) {
    this.#ids = new Uint32Array(capacity);
    this.#coords = new Float64Array(capacity * 2);
  }

  index(x: Float64Array, y: Float64Array, n: number): void {
    this.#n = n;
    const ids = this.#ids;
    const coords = this.#coords;
    for (let i = 0; i < n; i++) {
      ids[i] = i;
      coords[2 * i] = x[i];
      coords[2 * i + 1] = y[i];
    }
    sortKd(ids, coords, 0, n - 1, 0);
  }

  /** Writes into `out` the ids of the points within `r` of (qx, qy); returns how many. */
  within(qx: number, qy: number, r: number, out: Uint32Array): number {
    const ids = this.#ids;
    const coords = this.#coords;
    const stack = this.#stack;
    const r2 = r * r;
    let found = 0;
    stack.length = 0;
    stack.push(0, this.#n - 1, 0);
    while (stack.length) {
      const axis = stack.pop()!;
      const right = stack.pop()!;
      const left = stack.pop()!;
      if (right - left <= NODE_SIZE) {
        for (let i = left; i <= right; i++) {
          const dx = coords[2 * i] - qx;
          const dy = coords[2 * i + 1] - qy;
          if (dx * dx + dy * dy <= r2) out[found++] = ids[i];
        }
        continue;
      }
      const m = (left + right) >> 1;
      const px = coords[2 * m];
      const py = coords[2 * m + 1];
      const dx = px - qx;
      const dy = py - qy;
      if (dx * dx + dy * dy <= r2) out[found++] = ids[m];
      if (axis === 0 ? qx - r <= px : qy - r <= py) stack.push(left, m - 1, 1 - axis);
      if (axis === 0 ? qx + r >= px : qy + r >= py) stack.push(m + 1, right, 1 - axis);
    }
    return found;
  }
}

function sortKd(ids: Uint32Array, coords: Float64Array, left: number, right: number, axis: number): void {
  if (right - left <= NODE_SIZE) return;
  const m = (left + right) >> 1;
  select(ids, coords, m, left, right, axis);
  sortKd(ids, coords, left, m - 1, 1 - axis);
  sortKd(ids, coords, m + 1, right, 1 - axis);
}

/** Floyd–Rivest selection: the k-th point on `axis` at k, smaller ones before, larger after. */
function select(ids: Uint32Array, coords: Float64Array, k: number, left: number, right: number, axis: number): void {
  while (right > left) {
    if (right - left > 600) {
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - m) * s) / n + sd));
      select(ids, coords, k, newLeft, newRight, axis);
    }
    const t = coords[2 * k + axis];
    let i = left;
    let j = right;
    swap(ids, coords, left, k);
    if (coords[2 * right + axis] > t) swap(ids, coords, left, right);
    while (i < j) {
      swap(ids, coords, i, j);
      i++;
      j--;
      while (coords[2 * i + axis] < t) i++;
      while (coords[2 * j + axis] > t) j--;
    }
    if (coords[2 * left + axis] === t) swap(ids, coords, left, j);
    else {
      j++;
      swap(ids, coords, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(ids: Uint32Array, coords: Float64Array, i: number, j: number): void {
  const id = ids[i];
  ids[i] = ids[j];
  ids[j] = id;
  const x = coords[2 * i];
  const y = coords[2 * i + 1];
  coords[2 * i] = coords[2 * j];
  coords[2 * i + 1] = coords[2 * j + 1];
  coords[2 * j] = x;
  coords[2 * j + 1] = y;
}
