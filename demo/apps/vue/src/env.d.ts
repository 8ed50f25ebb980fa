// What TypeScript (outside Vue's own tools) knows of a single-file component: a component.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}
