/**
 * data.police.uk outcome categories (street files' `Last outcome category`, outcomes files'
 * `Outcome type`), as codes with their published wording and an outcome group.
 *
 * Groups: `pending` (not yet known), `no_further_action`, `out_of_court` (caution, penalty,
 * community resolution...), `charged` (charge or summons, court pending), `court` (a court result),
 * `unavailable` (the force could not provide one), `other_agency`.
 */
export const OUTCOME_GROUPS = ['pending', 'no_further_action', 'out_of_court', 'charged', 'court', 'unavailable', 'other_agency'] as const;
export type OutcomeGroup = (typeof OUTCOME_GROUPS)[number];

export const OUTCOMES = [
  { id: 'under-investigation', name: 'Under investigation', group: 'pending' },
  { id: 'awaiting-court-result', name: 'Awaiting court outcome', group: 'charged' },
  { id: 'status-update-unavailable', name: 'Status update unavailable', group: 'unavailable' },
  { id: 'court-result-unavailable', name: 'Court result unavailable', group: 'unavailable' },
  { id: 'no-further-action', name: 'Investigation complete; no suspect identified', group: 'no_further_action' },
  { id: 'unable-to-prosecute', name: 'Unable to prosecute suspect', group: 'no_further_action' },
  { id: 'formal-action-not-in-public-interest', name: 'Formal action is not in the public interest', group: 'no_further_action' },
  { id: 'further-investigation-not-in-public-interest', name: 'Further investigation is not in the public interest', group: 'no_further_action' },
  { id: 'further-action-not-in-public-interest', name: 'Further action is not in the public interest', group: 'no_further_action' },
  { id: 'action-taken-by-another-organisation', name: 'Action to be taken by another organisation', group: 'other_agency' },
  { id: 'local-resolution', name: 'Local resolution', group: 'out_of_court' },
  { id: 'offender-given-caution', name: 'Offender given a caution', group: 'out_of_court' },
  { id: 'offender-given-drugs-possession-warning', name: 'Offender given a drugs possession warning', group: 'out_of_court' },
  { id: 'offender-given-penalty-notice', name: 'Offender given penalty notice', group: 'out_of_court' },
  { id: 'suspect-charged', name: 'Suspect charged', group: 'charged' },
  { id: 'suspect-charged-part-of-another-case', name: 'Suspect charged as part of another case', group: 'charged' },
  { id: 'defendant-sent-to-crown-court', name: 'Defendant sent to Crown Court', group: 'charged' },
  { id: 'court-case-unable-to-proceed', name: 'Court case unable to proceed', group: 'court' },
  { id: 'defendant-found-not-guilty', name: 'Defendant found not guilty', group: 'court' },
  { id: 'offender-sent-to-prison', name: 'Offender sent to prison', group: 'court' },
  { id: 'offender-given-suspended-prison-sentence', name: 'Offender given suspended prison sentence', group: 'court' },
  { id: 'offender-given-community-sentence', name: 'Offender given community sentence', group: 'court' },
  { id: 'offender-fined', name: 'Offender fined', group: 'court' },
  { id: 'offender-given-conditional-discharge', name: 'Offender given conditional discharge', group: 'court' },
  { id: 'offender-given-absolute-discharge', name: 'Offender given absolute discharge', group: 'court' },
  { id: 'offender-ordered-to-pay-compensation', name: 'Offender ordered to pay compensation', group: 'court' },
  { id: 'offender-deprived-of-property', name: 'Offender deprived of property', group: 'court' },
  { id: 'offender-otherwise-dealt-with', name: 'Offender otherwise dealt with', group: 'court' },
  { id: 'offender-given-warning', name: 'Offender given a warning', group: 'out_of_court' },
] as const satisfies ReadonlyArray<{ id: string; name: string; group: OutcomeGroup }>;

export type OutcomeCategory = (typeof OUTCOMES)[number]['id'];
export const OUTCOME_IDS: readonly OutcomeCategory[] = OUTCOMES.map((o) => o.id);

/** Older or alternative wordings seen in published files. */
const OUTCOME_VARIANTS: Readonly<Record<string, OutcomeCategory>> = {
  'awaiting court result': 'awaiting-court-result',
  'no further action': 'no-further-action',
  'suspect charged - part of another case': 'suspect-charged-part-of-another-case',
  'offender cautioned': 'offender-given-caution',
  'offender given a penalty notice': 'offender-given-penalty-notice',
};

const byName = new Map<string, OutcomeCategory>();
for (const o of OUTCOMES) {
  byName.set(o.name.toLowerCase(), o.id);
  byName.set(o.id, o.id);
}
for (const [k, v] of Object.entries(OUTCOME_VARIANTS)) byName.set(k, v);

/** The outcome code for a file's outcome wording (any case); undefined when unknown. */
export function resolveOutcome(name: string): OutcomeCategory | undefined {
  return byName.get(name.trim().toLowerCase().replace(/\s+/g, ' '));
}

export function outcomeGroup(id: OutcomeCategory): OutcomeGroup {
  return OUTCOMES.find((o) => o.id === id)!.group;
}

export function outcomeNameTable(): ReadonlyArray<readonly [string, OutcomeCategory]> {
  return [...byName.entries()];
}
