/**
 * Licences of catalogue datasets: the ids data.gouv.fr and CKAN give (`lov2`, `odc-odbl`, `uk-ogl`…)
 * and the free text Opendatasoft and DKAN give ("Licence Ouverte v2.0 (Etalab)", "Open Database
 * License (ODbL)"…), turned into one short label shown after "Licence :".
 *
 * Labels are proper nouns ("Licence Ouverte 2.0", "ODbL", "CC BY-SA 4.0", "OGL 3.0") that need no
 * translation, except a few generic ones ("Licence non précisée", "Autre licence ouverte"…): those
 * are French, and `LICENSE_EN` gives their English label.
 */
import { isObject, parseUrl, str } from '../portals/util.ts';
import type { CatalogLicense } from './types.ts';
import { plainLine } from './text.ts';

const NOT_SPECIFIED = 'Licence non précisée';
const OTHER_OPEN = 'Autre licence ouverte';
const OTHER_AT = 'Autre licence avec attribution';
const OTHER_PD = 'Autre licence, domaine public';
const OTHER_NC = 'Autre licence, usage non commercial';
const OTHER_CLOSED = 'Licence non ouverte';
const PUBLIC_DOMAIN = 'Domaine public';

/** English labels of the generic (French) labels; every other label is a proper noun. */
export const LICENSE_EN: Record<string, string> = {
  [NOT_SPECIFIED]: 'Licence not specified',
  [OTHER_OPEN]: 'Other open licence',
  [OTHER_AT]: 'Other licence with attribution',
  [OTHER_PD]: 'Other licence, public domain',
  [OTHER_NC]: 'Other licence, non-commercial use',
  [OTHER_CLOSED]: 'Not an open licence',
  [PUBLIC_DOMAIN]: 'Public domain',
};

/** Longest label kept for a licence Vitrine does not know. */
const RAW_MAX = 80;

/** Ids of data.gouv.fr (udata) and of CKAN's default licence list, lower case. */
const IDS: Record<string, string> = {
  // data.gouv.fr
  lov2: 'Licence Ouverte 2.0',
  'fr-lo': 'Licence Ouverte 1.0',
  'odc-odbl': 'ODbL',
  'odc-by': 'ODC-By',
  'odc-pddl': 'ODC PDDL',
  'cc-by': 'CC BY',
  'cc-by-sa': 'CC BY-SA',
  'cc-zero': 'CC0',
  notspecified: NOT_SPECIFIED,
  'other-open': OTHER_OPEN,
  'other-at': OTHER_AT,
  'other-pd': OTHER_PD,
  'other-closed': OTHER_CLOSED,
  'mpl-2.0': 'MPL 2.0',
  'apache-2.0': 'Apache 2.0',
  'gpl-3.0': 'GPL 3.0',
  'eupl-1.2': 'EUPL 1.2',
  // CKAN (ckan/model/license.py)
  'uk-ogl': 'OGL (UK)',
  'cc-nc': 'CC BY-NC',
  gfdl: 'GFDL',
  'other-nc': OTHER_NC,
};

/** Lower case, without accents, `_` and runs of space as one space. */
function normalize(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[_\s]+/g, ' ')
    .trim();
}

/** "2" → "2.0", "4.0" → "4.0", "1.2" → "1.2"; the first version number of the text. */
function versionOf(n: string): string | undefined {
  const m = /(?:^|[^\w.])v?(\d{1,2}(?:\.\d{1,2})?)(?!\w|\.\d)/.exec(n);
  if (!m) return undefined;
  return m[1].includes('.') ? m[1] : `${m[1]}.0`;
}

function withVersion(label: string, n: string): string {
  const v = versionOf(n);
  return v ? `${label} ${v}` : label;
}

/** Creative Commons: "CC BY-NC-SA 4.0" from `cc-by-nc-sa-4.0`, "Creative Commons Attribution…". */
function creativeCommons(n: string): string | undefined {
  if (/\bcc ?0\b|\bcc[ -]?zero\b|creative commons zero/.test(n)) return withVersion('CC0', n.replace(/cc ?0/, ''));
  const short = /\bcc[ -]((?:by|nc|nd|sa)(?:[ -](?:by|nc|nd|sa))*)\b/.exec(n);
  const long = /creative ?commons/.test(n);
  if (!short && !long) return undefined;
  const parts = new Set(short ? short[1].split(/[ -]/) : []);
  if (long) {
    if (/attribution|paternite|\bby\b/.test(n)) parts.add('by');
    if (/share ?-?alike|partage (?:a l'identique|dans les memes conditions)|\bsa\b/.test(n)) parts.add('sa');
    if (/non ?-?commercial|pas d'utilisation commerciale|\bnc\b/.test(n)) parts.add('nc');
    if (/no ?-?deriv|pas de modification|\bnd\b/.test(n)) parts.add('nd');
  }
  // NC licences carry BY since version 2.0; the "cc-nc" id of CKAN is one of them.
  if (parts.size > 0) parts.add('by');
  const code = ['by', 'nc', 'nd', 'sa']
    .filter((p) => parts.has(p))
    .map((p) => p.toUpperCase())
    .join('-');
  return withVersion(code ? `CC ${code}` : 'Creative Commons', n);
}

/** A label for free text (a licence name or URL), or undefined when it is not one Vitrine knows. */
function fromText(text: string): string | undefined {
  const n = normalize(text);
  if (!n) return undefined;
  if (/\blicen[cs]e ouverte\b|\bopen licen[cs]e\b|\betalab\b/.test(n)) {
    const v = versionOf(n);
    return v === '2.0' ? 'Licence Ouverte 2.0' : v === '1.0' ? 'Licence Ouverte 1.0' : 'Licence Ouverte';
  }
  if (/\bodbl\b|open database licen[cs]e/.test(n)) return withVersion('ODbL', n);
  if (/\bpddl\b|public domain dedication and licen[cs]e/.test(n)) return withVersion('ODC PDDL', n);
  if (/\bodc[ -]?by\b|open data commons attribution/.test(n)) return withVersion('ODC-By', n);
  if (/\bogl\b|open government licen[cs]e/.test(n)) {
    const v = versionOf(n.replace(/\bogl[ -]uk\b/, 'ogl'));
    if (v) return `OGL ${v}`;
    return /\buk\b|nationalarchives|united kingdom/.test(n) ? 'OGL (UK)' : 'OGL';
  }
  const cc = creativeCommons(n);
  if (cc) return cc;
  if (/\bgfdl\b|gnu free documentation/.test(n)) return withVersion('GFDL', n);
  if (/\bagpl\b|affero/.test(n)) return withVersion('AGPL', n);
  if (/\blgpl\b|lesser general public/.test(n)) return withVersion('LGPL', n);
  if (/\bgpl\b|general public licen[cs]e/.test(n)) return withVersion('GPL', n);
  if (/\bmpl\b|mozilla public/.test(n)) return withVersion('MPL', n);
  if (/\bapache\b/.test(n)) return withVersion('Apache', n);
  if (/\beupl\b|european union public/.test(n)) return withVersion('EUPL', n);
  if (/^mit\b|\bmit licen[cs]e\b/.test(n)) return 'MIT';
  if (
    /^not ?specified$|^(?:licen[cs]e )?(?:not specified|non (?:precisee?|specifiee?|renseignee?))$|^non renseigne$/.test(
      n,
    )
  )
    return NOT_SPECIFIED;
  if (/^(?:other|autre)[ -]?(?:\(?open\)?|licence ouverte)$/.test(n)) return OTHER_OPEN;
  if (/^(?:other|autre)[ -]?\(?(?:at|attribution)\)?$/.test(n)) return OTHER_AT;
  if (/^(?:other|autre)[ -]?\(?(?:pd|public domain|domaine public)\)?$/.test(n)) return OTHER_PD;
  if (/^(?:other|autre)[ -]?\(?(?:nc|non-?commercial)\)?$/.test(n)) return OTHER_NC;
  if (/^(?:other|autre)[ -]?\(?(?:closed|not open|fermee?)\)?$/.test(n)) return OTHER_CLOSED;
  if (/\bdomaine public\b|\bpublic domain\b/.test(n)) return PUBLIC_DOMAIN;
  return undefined;
}

function httpUrl(v: unknown): string | undefined {
  const s = str(v).trim();
  const u = s ? parseUrl(s) : undefined;
  return u && (u.protocol === 'http:' || u.protocol === 'https:') ? u.href : undefined;
}

/**
 * The licence of a dataset from what the portal gave: an id (`lov2`, `odc-odbl`, `uk-ogl`) or free
 * text ("Licence Ouverte v2.0 (Etalab)"), the licence URL, and (CKAN `license_title`) its title.
 * Undefined when there is nothing. An unknown licence keeps the portal's words: its title when given,
 * else its id, as written (at most 80 characters), with `known: false`.
 */
export function licenseOf(id: unknown, url?: unknown, title?: unknown): CatalogLicense | undefined {
  const out = licenseOfRaw(id, url, title);
  if (!out || !Object.hasOwn(LICENSE_EN, out.label)) return out;
  return { ...out, labelEn: LICENSE_EN[out.label] };
}

function licenseOfRaw(id: unknown, url?: unknown, title?: unknown): CatalogLicense | undefined {
  // Some APIs nest it: {id, title, url} (udata's licence objects, CKAN extensions).
  if (isObject(id)) return licenseOfRaw(id.id ?? id.name, url ?? id.url, title ?? id.title);
  const idText = str(id).trim();
  const titleText = str(title).trim();
  const rawId = plainLine(idText, RAW_MAX);
  const rawTitle = plainLine(titleText, RAW_MAX);
  const raw = rawId || rawTitle;
  if (!raw) return undefined;
  // A licence given as a URL (DKAN puts it in license_title) is also its text.
  const titleLink = httpUrl(titleText);
  const link = httpUrl(url) ?? httpUrl(idText) ?? titleLink;
  const key = idText.toLowerCase();
  const label =
    (Object.hasOwn(IDS, key) ? IDS[key] : undefined) ??
    fromText(idText.slice(0, 300)) ??
    fromText(titleText.slice(0, 300));
  const out: CatalogLicense = label
    ? { id: raw, label, known: true }
    : { id: raw, label: rawTitle && !titleLink ? rawTitle : raw, known: false };
  if (link) out.url = link;
  return out;
}
