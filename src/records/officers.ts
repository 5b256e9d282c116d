/**
 * Officers in police narratives: a rank (PC, DS, Sergeant, Detective Inspector...) with a collar
 * number and/or the name after it (`PC 4512 Jane SMITH`, `PC VAN DER BERG 83143`).
 */
import type { Candidate } from './entity.ts';
import { cand } from './candidate.ts';
import { FORENAMES, SURNAMES } from './names.ts';
import { PARTICLES, PLACE_WORDS, RANK_WORDS, capsWordish, isCommon, wordFlags } from './person-words.ts';

const RANK = String.raw`(?:PCSO|WPC|PC|SC|PS|Sgt|SGT|DC|DS|DI|DCI|DSI|DSU|DCS|TDC|A\/Sgt|A\/PS|A\/Insp|Supt|SUPT|Ch\.?\s?Supt|Det\.?\s?Supt|Det\.?\s?Sgt|Det\.?\s?Con|Insp|INSP|Ch\.?\s?Insp|CI|CSI|SOCO|Sergeant|SERGEANT|Constable|CONSTABLE|Inspector|INSPECTOR|Superintendent|SUPERINTENDENT|Detective\s(?:Constable|Sergeant|Inspector|Chief\sInspector|Superintendent)|Chief\s(?:Inspector|Superintendent)|Special\sConstable|Police\sConstable|Police\sSergeant)`;
const OFFICER = new RegExp(String.raw`(?<![\w/])${RANK}(?:\s?(\d{2,6}[A-Z]{0,2}))?(?![\w/])`, 'g');
const NAME_WORD = /^\s+(?:((?:Mc|Mac|O['’])?\p{Lu}[\p{L}'’]*(?:-\p{Lu}[\p{L}'’]*)*)|(\p{Lu}\.?))(?![\p{L}\d])/u;

export function findOfficers(text: string, capsText: boolean): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(OFFICER)) {
    let end = m.index + m[0].length;
    let names = 0;
    let prevForename = true;
    let collar = m[1];
    while (names < 4 && prevForename) {
      const nm = NAME_WORD.exec(text.slice(end, end + 40));
      if (!nm) break;
      let word = nm[1] ?? nm[2];
      const initial = nm[2] !== undefined;
      if (word.length > 3 && /['’][sS]$/.test(word)) word = word.slice(0, -2);
      const key = word.toLowerCase().replace(/[.'’]/g, '');
      const known = FORENAMES.has(key) || SURNAMES.has(key);
      if (!known && !PARTICLES.has(key) && (isCommon(key) || RANK_WORDS.has(key))) break;
      if (capsText && !known && capsWordish({ s: word, start: 0, end: 0, key, shape: 'upper', f: wordFlags(key) })) break;
      if (PLACE_WORDS.has(key) && names > 0) break;
      end += nm[0].length - (nm[0].trimStart().length - word.length);
      names++;
      // Continue after a forename, an initial, a particle ("VAN DER BERG"), or a capitalised word
      // followed by an ALL-CAPS surname ("CSI Owain REID").
      const nextUpper = /^\s+(?:Mc)?\p{Lu}{2,}\b/u.test(text.slice(end, end + 20));
      prevForename = initial || FORENAMES.has(key) || PARTICLES.has(key) || (!capsText && /\p{Ll}/u.test(word) && nextUpper);
      if (names === 1 && /^[A-Z]{2,}$/.test(word) && !capsText && !PARTICLES.has(key)) break;
    }
    // A collar number written after the name: "PC VAN DER BERG 83143".
    const late = !collar && names ? /^\s+(\d{3,6}[A-Z]{0,2})(?![\w/])/.exec(text.slice(end, end + 12)) : null;
    if (late) {
      end += late[0].length;
      collar = late[1];
    }
    if (!collar && names === 0) continue;
    const t = text.slice(m.index, end);
    out.push(cand('OFFICER', m.index, t, t.toUpperCase().replace(/\s+/g, ' '), names ? 0.9 : 0.75));
  }
  return out;
}

// ---------------------------------------------------------------- members of the public
