/**
 * Weapons and drugs named in records, found by lexicon so an investigator can ask "which records
 * mention a machete" and the entity pages can list objects. Terms are matched as whole words,
 * case-insensitively; each maps to a normalised term (street names to the drug they mean).
 * These are objects of interest, not personal data: they are never redacted.
 */
export const LEXICON_TYPES = ['WEAPON', 'DRUG'] as const;
export type LexiconType = (typeof LEXICON_TYPES)[number];

/** term as written → normalised term. */
export const WEAPON_TERMS: Readonly<Record<string, string>> = {
  knife: 'knife', knives: 'knife', 'kitchen knife': 'knife', 'lock knife': 'knife', 'flick knife': 'knife',
  'zombie knife': 'zombie knife', 'zombie-style knives': 'zombie knife', blade: 'bladed article',
  'bladed article': 'bladed article', machete: 'machete', machetes: 'machete', sword: 'sword', 'samurai sword': 'sword',
  screwdriver: 'screwdriver', hammer: 'hammer', 'claw hammer': 'hammer', axe: 'axe', bat: 'bat', 'baseball bat': 'bat',
  crowbar: 'crowbar', 'knuckle duster': 'knuckle duster', knuckleduster: 'knuckle duster', firearm: 'firearm',
  firearms: 'firearm', gun: 'firearm', handgun: 'firearm', pistol: 'firearm', revolver: 'firearm', shotgun: 'shotgun',
  rifle: 'rifle', 'air rifle': 'air weapon', 'air pistol': 'air weapon', 'bb gun': 'air weapon', taser: 'taser',
  'stun gun': 'taser', 'cs spray': 'noxious spray', 'pepper spray': 'noxious spray', 'acid': 'corrosive substance',
  'corrosive substance': 'corrosive substance', ammunition: 'ammunition', 'pint glass': 'glass', 'glass bottle': 'bottle',
  'broken bottle': 'bottle', shank: 'knife', 'lock-knife': 'knife', cleaver: 'knife', dagger: 'knife',
};

export const DRUG_TERMS: Readonly<Record<string, string>> = {
  cannabis: 'cannabis', weed: 'cannabis', skunk: 'cannabis', 'herbal substance': 'cannabis', marijuana: 'cannabis',
  cocaine: 'cocaine', coke: 'cocaine', 'crack cocaine': 'crack cocaine', crack: 'crack cocaine', heroin: 'heroin',
  brown: 'heroin', smack: 'heroin', mdma: 'mdma', ecstasy: 'mdma', ketamine: 'ketamine', amphetamine: 'amphetamine',
  speed: 'amphetamine', spice: 'synthetic cannabinoid', 'nitrous oxide': 'nitrous oxide', lsd: 'lsd',
  methamphetamine: 'methamphetamine', 'crystal meth': 'methamphetamine', diazepam: 'diazepam', xanax: 'alprazolam',
  methadone: 'methadone', fentanyl: 'fentanyl', 'class a': 'class a', 'class b': 'class b',
};

/** Terms whose ordinary sense dominates; found only next to a drug cue ("wraps of", "deal of"). */
export const AMBIGUOUS_DRUG_TERMS: ReadonlySet<string> = new Set(['brown', 'speed', 'crack', 'coke', 'spice', 'weed']);
