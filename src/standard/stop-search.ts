/**
 * Stop-and-search vocabularies of the national standard, version 1, as published by
 * data.police.uk (15-column monthly files), including the older wordings (2017–18) mapped onto
 * current codes. Empty values are allowed for every field except `type` and `date`.
 */
export const SEARCH_TYPES = [
  { id: 'person', name: 'Person search' },
  { id: 'vehicle', name: 'Vehicle search' },
  { id: 'person-and-vehicle', name: 'Person and Vehicle search' },
] as const;
export type SearchType = (typeof SEARCH_TYPES)[number]['id'];

export const SEARCH_LEGISLATION = [
  { id: 'pace-s1', name: 'Police and Criminal Evidence Act 1984 (section 1)' },
  { id: 'pace-s6', name: 'Police and Criminal Evidence Act 1984 (section 6)' },
  { id: 'misuse-of-drugs-s23', name: 'Misuse of Drugs Act 1971 (section 23)' },
  { id: 'firearms-s47', name: 'Firearms Act 1968 (section 47)' },
  { id: 'cjpoa-s60', name: 'Criminal Justice and Public Order Act 1994 (section 60)' },
  { id: 'terrorism-s43', name: 'Terrorism Act 2000 (section 43)' },
  { id: 'terrorism-s43a', name: 'Terrorism Act 2000 (section 43A)' },
  { id: 'terrorism-s47a', name: 'Terrorism Act 2000 (section 47A)' },
  { id: 'psychoactive-s36', name: 'Psychoactive Substances Act 2016 (s36(2))' },
  { id: 'psychoactive-s37', name: 'Psychoactive Substances Act 2016 (s37(2))' },
  { id: 'poaching-s4', name: 'Poaching Prevention Act 1862 (section 2)' },
  { id: 'wildlife-s19', name: 'Wildlife and Countryside Act 1981 (section 19)' },
  { id: 'aviation-s27', name: 'Aviation Security Act 1982 (section 27(1))' },
  { id: 'crossbows-s4', name: 'Crossbows Act 1987 (section 4)' },
  { id: 'customs-s163', name: 'Customs and Excise Management Act 1979 (section 163)' },
  { id: 'sporting-events-s7', name: 'Sporting Events (Control of Alcohol etc.) Act 1985 (section 7)' },
  { id: 'public-stores-s6', name: 'Public Stores Act 1875 (section 6)' },
  { id: 'deer-s12', name: 'Deer Act 1991 (section 12)' },
  { id: 'conservation-seals-s4', name: 'Conservation of Seals Act 1970 (section 4)' },
  { id: 'protection-of-badgers-s11', name: 'Protection of Badgers Act 1992 (section 11)' },
  { id: 'hunting-act-sch3', name: 'Hunting Act 2004 (schedule 3)' },
  { id: 'police-act-s139b', name: 'Criminal Justice Act 1988 (section 139B)' },
  { id: 'public-order-s60aa', name: 'Criminal Justice and Public Order Act 1994 (section 60AA)' },
  { id: 'serious-violence-sro', name: 'Police, Crime, Sentencing and Courts Act 2022 (section 342E)' },
] as const;
export type SearchLegislation = (typeof SEARCH_LEGISLATION)[number]['id'];

export const SEARCH_OBJECTS = [
  { id: 'controlled-drugs', name: 'Controlled drugs' },
  { id: 'offensive-weapons', name: 'Offensive weapons' },
  { id: 'stolen-goods', name: 'Stolen goods' },
  { id: 'article-for-use-in-theft', name: 'Article for use in theft' },
  { id: 'articles-for-criminal-damage', name: 'Articles for use in criminal damage' },
  { id: 'evidence-of-offences', name: 'Evidence of offences under the Act' },
  { id: 'anything-to-threaten-or-harm', name: 'Anything to threaten or harm anyone' },
  { id: 'firearms', name: 'Firearms' },
  { id: 'fireworks', name: 'Fireworks' },
  { id: 'psychoactive-substances', name: 'Psychoactive substances' },
  { id: 'crossbows', name: 'Crossbows' },
  { id: 'game-or-poaching-equipment', name: 'Game or poaching equipment' },
  { id: 'evidence-of-wildlife-offences', name: 'Evidence of wildlife offences' },
  { id: 'detailed-object-unknown', name: 'Detailed object of search unavailable' },
  { id: 'goods-on-which-duty-unpaid', name: 'Goods on which duty has not been paid etc.' },
  { id: 'seals-or-hunting-equipment', name: 'Seals or hunting equipment' },
  { id: 'terrorism', name: 'Articles in connection with terrorism' },
] as const;
export type SearchObject = (typeof SEARCH_OBJECTS)[number]['id'];

/**
 * Search outcomes. The 2017–18 wordings map onto today's codes: `Nothing found - no further
 * action` → `nfa`, `Suspect arrested` → `arrest`, `Offender given drugs possession warning` →
 * `drugs-warning`, `Suspect summonsed to court` → `summons`, `Offender cautioned` → `caution`,
 * `Offender given penalty notice` → `penalty-notice`.
 */
export const SEARCH_OUTCOMES = [
  { id: 'nfa', name: 'A no further action disposal', found: false },
  { id: 'arrest', name: 'Arrest', found: true },
  { id: 'drugs-warning', name: 'Khat or Cannabis warning', found: true },
  { id: 'community-resolution', name: 'Community resolution', found: true },
  { id: 'penalty-notice', name: 'Penalty Notice for Disorder', found: true },
  { id: 'summons', name: 'Summons / charged by post', found: true },
  { id: 'caution', name: 'Caution (simple or conditional)', found: true },
  { id: 'local-resolution', name: 'Local resolution', found: true },
] as const;
export type SearchOutcome = (typeof SEARCH_OUTCOMES)[number]['id'];

const SEARCH_OUTCOME_VARIANTS: Readonly<Record<string, SearchOutcome>> = {
  'nothing found - no further action': 'nfa',
  'suspect arrested': 'arrest',
  'offender given drugs possession warning': 'drugs-warning',
  'suspect summonsed to court': 'summons',
  'offender cautioned': 'caution',
  'offender given penalty notice': 'penalty-notice',
  'article found - detailed outcome unavailable': 'local-resolution',
};

export const AGE_RANGES = ['under 10', '10-17', '18-24', '25-34', 'over 34'] as const;
export type AgeRange = (typeof AGE_RANGES)[number];

export const GENDERS = ['Male', 'Female', 'Other'] as const;
export type Gender = (typeof GENDERS)[number];

export const OFFICER_DEFINED_ETHNICITIES = ['White', 'Black', 'Asian', 'Mixed', 'Other'] as const;
export type OfficerDefinedEthnicity = (typeof OFFICER_DEFINED_ETHNICITIES)[number];

/** The 2011 census 18+1 self-defined ethnicity classification, as worded in the files. */
export const SELF_DEFINED_ETHNICITIES = [
  'White - English/Welsh/Scottish/Northern Irish/British',
  'White - Irish',
  'White - Gypsy or Irish Traveller',
  'White - Any other White background',
  'Mixed/Multiple ethnic groups - White and Black Caribbean',
  'Mixed/Multiple ethnic groups - White and Black African',
  'Mixed/Multiple ethnic groups - White and Asian',
  'Mixed/Multiple ethnic groups - Any other Mixed/Multiple ethnic background',
  'Asian/Asian British - Indian',
  'Asian/Asian British - Pakistani',
  'Asian/Asian British - Bangladeshi',
  'Asian/Asian British - Chinese',
  'Asian/Asian British - Any other Asian background',
  'Black/African/Caribbean/Black British - African',
  'Black/African/Caribbean/Black British - Caribbean',
  'Black/African/Caribbean/Black British - Any other Black/African/Caribbean background',
  'Other ethnic group - Arab',
  'Other ethnic group - Any other ethnic group',
  'Other ethnic group - Not stated',
] as const;
export type SelfDefinedEthnicity = (typeof SELF_DEFINED_ETHNICITIES)[number];

function table<T extends string>(rows: ReadonlyArray<{ id: T; name: string }>, variants: Readonly<Record<string, T>> = {}) {
  const m = new Map<string, T>();
  for (const r of rows) {
    m.set(r.name.toLowerCase(), r.id);
    m.set(r.id, r.id);
  }
  for (const [k, v] of Object.entries(variants)) m.set(k, v);
  return m;
}

/** Name → code tables (lower-cased keys) used by the stop-and-search reader and SQL joins. */
export const STOP_SEARCH_VOCABULARIES = {
  type: table(SEARCH_TYPES),
  legislation: table(SEARCH_LEGISLATION),
  object_of_search: table(SEARCH_OBJECTS),
  outcome: table(SEARCH_OUTCOMES, SEARCH_OUTCOME_VARIANTS),
  age_range: table(AGE_RANGES.map((a) => ({ id: a, name: a }))),
  gender: table(GENDERS.map((a) => ({ id: a, name: a }))),
  officer_defined_ethnicity: table(OFFICER_DEFINED_ETHNICITIES.map((a) => ({ id: a, name: a }))),
  self_defined_ethnicity: table(SELF_DEFINED_ETHNICITIES.map((a) => ({ id: a, name: a }))),
} as const;
export type StopSearchVocabulary = keyof typeof STOP_SEARCH_VOCABULARIES;
