import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

/**
 * The Vue example: `npx vite demo/apps/vue` serves it, `npx vite build demo/apps/vue` builds it
 * (after `npm run build`). `vitrine` needs no alias: inside this repository Node's package
 * self-reference resolves it through the `exports` of package.json to the npm build (dist/npm),
 * as it would from node_modules in an app that installed it.
 */
export default defineConfig({
  root: import.meta.dirname,
  // Its own cache of pre-bundled dependencies, so that it can run beside `npm start` and the other example.
  cacheDir: '../../../node_modules/.vite/demo-apps-vue',
  plugins: [
    vue({
      // Tags that start with vitrine- are custom elements, not Vue components to resolve.
      template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('vitrine-') } },
    }),
  ],
  // The data files stay files (never data: URLs), fetched as an app would fetch its own.
  build: { assetsInlineLimit: 0 },
});
