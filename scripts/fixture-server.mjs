// A small static server on 127.0.0.1 (another origin than the test runner's "localhost"),
// used by tests of CORS behaviour: /cors/<path> answers with Access-Control-Allow-Origin: *,
// /nocors/<path> without it, and /proxy?url=… relays a loopback URL with the header. Files come from the project root (test/fixtures, demo/data).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { resolve, normalize, extname } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const TYPES = {
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.html': 'text/html',
};

export function fixtureServer(port = 0) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/proxy') {
      // A minimal CORS proxy, like the one an author would run: /proxy?url=<encoded URL>.
      // It only relays to loopback addresses.
      const target = url.searchParams.get('url') ?? '';
      if (!/^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//.test(target)) {
        res.writeHead(400, { 'Access-Control-Allow-Origin': '*' }).end('bad target');
        return;
      }
      const answer = await fetch(target);
      const body = Buffer.from(await answer.arrayBuffer());
      res
        .writeHead(answer.status, {
          'Access-Control-Allow-Origin': '*',
          'Content-Type': answer.headers.get('content-type') ?? 'application/octet-stream',
        })
        .end(body);
      return;
    }
    const m = /^\/(cors|nocors)\/(.*)$/.exec(url.pathname);
    if (!m) {
      res.writeHead(404).end('not found');
      return;
    }
    const file = normalize(resolve(ROOT, decodeURIComponent(m[2])));
    if (!file.startsWith(ROOT)) {
      res.writeHead(403).end();
      return;
    }
    const headers = { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' };
    if (m[1] === 'cors') headers['Access-Control-Allow-Origin'] = '*';
    try {
      const body = await readFile(file);
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404, headers).end('not found');
    }
  });
  return new Promise((done) => {
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const p = typeof address === 'object' && address ? address.port : port;
      server.unref();
      done({ url: `http://127.0.0.1:${p}`, close: () => server.close() });
    });
  });
}
