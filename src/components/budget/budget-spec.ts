/**
 * The attributes of <vitrine-budget> read into values: each accepts the French word, its plain
 * (unaccented) form and the English one; anything else is a `config` error listing what is allowed.
 */
import { docKind, type DocKind, type GroupBy, type Operations } from '../../data/budget/budget.ts';
import type { Direction, Section } from '../../data/budget/nomenclature.ts';
import { VitrineError } from '../../data/errors.ts';
import { fold } from '../../data/query.ts';

export const BUDGET_CHARTS = ['bar', 'doughnut', 'treemap'] as const;
export type BudgetChart = (typeof BUDGET_CHARTS)[number];

/** The toolbar controls `controls` may name. */
export const BUDGET_CONTROLS = [
  'direction',
  'section',
  'group-by',
  'year',
  'document',
  'chart',
  'compare',
  'data',
  'export',
] as const;
export type BudgetControl = (typeof BUDGET_CONTROLS)[number];

function bad(attribute: string, value: string, allowed: readonly string[], url: string): VitrineError {
  return new VitrineError('config', `bad ${attribute}`, url, { attribute, value, allowed: [...allowed] });
}

function read<T extends string>(
  attribute: string,
  value: string,
  url: string,
  fallback: T,
  allowed: readonly string[],
  match: (f: string) => T | undefined,
): T {
  if (!value.trim()) return fallback;
  const found = match(fold(value).trim());
  if (found === undefined) throw bad(attribute, value, allowed, url);
  return found;
}

export function readDirection(value: string, url: string): Direction {
  return read('direction', value, url, 'depenses', ['depenses', 'recettes'], (f) =>
    /^(depense|spending|expenditure)/.test(f)
      ? 'depenses'
      : /^(recette|revenue|income)/.test(f)
        ? 'recettes'
        : undefined,
  );
}

export function readSection(value: string, url: string): Section | 'both' {
  return read<Section | 'both'>('section', value, url, 'both', ['fonctionnement', 'investissement', 'both'], (f) =>
    /^(both|tout|toutes|les deux|fonctionnement et investissement)$/.test(f)
      ? 'both'
      : /^(fonctionnement|operating)/.test(f)
        ? 'fonctionnement'
        : /^(investissement|investment|capital)/.test(f)
          ? 'investissement'
          : undefined,
  );
}

export function readGroupBy(value: string, url: string): GroupBy {
  return read<GroupBy>('group-by', value, url, 'chapitre', ['chapitre', 'fonction', 'nature'], (f) =>
    /^(chapitre|chapter)/.test(f)
      ? 'chapitre'
      : /^(fonction|function)/.test(f)
        ? 'fonction'
        : /^(nature|compte|account)/.test(f)
          ? 'nature'
          : undefined,
  );
}

export function readOperations(value: string, url: string): Operations {
  return read<Operations>('operations', value, url, 'reelles', ['reelles', 'ordre', 'toutes'], (f) =>
    /^(reel|real)/.test(f)
      ? 'reelles'
      : /^(ordre|order)/.test(f)
        ? 'ordre'
        : /^(toute|tout|all)/.test(f)
          ? 'toutes'
          : undefined,
  );
}

export function readChart(value: string, url: string): BudgetChart {
  return read<BudgetChart>('chart', value, url, 'bar', BUDGET_CHARTS, (f) =>
    /^(bar|barre|histogram)/.test(f)
      ? 'bar'
      : /^(doughnut|donut|anneau|camembert|pie)/.test(f)
        ? 'doughnut'
        : /^(treemap|rectangle|carte)/.test(f)
          ? 'treemap'
          : undefined,
  );
}

/** `document`: a kind, or undefined when absent. */
export function readDocument(value: string, url: string): DocKind | undefined {
  if (!value.trim()) return undefined;
  const kind = docKind(value);
  if (kind === 'autre') {
    throw bad(
      'document',
      value,
      [
        'budget primitif',
        'budget supplémentaire',
        'décision modificative',
        'compte administratif',
        'compte financier unique',
      ],
      url,
    );
  }
  return kind;
}

/** `amount`: realise, prevu, or a column name kept as written (checked against the file later). */
export function readAmount(value: string): string | undefined {
  const f = fold(value).trim();
  if (!f) return undefined;
  if (/^(realise|reel|actual|realised|realized)$/.test(f)) return 'realise';
  if (/^(prevu|prevision|previsions|budget|planned|forecast)$/.test(f)) return 'prevu';
  return value.trim();
}

/** `controls`: "none", "all" (default) or a list of control names. */
export function readControls(value: string, url: string): Set<BudgetControl> {
  const f = fold(value).trim();
  if (!f || f === 'all' || f === 'tout' || f === 'toutes') return new Set(BUDGET_CONTROLS);
  if (f === 'none' || f === 'aucun' || f === 'aucune') return new Set();
  const out = new Set<BudgetControl>();
  for (const name of f.split(/[\s,]+/)) {
    if (!(BUDGET_CONTROLS as readonly string[]).includes(name))
      throw bad('controls', name, ['all', 'none', ...BUDGET_CONTROLS], url);
    out.add(name as BudgetControl);
  }
  return out;
}

/** Cuts a label into at most `lines` lines of about `width` characters, with … when it is longer. */
export function wrapLabel(label: string, width = 32, lines = 2): string[] {
  const words = label.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let current = '';
  for (const word of words) {
    if (current && current.length + 1 + word.length > width) {
      out.push(current);
      current = word;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  if (current) out.push(current);
  if (out.length <= lines) return out.map((l) => (l.length > width ? `${l.slice(0, width - 1)}…` : l));
  const kept = out.slice(0, lines);
  const last = kept[lines - 1];
  kept[lines - 1] = `${last.length > width - 1 ? last.slice(0, width - 1) : last}…`;
  return kept;
}
