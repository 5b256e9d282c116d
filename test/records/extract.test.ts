/**
 * extractEntities: every personal-data type in the formats officers write, the values it
 * normalises to, and the ordinary words it must leave alone. Cases are written here, not taken
 * from the labelled set, so they test the rules rather than one file's strings.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractEntities, isPersonalDataType, scoreExtraction, type ExtractedEntity } from '../../src/records/index.ts';

const find = (text: string, type?: string): ExtractedEntity[] =>
  extractEntities(text, { lexicon: true }).filter((e) => !type || e.type === type);
const texts = (text: string, type: string): string[] => find(text, type).map((e) => e.text);

describe('offsets', () => {
  it('gives JavaScript string offsets whose slice is the text, sorted and never overlapping', () => {
    const t = 'IP Jade O\'NEILL (DOB 01/02/1990) of 4 Elm Road, Leeds LS7 4DR, tel 07700 900123, reports her car AB12 CDE stolen.';
    const es = find(t);
    expect(es.length).toBeGreaterThan(5);
    for (const e of es) expect(t.slice(e.start, e.end)).toBe(e.text);
    for (let i = 1; i < es.length; i++) expect(es[i].start).toBeGreaterThanOrEqual(es[i - 1].end);
  });
});

describe('PHONE', () => {
  it('finds UK numbers in every spacing and normalises them to E.164', () => {
    const t = 'Call 07700 900417, 07700900562, 07700-900-326, +44 7700 900219, +447700900804, (01632) 960 123 or 0113-496-0419.';
    expect(find(t, 'PHONE').map((e) => e.value)).toEqual([
      '+447700900417', '+447700900562', '+447700900326', '+447700900219', '+447700900804', '+441632960123', '+441134960419',
    ]);
  });
  it('finds reserved drama-range and foreign numbers, which strict validation would reject', () => {
    expect(texts('Line number 07700 900854 and a French mobile +33 6 12 34 56 78.', 'PHONE')).toEqual(['07700 900854', '+33 6 12 34 56 78']);
    expect(find('Dialled as 0044 7700 900417 and 0033 6 12 34 56 78.', 'PHONE').map((e) => e.value)).toEqual(['+447700900417', '+33612345678']);
  });
  it('does not take times, money, sort codes or crime references for phones', () => {
    expect(find('At 2155hrs, £1,200 taken, sort code 30-94-57, log 6621/23, crime ref 0123456789.', 'PHONE')).toEqual([]);
  });
});

describe('EMAIL', () => {
  it('finds plain addresses and ones spelled out with at and dot', () => {
    const es = find('From helen.cartwright47@example.com and jo dot bloggs at example dot co dot uk today.', 'EMAIL');
    expect(es.map((e) => e.value)).toEqual(['helen.cartwright47@example.com', 'jo.bloggs@example.co.uk']);
  });
  it('does not read "at" in ordinary prose as an e-mail', () => {
    expect(find('He arrived at the station at 0900 and left at noon.', 'EMAIL')).toEqual([]);
  });
});

describe('IP_ADDRESS', () => {
  it('finds IPv4 and IPv6, and not version numbers or times', () => {
    expect(texts('Logins from 203.0.113.47, 2001:db8::1 and fe80::1ff:fe23:4567:890a; app 1.2.3; at 12:30:00.', 'IP_ADDRESS'))
      .toEqual(['203.0.113.47', '2001:db8::1', 'fe80::1ff:fe23:4567:890a']);
  });
});

describe('NI_NUMBER', () => {
  it('finds any spacing or case, normalised without spaces; a never-issued prefix is kept at lower confidence', () => {
    const es = find('NI number QQ 40 77 12 A; also AB123456C and nino qq408992a.', 'NI_NUMBER');
    expect(es.map((e) => e.value)).toEqual(['QQ407712A', 'AB123456C', 'QQ408992A']);
    expect(es[0].confidence).toBeLessThan(es[1].confidence);
  });
  it('finds a mistyped number that the text calls an NI number', () => {
    expect(texts('Gave his National Insurance number as QQ 40 771 2A.', 'NI_NUMBER')).toEqual(['QQ 40 771 2A']);
  });
});

describe('PAYMENT_CARD', () => {
  it('finds full numbers (Luhn raises confidence), masked numbers and "card ending" digits', () => {
    const t = 'Paid by card 4000 0566 5566 5556, then card 4000 0566 5566 5557, masked **** **** **** 1234, and a Monzo card ending 0005.';
    const es = find(t, 'PAYMENT_CARD');
    expect(es.map((e) => e.text)).toEqual(['4000 0566 5566 5556', '4000 0566 5566 5557', '**** **** **** 1234', '0005']);
    expect(es[0].confidence).toBeGreaterThan(es[1].confidence);
  });
  it('finds the last digits when the text says they are the card\'s', () => {
    expect(texts('The caller knew the last 4 digits of her debit card (4921).', 'PAYMENT_CARD')).toEqual(['4921']);
  });
  it('does not take a 4-digit time or amount for a card', () => {
    expect(find('Card used at 1945 for £42.10 at a shop ending its lease.', 'PAYMENT_CARD')).toEqual([]);
  });
});

describe('BANK_ACCOUNT', () => {
  it('finds sort code and account number as two entities, and an IBAN as one', () => {
    const t = 'Sent from s/c 20-41-06 a/c 63019582 to GB29 NWBK 6016 1331 9268 19, then sort code 547044 account 71733267.';
    expect(texts(t, 'BANK_ACCOUNT')).toEqual(['20-41-06', '63019582', 'GB29 NWBK 6016 1331 9268 19', '547044', '71733267']);
  });
  it('does not take a date written with hyphens for a sort code', () => {
    expect(find('Offence on 15-05-23 at the bank.', 'BANK_ACCOUNT')).toEqual([]);
  });
});

describe('ID_DOCUMENT', () => {
  it('finds passports, driving licences, PNC IDs, CRO numbers and foreign identity cards', () => {
    const t = 'Passport no 208841197, licence PATEL001174A99XK, PNC ID 98/512334K, CRO 041233/98D, Polish ID card BKK 779143.';
    expect(texts(t, 'ID_DOCUMENT')).toEqual(['208841197', 'PATEL001174A99XK', '98/512334K', '041233/98D', 'BKK 779143']);
  });
  it('does not take exhibit references or crime numbers for documents', () => {
    expect(find('Exhibit RG/1, crime 6621/23.', 'ID_DOCUMENT')).toEqual([]);
  });
});

describe('VEHICLE_REG', () => {
  it('finds current, prefix, suffix and Q plates with or without spaces, normalised', () => {
    const es = find('Seen: MA19 XKP, MA19XKP, ab12cde, R482 KLT, ABC 123D and Q123 ABC.', 'VEHICLE_REG');
    expect(es.map((e) => e.value)).toEqual(['MA19 XKP', 'MA19 XKP', 'AB12 CDE', 'R482 KLT', 'ABC 123D', 'Q123 ABC']);
  });
  it('finds partial and foreign plates that the text calls a registration or writes after the vehicle', () => {
    expect(texts('Partial VRM believed to be FY17 seen.', 'VEHICLE_REG')).toEqual(['FY17']);
    expect(texts('A black Range Rover Sport HH-SR 8122 on French plates AB-123-CD.', 'VEHICLE_REG')).toEqual(['HH-SR 8122', 'AB-123-CD']);
  });
  it('does not read the model number before a standard plate as part of it ("Peugeot 208 KS70 OFH")', () => {
    expect(find('Suspect left in a Peugeot 208 KS70 OFH towards the ring road.', 'VEHICLE_REG').map((e) => [e.text, e.value])).toEqual([['KS70 OFH', 'KS70 OFH']]);
    expect(find('Seen in a BMW 320d AB12 CDE and a Vauxhall Corsa 1.2 ab19 xyz.', 'VEHICLE_REG').map((e) => e.value)).toEqual(['AB12 CDE', 'AB19 XYZ']);
  });
  it('does not take statutes, decades or times for plates', () => {
    expect(find('Searched under s23 MDA, arrested S4 POA; male in his 60s at 0212hrs.', 'VEHICLE_REG')).toEqual([]);
  });
});

describe('POSTCODE', () => {
  it('finds full postcodes in any case, normalised with one space; not districts', () => {
    expect(find('At LS7 4DR, wc1h 9ra and SW7  3NY; linked to L20 and SE6.', 'POSTCODE').map((e) => e.value)).toEqual(['LS7 4DR', 'WC1H 9RA', 'SW7 3NY']);
  });
  it('does not take an officer\'s rank and collar number for a postcode', () => {
    expect(find('Attended by PC173SE Tilley.', 'POSTCODE')).toEqual([]);
    expect(texts('Attended by PC173SE Tilley.', 'OFFICER')).toEqual(['PC173SE Tilley']);
  });
});

describe('DATE_OF_BIRTH', () => {
  it('finds dates after a DOB anchor in any format, normalised to ISO', () => {
    const t = 'A DOB 03/09/2008, B (DOB 17.11.1994), C d.o.b. 12.03.00, D born 4th April 1979, E date of birth 07-02-1992, F DOB: 5-Jun-87.';
    expect(find(t, 'DATE_OF_BIRTH').map((e) => e.value)).toEqual(['2008-09-03', '1994-11-17', '2000-03-12', '1979-04-04', '1992-02-07', '1987-06-05']);
  });
  it('does not take offence or court dates for dates of birth', () => {
    expect(find('Offence on 14/03/2023, bailed to court 15/05/23.', 'DATE_OF_BIRTH')).toEqual([]);
  });
});

describe('ADDRESS', () => {
  it('finds numbered streets, flats, units and named houses with their town, and leaves the postcode separate', () => {
    const t = 'Lives at Flat 3, 19 Hazel Street, Leicester LE2 7JN. Unit 4, Canal Mills, Leeds Road, Bradford is used. ' +
      'Also Orchard Cottage, Mill Lane, Wokingham and 23 Heol Tasker, Ebbw Vale.';
    expect(texts(t, 'ADDRESS')).toEqual(['Flat 3, 19 Hazel Street, Leicester', 'Unit 4, Canal Mills, Leeds Road, Bradford', 'Orchard Cottage, Mill Lane, Wokingham', '23 Heol Tasker, Ebbw Vale']);
    expect(texts(t, 'POSTCODE')).toEqual(['LE2 7JN']);
  });
  it('does not take a street without a number, a shop, or counted items for an address', () => {
    expect(find('CCTV from the Co-op on Gloucester Road; 3 x bangles taken; fled along Church Street.', 'ADDRESS')).toEqual([]);
  });
});

describe('OFFICER', () => {
  it('takes rank, collar number and name as one span', () => {
    const t = 'PC 4471 Hughes, DC Patel, PCSO ADEYEMI, PC 2741CW OSEI, Supt HARGREAVES, CSI Lee MORRIS and Sgt O\'Hara attended.';
    expect(texts(t, 'OFFICER')).toEqual(['PC 4471 Hughes', 'DC Patel', 'PCSO ADEYEMI', 'PC 2741CW OSEI', 'Supt HARGREAVES', 'CSI Lee MORRIS', "Sgt O'Hara"]);
  });
  it('does not label a bare rank', () => {
    expect(find('The duty Sgt and the OIC reviewed it; CSI requested.', 'OFFICER')).toEqual([]);
  });
});

describe('PERSON', () => {
  it('finds Forename SURNAME, SURNAME, Forename, titles (outside the span) and every later mention', () => {
    const t = 'IP Margaret HOLLIS reports Kyle BRANNIGAN. Driver: WATKINS, Connor. Mrs HOLLIS upset; BRANNIGAN left; kyle returned.';
    expect(texts(t, 'PERSON')).toEqual(['Margaret HOLLIS', 'Kyle BRANNIGAN', 'WATKINS, Connor', 'HOLLIS', 'BRANNIGAN', 'kyle']);
  });
  it('finds names after roles and nicknames after "known as", not deal lines', () => {
    const t = "His son Bilal and a male known as 'Skeng' run the 'TOPBOY' line, also a line known as 'BANDO'.";
    expect(texts(t, 'PERSON')).toEqual(['Bilal', 'Skeng']);
  });
  it('finds names in ALL-CAPS records by forename, role and DOB anchor', () => {
    const t = 'MALE RHYS OWEN PRITCHARD DOB 09/10/1997 ARRESTED. DOOR SUPERVISOR GARETH LLEWELLYN PROVIDED W/S. PRITCHARD EJECTED.';
    expect(texts(t, 'PERSON')).toEqual(['RHYS OWEN PRITCHARD', 'GARETH LLEWELLYN', 'PRITCHARD']);
  });
  it('leaves ordinary words that are also names, brands, streets and places alone', () => {
    const t = 'Store detective Rachel GREEN saw a male in a green jacket with Jack Daniels and a Stone Island badge on Stanley Road in Aston. ' +
      'IP will check. No joy. GREEN has CCTV.';
    expect(texts(t, 'PERSON')).toEqual(['Rachel GREEN', 'GREEN']);
  });
  it('takes initials with the surname and names with accents', () => {
    expect(texts('Paid to J R OKAFOR and Mr Piotr Wiśniewski.', 'PERSON')).toEqual(['J R OKAFOR', 'Piotr Wiśniewski']);
  });
  it('finds names typed in lower case by gazetteer, cue or DOB anchor, and a nickname inside a name', () => {
    expect(texts('Contacted by a male calling himself tobiah okeke from a withheld number.', 'PERSON')).toEqual(['tobiah okeke']);
    expect(texts('The business is run by jack holmes d.o.b. 26.08.95 who holds the passports.', 'PERSON')).toEqual(['jack holmes']);
    expect(texts('999 call from IP nicola payne reporting damage. graham paid the fee.', 'PERSON')).toEqual(['nicola payne', 'graham']);
    expect(texts("Persons involved: Jaspal 'Nitro' AZIZ and others.", 'PERSON')).toEqual(["Jaspal 'Nitro' AZIZ"]);
  });
  it('keeps a possessive \'s outside the span', () => {
    const es = find("Victim Jade SMITH said that Jade's arm was hurt.", 'PERSON');
    expect(es.map((e) => e.text)).toEqual(['Jade SMITH', 'Jade']);
  });
});

describe('weapons and drugs', () => {
  it('are found from the lexicon on request, normalised, and never as personal data', () => {
    const t = 'Found a lock knife and 12 wraps of white powder believed cocaine; two wraps of brown; a brown jacket.';
    expect(find(t).filter((e) => e.type === 'WEAPON' || e.type === 'DRUG').map((e) => `${e.type}:${e.value}`))
      .toEqual(['WEAPON:knife', 'DRUG:cocaine', 'DRUG:heroin']);
    expect(extractEntities(t).some((e) => e.type === 'WEAPON' || e.type === 'DRUG')).toBe(false);
  });
});

describe('informal lower-case incident logs', () => {
  const recs = readFileSync(join(import.meta.dirname, 'fixtures/informal-logs.ndjson'), 'utf8').trim().split('\n')
    .map((l) => JSON.parse(l) as { record_id: string; narrative: string; entities: Array<{ start: number; end: number; type: string; text: string }> });
  it('finds people by relation and role in lower case, landlines in brackets, and addresses without postcodes, rural and Welsh (recall ≥ 0.95 on 15 labelled records)', () => {
    const score = scoreExtraction(recs.map((r) => ({ record_id: r.record_id, labelled: r.entities, found: find(r.narrative).filter((e) => isPersonalDataType(e.type)) })));
    const all = Object.values(score.perType).reduce((a, s) => ({ labelled: a.labelled + s.labelled, hit: a.hit + s.hit, found: a.found + s.found, correct: a.correct + s.correct }), { labelled: 0, hit: 0, found: 0, correct: 0 });
    expect(all.hit / all.labelled).toBeGreaterThanOrEqual(0.95);
    expect(all.correct / all.found).toBe(1);
    expect(score.perType.ADDRESS.hit).toBe(score.perType.ADDRESS.labelled);
  });
  it('takes the span of a lower-case name, a Welsh address and a named house as written', () => {
    expect(texts('caller mrs janet moorcroft rang from her landline (0113) 496 0662 about her son dean.', 'PERSON')).toEqual(['janet moorcroft', 'dean']);
    expect(texts('rp sian williams, ty gwyn, ffordd yr eglwys, llanrug, says someone tried the doors.', 'ADDRESS')).toEqual(['ty gwyn, ffordd yr eglwys, llanrug']);
    expect(texts('owner at the old forge, mill lane, casterton reports a break in.', 'ADDRESS')).toEqual(['the old forge, mill lane, casterton']);
  });
  it('leaves descriptions alone: "in the house", "audible from street", "neighbour dispute", "4 off road bikes"', () => {
    expect(find('children in the house, asleep. music audible from street, spoke to the neighbour. neighbour dispute. calls re 4 off road bikes.').filter((e) => e.type === 'ADDRESS' || e.type === 'PERSON')).toEqual([]);
  });
});
