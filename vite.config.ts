import { defineConfig, type Plugin } from 'vite';
import { resolve } from 'node:path';
import { fakePortalMiddleware } from './scripts/fake-portals.mjs';

/** http://localhost:5173/ opens the demo (demo pages import /src directly). */
function demoHome(): Plugin {
  return {
    name: 'vitrine-demo-home',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url === '/' || req.url === '/index.html') {
          res.statusCode = 302;
          res.setHeader('Location', '/demo/');
          res.end();
          return;
        }
        next();
      });
    },
  };
}

/**
 * GET /__portal?url=<encoded portal URL>: saved portal catalogue answers (data.gouv.fr, CKAN,
 * Opendatasoft) with their query parameters applied, so the demo never calls the real portals
 * (elements use proxy="/__portal?url={url}"). See scripts/fake-portals.mjs.
 */
function fakePortals(): Plugin {
  return {
    name: 'vitrine-fake-portals',
    configureServer(server) {
      server.middlewares.use(fakePortalMiddleware('/__portal'));
    },
  };
}

/**
 * `npm start` serves the repository with Vite and opens on the demo at http://localhost:5173/demo/.
 * The library builds are driven by scripts/build.mjs.
 */
export default defineConfig({
  root: resolve(import.meta.dirname),
  server: { port: 5173, open: false },
  plugins: [demoHome(), fakePortals()],
  worker: { format: 'es' },
  build: { target: 'es2022' },
});
