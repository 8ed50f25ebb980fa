/**
 * Which columns fill which part of a record card, resolved against the table once per render:
 * the `card-*` attributes, the `card-template` sentence, and sensible defaults when the page
 * author named nothing but the data.
 */
import type { Column, Table } from '../../data/model.ts';
import { normalizeName } from '../../data/model.ts';
import { formatCell } from '../../format/format.ts';
import type { Lang } from '../../i18n/localize.ts';
import { resolveColumns, type ShownColumn } from '../table/column-spec.ts';

export interface CardSpec {
  title: Column;
  subtitle?: Column;
  image?: Column;
  imageAlt?: Column;
  description?: Column;
  tags?: Column;
  link?: Column;
  fields: ShownColumn[];
  /** The template split into text and column indices: ["", 3, " publie ", 7, " jeux de données"]. */
  template?: (string | number)[];
}

/** The columns a page author names, one per card part. `require` throws a config error for an unknown name. */
export interface CardAttributes {
  title: string;
  subtitle: string;
  image: string;
  imageAlt: string;
  description: string;
  tags: string;
  link: string;
  fields: string[];
  template: string;
}

type Require = (name: string, attribute: string) => Column;

const TITLE_WORDS = 'nom|name|titre|title|libelle|label|intitule|denomination|raison_sociale|appellation';
/** A column named exactly like a title ("nom", "title"…). */
const TITLE_EXACT = new RegExp(`^(?:${TITLE_WORDS})$`);
/** A column whose name starts or ends like a title ("nom_commune", "dataset_title"). */
const TITLE_NAMES = new RegExp(`^(?:${TITLE_WORDS})_|_(?:nom|name|titre|title|libelle)$`);
/** Columns that make poor default fields: geometry, nested JSON, coordinates. */
const HIDDEN_TYPES = new Set(['geometry', 'json', 'geopoint']);

/**
 * The title column when none is named: a column named exactly like a title ("nom", "title"), else
 * one whose name starts or ends so ("nom_commune"; "license_title" comes after "title"), else the
 * first text column, else the first. Empty columns are passed over.
 */
export function defaultTitle(table: Table): Column {
  const columns = table.columns.filter((c) => hasText(table, c.index));
  const key = (c: Column) => normalizeName(c.name).replace(/\s+/g, '_');
  return (
    columns.find((c) => TITLE_EXACT.test(key(c))) ??
    columns.find((c) => TITLE_NAMES.test(key(c))) ??
    columns.find((c) => c.type === 'string') ??
    columns[0] ??
    table.columns[0]
  );
}

/** Whether a column has text in one of its first 1,000 rows. */
function hasText(table: Table, col: number): boolean {
  for (let r = 0; r < Math.min(table.rowCount, 1000); r++) if (table.text(r, col).trim()) return true;
  return false;
}

/** Splits a template on `{field}` placeholders; each field must be a column. */
export function parseTemplate(template: string, require: Require): (string | number)[] {
  const parts: (string | number)[] = [];
  const re = /\{([^{}]+)\}/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(template))) {
    parts.push(template.slice(last, m.index));
    parts.push(require(m[1].trim(), 'card-template').index);
    last = re.lastIndex;
  }
  parts.push(template.slice(last));
  return parts;
}

export function resolveCardSpec(table: Table, a: CardAttributes, url: string, require: Require): CardSpec {
  const opt = (name: string, attribute: string) => (name.trim() ? require(name.trim(), attribute) : undefined);
  const title = opt(a.title, 'card-title') ?? defaultTitle(table);
  const spec: CardSpec = {
    title,
    subtitle: opt(a.subtitle, 'card-subtitle'),
    image: opt(a.image, 'card-image'),
    imageAlt: opt(a.imageAlt, 'card-image-alt'),
    description: opt(a.description, 'card-description'),
    tags: opt(a.tags, 'card-tags'),
    link: opt(a.link, 'card-link'),
    fields: a.fields.length ? resolveColumns(table, a.fields, url) : [],
    template: a.template.trim() ? parseTemplate(a.template, require) : undefined,
  };
  const named = [a.subtitle, a.image, a.description, a.tags, a.link, a.template].some((v) => v.trim());
  if (!a.fields.length && !named) {
    // Nothing but the data: the title and the next few columns as fields.
    spec.fields = table.columns
      .filter((c) => c !== title && !HIDDEN_TYPES.has(c.type))
      .slice(0, 4)
      .map((column) => ({ column, label: column.label }));
  }
  return spec;
}

/** Every column the card shows: what the search box looks in. */
export function cardColumns(spec: CardSpec): number[] {
  const out = new Set<number>([spec.title.index]);
  for (const c of [spec.subtitle, spec.description, spec.tags]) if (c) out.add(c.index);
  for (const f of spec.fields) out.add(f.column.index);
  for (const p of spec.template ?? []) if (typeof p === 'number') out.add(p);
  return [...out];
}

/**
 * The template sentence of one record, as text: each field in its column's format. '' when a
 * field is empty, so a card never shows a sentence with a hole ("X publie  jeux de données").
 */
export function fillTemplate(
  table: Table,
  row: number,
  parts: readonly (string | number)[],
  lang: Lang,
  yes: string,
  no: string,
): string {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'string') {
      out += p;
      continue;
    }
    const text = table.text(row, p);
    if (!text.trim()) return '';
    const column = table.columns[p];
    out += formatCell(lang, text, table.number(row, p), { type: column.type, meta: column.meta, yes, no });
  }
  return out;
}

/** A list cell split on `,` `;` or `|`, trimmed, without empties or repeats. */
export function splitTags(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(/[,;|]/)) {
    const tag = raw.trim();
    const key = tag.toLocaleLowerCase('fr');
    if (tag && !seen.has(key)) {
      seen.add(key);
      out.push(tag);
    }
  }
  return out;
}
