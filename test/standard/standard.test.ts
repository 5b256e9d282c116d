import { describe, expect, it } from 'vitest';
import {
  FORCES, TERRITORIAL_FORCE_IDS, resolveForce, resolveCrimeCategory, CURRENT_CRIME_CATEGORY_IDS,
  resolveOutcome, STOP_SEARCH_VOCABULARIES, addMonths, monthRange, monthDiff, parseMonth,
} from '../../src/standard/index.ts';

describe('force registry', () => {
  it('has the 43 territorial forces of England and Wales, each with a PFA code', () => {
    expect(TERRITORIAL_FORCE_IDS).toHaveLength(43);
    const codes = new Set(FORCES.filter((f) => f.territorial).map((f) => f.pfa));
    expect(codes.size).toBe(43);
  });
  it.each([
    ['Devon & Cornwall Police', 'devon-and-cornwall'],
    ['Devon & Cornwall', 'devon-and-cornwall'],
    ['Devon and Cornwall', 'devon-and-cornwall'],
    ['City of London Police', 'city-of-london'],
    ['London, City of', 'city-of-london'],
    ['Metropolitan Police Service', 'metropolitan'],
    ['Metropolitan Police', 'metropolitan'],
    ['British Transport Police', 'btp'],
    ['E23000036', 'avon-and-somerset'],
    ['avon-and-somerset', 'avon-and-somerset'],
  ])('resolves %s', (name, id) => expect(resolveForce(name)).toBe(id));
  it('does not guess an unknown force', () => expect(resolveForce('Atlantis Police')).toBeUndefined());
});

describe('crime categories', () => {
  it('has 14 current categories and maps the historical names', () => {
    expect(CURRENT_CRIME_CATEGORY_IDS).toHaveLength(14);
    expect(resolveCrimeCategory('Violent crime')).toBe('violent-crime');
    expect(resolveCrimeCategory('Violence and sexual offences')).toBe('violent-crime');
    expect(resolveCrimeCategory('Public disorder and weapons')).toBe('public-disorder-weapons');
    expect(resolveCrimeCategory('anti-social behaviour')).toBe('anti-social-behaviour');
    expect(resolveCrimeCategory('Burgalry')).toBeUndefined();
  });
});

describe('outcomes and stop-and-search vocabularies', () => {
  it('knows every outcome wording seen in the real street files', () => {
    for (const w of ['Unable to prosecute suspect', 'Investigation complete; no suspect identified', 'Status update unavailable',
      'Under investigation', 'Court result unavailable', 'Local resolution', 'Awaiting court outcome',
      'Formal action is not in the public interest', 'Further investigation is not in the public interest',
      'Action to be taken by another organisation', 'Offender given a caution', 'Further action is not in the public interest',
      'Offender given a drugs possession warning', 'Offender given penalty notice', 'Offender sent to prison',
      'Offender given community sentence', 'Offender fined', 'Offender given conditional discharge', 'Defendant found not guilty',
      'Offender given suspended prison sentence', 'Suspect charged as part of another case', 'Court case unable to proceed',
      'Offender otherwise dealt with', 'Offender ordered to pay compensation', 'Offender deprived of property',
      'Defendant sent to Crown Court', 'Offender given absolute discharge', 'Suspect charged']) {
      expect(resolveOutcome(w), w).toBeDefined();
    }
  });
  it('maps the older stop-and-search outcome wordings onto current codes', () => {
    const o = STOP_SEARCH_VOCABULARIES.outcome;
    expect(o.get('nothing found - no further action')).toBe('nfa');
    expect(o.get('a no further action disposal')).toBe('nfa');
    expect(o.get('suspect arrested')).toBe(o.get('arrest'));
    expect(o.get('offender given drugs possession warning')).toBe(o.get('khat or cannabis warning'));
  });
});

describe('months', () => {
  it('adds, ranges and differences months across years', () => {
    expect(addMonths('2020-11', 3)).toBe('2021-02');
    expect(addMonths('2020-01', -1)).toBe('2019-12');
    expect(monthRange('2021-11', '2022-02')).toEqual(['2021-11', '2021-12', '2022-01', '2022-02']);
    expect(monthDiff('2021-09', '2023-01')).toBe(16);
    expect(parseMonth('2020-13')).toBeUndefined();
    expect(parseMonth('2020-04-30T10:00:00+00:00')).toBe('2020-04');
  });
});
