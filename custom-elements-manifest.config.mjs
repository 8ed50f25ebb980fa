export default {
  globs: ['src/components/**/*.component.ts', 'src/internal/vitrine-element.ts'],
  exclude: ['test/**'],
  outdir: '.',
  litelement: true,
};
