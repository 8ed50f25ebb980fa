/**
 * Portal catalogues for `<vitrine-cards>`: recognise a catalogue URL and build its API URL
 * (`catalogApi`), read one page of the answer into one shape (`readCatalog`), and the text and
 * licence helpers they use. No DOM, no Lit, no fetch of its own.
 */
export * from './types.ts';
export { catalogApi } from './api.ts';
export { readCatalog } from './read.ts';
export { DESCRIPTION_MAX, richTextToPlain } from './text.ts';
export { LICENSE_EN, licenseOf } from './licenses.ts';
