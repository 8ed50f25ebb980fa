import { VitrineError } from '../data/errors.ts';
import { t, type Lang } from '../i18n/localize.ts';

/** A message a non-developer understands, in the element's language, for any failure. */
export function errorMessage(lang: Lang, err: unknown): string {
  if (!(err instanceof VitrineError)) return t(lang, 'error.unknown');
  const d = err.details;
  switch (err.code) {
    case 'network':
      return t(lang, 'error.network');
    case 'http':
      return d.status === 404 ? t(lang, 'error.http404') : t(lang, 'error.http', { status: d.status ?? '?' });
    case 'cors':
      return d.triedTabular ? t(lang, 'error.corsTabular') : t(lang, 'error.cors');
    case 'parse':
      if (d.received === 'html') return t(lang, 'error.parseHtml');
      if (d.received === 'xlsx' || d.received === 'xls' || d.received === 'ods')
        return t(lang, 'error.parseSpreadsheet', { kind: d.received.toUpperCase() });
      if (d.received)
        return t(lang, 'error.parseBinary', { kind: d.received === 'binary' ? 'binaire' : d.received.toUpperCase() });
      if (d.reason === 'invalid-json') return t(lang, 'error.parseJson');
      return t(lang, 'error.parse', { format: 'CSV/JSON' });
    case 'empty':
      return d.reason === 'no-records' ? t(lang, 'error.emptyRecords') : t(lang, 'error.empty');
    case 'config':
      if (d.reason === 'no-source') return t(lang, 'error.noSource', { id: d.value ?? '' });
      if (d.reason === 'server-source') return t(lang, 'error.serverSource', { id: d.value ?? '' });
      if (d.column !== undefined && d.attribute === 'card-template')
        return t(lang, 'error.configTemplate', { column: d.column, available: (d.available ?? []).join(', ') });
      if (d.column !== undefined)
        return t(lang, 'error.configColumn', { column: d.column, available: (d.available ?? []).join(', ') });
      if (d.value !== undefined)
        return t(lang, 'error.configValue', {
          value: d.value,
          attribute: d.attribute ?? '?',
          allowed: (d.allowed ?? []).join(', '),
        });
      if (d.reason === 'attribute-needed')
        return t(lang, 'error.configNeeded', {
          attribute: d.attribute ?? '?',
          available: (d.available ?? []).join(', '),
        });
      if (d.reason === 'no-coordinates')
        return t(lang, 'error.configGeo', { available: (d.available ?? []).join(', ') });
      if (d.reason === 'no-resource') return t(lang, 'error.configResource');
      if (d.reason === 'join-needs-areas') return t(lang, 'error.configJoin');
      if (d.reason === 'no-area-key')
        return t(lang, 'error.configAreaKey', {
          column: d.joinColumn ?? '?',
          available: (d.available ?? []).join(', '),
        });
      if (d.reason === 'no-areas') return t(lang, 'error.configNoAreas');
      if (d.reason === 'not-catalog') return t(lang, 'error.notCatalog');
      if (d.reason === 'not-budget') return t(lang, 'error.notBudget', { available: (d.available ?? []).join(', ') });
      if (d.reason === 'no-amount')
        return t(lang, 'error.budgetAmount', {
          wanted: (d.allowed ?? []).join(', '),
          available: (d.available ?? []).join(', '),
        });
      if (d.attribute === 'src') return t(lang, 'error.configSrc');
      return t(lang, 'error.config');
    case 'too-large':
      return t(lang, 'error.tooLarge', { size: d.limit ? `> ${Math.round(d.limit / 1048576)} Mo` : '' });
    default:
      return t(lang, 'error.unknown');
  }
}
