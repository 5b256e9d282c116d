/**
 * Reads a plain-English search into terms and filters: "burglaries in Leicester last month where
 * a screwdriver was used" → category burglary, force leicestershire, the previous calendar month,
 * and the term "screwdriver". Quoted text is a phrase; a word ending in `*` is a prefix.
 *
 * What it understands:
 * - categories by name or plural ("burglaries", "shoplifting", "criminal damage", "drugs");
 * - kinds ("incidents", "intelligence", "stop and search");
 * - forces by name or variant ("Leicestershire", "the Met") and their main towns ("Leicester");
 * - dates: "today", "yesterday", "last week", "this month", "last month", "last year", "this year",
 *   "in 2023", "in March 2023", "in March" (the latest March not after now), "since 1 May 2023",
 *   "before 2024", "between March and May 2023";
 * - other capitalised places after "in", "on", "near" become an area filter on the location text.
 * Everything else is search terms.
 */
import { CRIME_CATEGORIES, FORCES, NARRATIVE_KINDS, type CrimeCategory, type ForceId, type NarrativeKind } from '../../standard/index.ts';

export interface SearchFilters {
  readonly forces?: readonly string[];
  readonly kinds?: readonly NarrativeKind[];
  readonly categories?: readonly string[];
  /** Inclusive ISO date `YYYY-MM-DD`. */
  readonly from?: string;
  /** Exclusive ISO date `YYYY-MM-DD`. */
  readonly to?: string;
  /** Case-insensitive words that must appear in `location_text` (a street, town or area). */
  readonly area?: string;
}

export interface ParsedQuery {
  /** Free-text words (not yet stemmed), each optionally a prefix (`scr*`). */
  readonly words: readonly { readonly word: string; readonly prefix: boolean }[];
  readonly phrases: readonly string[];
  readonly filters: SearchFilters;
  /** The words that were read as categories ("burglaries"): searched as words when no record has a category. */
  readonly categoryWords: readonly string[];
  /** What was understood, for showing back to the user ("category: burglary", "date: 2024-05"). */
  readonly understood: readonly string[];
}

const CATEGORY_WORDS: ReadonlyArray<readonly [RegExp, CrimeCategory]> = [
  [/\b(?:burglar(?:y|ies)|break[- ]ins?|broke in)\b/i, 'burglary'],
  [/\brobber(?:y|ies)\b|\bmuggings?\b/i, 'robbery'],
  [/\bshoplifting\b|\bshop thefts?\b/i, 'shoplifting'],
  [/\bbi(?:cycle|ke) thefts?\b|\bstolen (?:bi(?:cycle|ke)s?)\b/i, 'bicycle-theft'],
  [/\bvehicle crimes?\b|\bcar thefts?\b|\bthefts? (?:of|from) (?:a )?(?:motor )?vehicles?\b/i, 'vehicle-crime'],
  [/\bcriminal damage\b|\barson\b/i, 'criminal-damage-arson'],
  [/\bdrugs? offen[cs]es?\b|\bdrugs? crimes?\b/i, 'drugs'],
  [/\bviolen(?:ce|t crimes?)\b|\bassaults?\b/i, 'violent-crime'],
  [/\bpublic order\b/i, 'public-order'],
  [/\bpossession of weapons\b|\bweapons? offen[cs]es?\b/i, 'possession-of-weapons'],
  [/\banti[- ]?social behaviour\b|\basb\b/i, 'anti-social-behaviour'],
  [/\btheft from the person\b|\bpickpocket(?:ing|s)?\b/i, 'theft-from-the-person'],
];

const KIND_WORDS: ReadonlyArray<readonly [RegExp, NarrativeKind]> = [
  [/\bstop(?: and |\s*\/\s*|-)?search(?:es)?\b/i, 'stop_search'],
  [/\bintelligence(?: reports?)?\b|\bintel\b/i, 'intelligence'],
  [/\bincidents?(?: logs?)?\b/i, 'incident'],
  [/\bcrime reports?\b/i, 'crime'],
];

/** Main towns and cities, for "in Leicester" → Leicestershire Police. */
const TOWNS: Readonly<Record<string, ForceId>> = {
  leicester: 'leicestershire', loughborough: 'leicestershire', manchester: 'greater-manchester', oldham: 'greater-manchester',
  salford: 'greater-manchester', bolton: 'greater-manchester', stockport: 'greater-manchester', wigan: 'greater-manchester',
  leeds: 'west-yorkshire', bradford: 'west-yorkshire', wakefield: 'west-yorkshire', huddersfield: 'west-yorkshire',
  halifax: 'west-yorkshire', sheffield: 'south-yorkshire', doncaster: 'south-yorkshire', rotherham: 'south-yorkshire',
  barnsley: 'south-yorkshire', birmingham: 'west-midlands', coventry: 'west-midlands', wolverhampton: 'west-midlands',
  walsall: 'west-midlands', liverpool: 'merseyside', bootle: 'merseyside', london: 'metropolitan', croydon: 'metropolitan',
  cardiff: 'south-wales', swansea: 'south-wales', newport: 'gwent', bristol: 'avon-and-somerset', bath: 'avon-and-somerset',
  nottingham: 'nottinghamshire', derby: 'derbyshire', newcastle: 'northumbria', sunderland: 'northumbria',
  middlesbrough: 'cleveland', hull: 'humberside', york: 'north-yorkshire', oxford: 'thames-valley', reading: 'thames-valley',
  southampton: 'hampshire', portsmouth: 'hampshire', brighton: 'sussex', norwich: 'norfolk', ipswich: 'suffolk',
  cambridge: 'cambridgeshire', peterborough: 'cambridgeshire', exeter: 'devon-and-cornwall', plymouth: 'devon-and-cornwall',
  gloucester: 'gloucestershire', worcester: 'west-mercia', hereford: 'west-mercia', stoke: 'staffordshire',
  lincoln: 'lincolnshire', northampton: 'northamptonshire', chelmsford: 'essex', maidstone: 'kent', canterbury: 'kent',
  preston: 'lancashire', blackpool: 'lancashire', carlisle: 'cumbria', durham: 'durham', bangor: 'north-wales',
  wrexham: 'north-wales', aberystwyth: 'dyfed-powys', luton: 'bedfordshire', bedford: 'bedfordshire', chester: 'cheshire',
  warrington: 'cheshire', guildford: 'surrey', swindon: 'wiltshire', bournemouth: 'dorset', watford: 'hertfordshire',
};

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_RE = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const monthIndex = (m: string) => MONTHS.findIndex((x) => x.startsWith(m.toLowerCase().slice(0, 3)));
const iso = (d: Date) => d.toISOString().slice(0, 10);
const utc = (y: number, m: number, d = 1) => new Date(Date.UTC(y, m, d));

function forceNames(): { re: RegExp; id: ForceId }[] {
  const out: { re: RegExp; id: ForceId }[] = [];
  for (const f of FORCES) {
    const names = new Set([f.name, ...f.variants, f.id.replace(/-/g, ' ')].map((n) => n.replace(/\s+(?:Police|Constabulary)$/i, '')));
    for (const n of names) if (n.length > 2) out.push({ re: new RegExp(`\\b${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')}(?:\\s+(?:police|constabulary))?\\b`, 'i'), id: f.id });
  }
  out.push({ re: /\bthe met\b|\bmetropolitan\b/i, id: 'metropolitan' });
  return out.sort((a, b) => b.re.source.length - a.re.source.length);
}
const FORCE_RES = forceNames();

/**
 * The date relative dates are read against when the caller gives none: the first day of the month
 * after the data's latest record (`latestDate`, ISO), so "last month" is the data's latest month and
 * "this month" the one after it. Records end where their extract ends, not at today's date, so the
 * clock would make "last month" an empty month. The clock only when there is no data.
 */
export function dataAnchor(latestDate: string | null): Date {
  if (!latestDate) return new Date();
  const d = new Date(`${latestDate.slice(0, 7)}-01T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
}

/** Reads a plain-English query. `now` anchors relative dates ("last month"). */
export function parseQuery(input: string, now: Date = new Date()): ParsedQuery {
  let q = ` ${input} `;
  const understood: string[] = [];
  const take = (re: RegExp): RegExpExecArray | null => {
    const m = re.exec(q);
    if (m) q = q.slice(0, m.index) + ' ' + q.slice(m.index + m[0].length);
    return m;
  };

  const phrases: string[] = [];
  for (let m = take(/"([^"]+)"/); m; m = take(/"([^"]+)"/)) phrases.push(m[1].trim());

  // Dates.
  let from: string | undefined;
  let to: string | undefined;
  const Y = now.getUTCFullYear();
  const M = now.getUTCMonth();
  const D = now.getUTCDate();
  let m: RegExpExecArray | null;
  if ((m = take(/\b(?:in|during|from)?\s*(?:the\s+)?last\s+month\b/i))) [from, to] = [iso(utc(Y, M - 1)), iso(utc(Y, M))];
  else if ((m = take(/\b(?:in\s+)?this\s+month\b/i))) [from, to] = [iso(utc(Y, M)), iso(utc(Y, M + 1))];
  else if ((m = take(/\b(?:in\s+)?(?:the\s+)?last\s+week\b/i))) [from, to] = [iso(utc(Y, M, D - 7)), iso(utc(Y, M, D + 1))];
  else if ((m = take(/\byesterday\b/i))) [from, to] = [iso(utc(Y, M, D - 1)), iso(utc(Y, M, D))];
  else if ((m = take(/\btoday\b/i))) [from, to] = [iso(utc(Y, M, D)), iso(utc(Y, M, D + 1))];
  else if ((m = take(/\b(?:in\s+)?(?:the\s+)?last\s+year\b/i))) [from, to] = [iso(utc(Y - 1, 0)), iso(utc(Y, 0))];
  else if ((m = take(/\b(?:in\s+)?this\s+year\b/i))) [from, to] = [iso(utc(Y, 0)), iso(utc(Y + 1, 0))];
  else if ((m = take(new RegExp(`\\bbetween\\s+(${MONTH_RE})\\s+(?:and|to)\\s+(${MONTH_RE})\\s+(\\d{4})\\b`, 'i')))) {
    const y = Number(m[3]);
    [from, to] = [iso(utc(y, monthIndex(m[1]))), iso(utc(y, monthIndex(m[2]) + 1))];
  } else if ((m = take(new RegExp(`\\b(?:in|during)?\\s*(${MONTH_RE})\\s+(\\d{4})\\b`, 'i')))) {
    const y = Number(m[2]);
    [from, to] = [iso(utc(y, monthIndex(m[1]))), iso(utc(y, monthIndex(m[1]) + 1))];
  } else if ((m = take(/\b(?:in|during)\s+(\d{4})-(\d{2})\b|\b(\d{4})-(\d{2})\b/i))) {
    const y = Number(m[1] ?? m[3]);
    const mo = Number(m[2] ?? m[4]) - 1;
    [from, to] = [iso(utc(y, mo)), iso(utc(y, mo + 1))];
  } else if ((m = take(/\b(?:in|during)\s+((?:19|20)\d{2})\b/i))) [from, to] = [iso(utc(Number(m[1]), 0)), iso(utc(Number(m[1]) + 1, 0))];
  else if ((m = take(new RegExp(`\\b(?:in|during)\\s+(${MONTH_RE})\\b`, 'i')))) {
    const mi = monthIndex(m[1]);
    const y = mi <= M ? Y : Y - 1;
    [from, to] = [iso(utc(y, mi)), iso(utc(y, mi + 1))];
  }
  if ((m = take(new RegExp(`\\bsince\\s+(?:(\\d{1,2})\\s+)?(${MONTH_RE})?\\s*((?:19|20)\\d{2})\\b`, 'i')))) {
    from = iso(utc(Number(m[3]), m[2] ? monthIndex(m[2]) : 0, m[1] ? Number(m[1]) : 1));
  }
  if ((m = take(/\bbefore\s+((?:19|20)\d{2})\b/i))) to = iso(utc(Number(m[1]), 0));
  if (from || to) understood.push(`date: ${from ?? '...'} to ${to ?? '...'} (exclusive)`);

  // Categories, kinds, forces.
  const categories: string[] = [];
  const categoryWords: string[] = [];
  for (const [re, id] of CATEGORY_WORDS) {
    const c = take(re);
    if (c) {
      categories.push(id);
      categoryWords.push(...c[0].trim().toLowerCase().split(/\s+/));
    }
  }
  if (categories.length) understood.push(`category: ${categories.join(', ')}`);
  const kinds: NarrativeKind[] = [];
  for (const [re, id] of KIND_WORDS) if (take(re)) kinds.push(id);
  if (kinds.length) understood.push(`kind: ${kinds.join(', ')}`);
  const forces = new Set<string>();
  for (const { re, id } of FORCE_RES) if (take(re)) forces.add(id);
  let area: string | undefined;
  for (let t = take(/\b(?:in|near|at|around|on)\s+((?:[A-Z][a-z]+)(?:\s+[A-Z][a-z]+){0,2})\b/); t; t = take(/\b(?:in|near|at|around|on)\s+((?:[A-Z][a-z]+)(?:\s+[A-Z][a-z]+){0,2})\b/)) {
    const town = TOWNS[t[1].toLowerCase()];
    if (town) forces.add(town);
    else area = t[1];
  }
  for (const w of q.match(/\b[A-Za-z]+\b/g) ?? []) {
    const town = TOWNS[w.toLowerCase()];
    if (town && /^[A-Z]/.test(w)) {
      forces.add(town);
      take(new RegExp(`\\b${w}\\b`));
    }
  }
  if (forces.size) understood.push(`force: ${[...forces].join(', ')}`);
  if (area) understood.push(`area: ${area}`);

  // What is left are search words; "where", "was", "with" and the like are stop words later.
  const words = (q.match(/[\p{L}\p{N}'’]+\*?/gu) ?? [])
    .filter((w) => !/^(?:where|which|who|involving|involved|about|records?|reports?|mentioning|mention|show|find|me|all|any)$/i.test(w.replace(/\*$/, '')))
    .map((w) => ({ word: w.replace(/\*$/, '').toLowerCase(), prefix: w.endsWith('*') }));

  return {
    words,
    phrases,
    categoryWords,
    filters: {
      ...(forces.size ? { forces: [...forces] } : {}),
      ...(kinds.length ? { kinds } : {}),
      ...(categories.length ? { categories } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(area ? { area } : {}),
    },
    understood,
  };
}

export const KNOWN_CATEGORIES: readonly string[] = CRIME_CATEGORIES.map((c) => c.id);
export const KNOWN_KINDS: readonly string[] = NARRATIVE_KINDS;
