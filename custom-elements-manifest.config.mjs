export default {
  globs: [
    'src/components/**/*.component.ts',
    'src/internal/vitrine-element.ts',
    'src/internal/linked-control.ts',
    'src/internal/records-element.ts',
  ],
  exclude: ['test/**'],
  outdir: '.',
  litelement: true,
};
