/**
 * Crime series: one offender (or team) committing several crimes the same way, close together in
 * space and time, some of them across a force border — the truth a crime-linkage method
 * (comparative case analysis) is scored against.
 *
 * A series has a signature drawn once (how entry is gained, what is taken, the vehicle used, the
 * tools, the time of day, the victims chosen) and every crime of the series is written from it in
 * varied words, with now and then one element left out, as different officers would write the same
 * method. Crimes fall within a few kilometres of the series' centre (for a cross-border series, a
 * point between two neighbouring forces) over 10 to 56 days, at hours in the signature's band.
 *
 * Planned from its own random stream, after every other planted truth, so adding series leaves the
 * other planted truth of a seed unchanged.
 */
import type { CrimeCategory, ForceId } from '../../standard/index.ts';
import type { Ctx, Place } from './ctx.ts';
import type { Rng } from './rng.ts';
import type { Scenario } from './scenarios.ts';

/** One planted series as truth.json carries it (`narratives.series`). */
export interface CrimeSeriesTruth {
  series_id: string;
  /** Record ids as in the narratives files, in time order. */
  record_ids: string[];
  forces: ForceId[];
  category: CrimeCategory;
  /** The shared method in words. */
  description: string;
  first_seen: string;
  last_seen: string;
}

/** A crime of a planted series, as the planner places it. */
export interface SeriesCrime {
  readonly force: ForceId;
  readonly month: number;
  /** `YYYY-MM-DDTHH:MM:00Z`. */
  readonly occurred: string;
  readonly place: Place;
  readonly scenario: Scenario;
}

export interface PlannedSeries {
  readonly truth: Omit<CrimeSeriesTruth, 'record_ids'>;
  readonly crimes: readonly SeriesCrime[];
}

type Band = 'night' | 'morning' | 'afternoon' | 'evening';
const BAND_HOURS: Record<Band, readonly number[]> = {
  night: [0, 1, 2, 3, 4, 5], morning: [7, 8, 9, 10, 11], afternoon: [12, 13, 14, 15, 16, 17], evening: [18, 19, 20, 21, 22, 23],
};

/** Ways of writing one signature element; one is picked per record. */
type Phrases = readonly string[];

interface Signature {
  readonly template: Template['id'];
  readonly band: Band;
  readonly entry: Phrases;
  readonly approach: Phrases;
  readonly tools: Phrases;
  readonly property: readonly Phrases[];
  readonly vehicle: Phrases;
  readonly victim: Phrases;
  readonly words: string;
}

interface Template {
  readonly id: 'burglary-dwelling' | 'distraction-burglary' | 'vehicle-keyless' | 'van-tools' | 'robbery-two-wheeler' | 'business-burglary';
  readonly category: CrimeCategory;
  readonly weight: number;
  readonly bands: readonly Band[];
  sign(rng: Rng): Signature;
}

const COLOURS = [['white', 'white'], ['silver', 'silver'], ['grey', 'silver'], ['black', 'dark'], ['dark blue', 'dark'], ['red', 'coloured'], ['blue', 'coloured']] as const;
const VEHICLES = {
  van: ['Transit van', 'Ford Transit', 'van', 'transit type van', 'Vauxhall Vivaro van'],
  hatchback: ['hatchback', 'Ford Fiesta', 'VW Golf', 'Vauxhall Corsa', 'small hatchback'],
  suv: ['4x4', 'Range Rover', 'SUV', 'Nissan Qashqai'],
  saloon_estate: ['saloon', 'estate car', 'Skoda Octavia', 'VW Passat'],
} as const;

function offenderVehicle(rng: Rng, p = 0.7): Phrases {
  if (!rng.chance(p)) return [];
  const [colour] = rng.pick(COLOURS);
  const type = rng.pick(['van', 'van', 'hatchback', 'suv', 'saloon_estate'] as const);
  const names = rng.sample(VEHICLES[type], 3);
  return names.map((n) => `${colour} ${n}`);
}

const PROPERTY: Readonly<Record<string, Phrases>> = {
  jewellery: ['gold jewellery', 'jewellery', 'rings and necklaces', 'a jewellery box', 'watches and jewellery'],
  cash: ['cash', 'a quantity of cash', 'cash from a drawer', 'money'],
  electronics: ['a laptop', 'an iPad', 'laptops and tablets', 'a games console'],
  car_keys: ['car keys', 'the car keys', 'vehicle keys'],
  bag_wallet: ['a handbag', 'a purse', 'a wallet'],
};

const ENTRIES: readonly Phrases[] = [
  ['rear door lock snapped', 'the euro cylinder on the back door snapped', 'lock on the rear door snapped', 'rear door - lock snapping'],
  ['front door lock snapped', 'euro cylinder lock on the front door snapped', 'front door cylinder snapped'],
  ['patio doors forced', 'pry marks to the patio door, forced open', 'patio door jemmied', 'patio doors levered open'],
  ['rear kitchen window smashed', 'ground floor window smashed', 'glass to a rear window broken', 'back window smashed'],
  ['entry via an insecure rear window', 'ground floor window left open, entry through it', 'insecure back window used for entry'],
  ['back door forced', 'rear door forced with a crowbar', 'kitchen door forced open', 'rear door kicked in'],
  ['garage padlock cut', 'padlock on the garage cut off', 'garage side door forced, padlock cut'],
];

function band(rng: Rng, t: Pick<Template, 'bands'>): Band { return rng.pick(t.bands); }

const TEMPLATES: readonly Template[] = [
  {
    id: 'burglary-dwelling', category: 'burglary', weight: 5, bands: ['night', 'evening', 'afternoon', 'morning'],
    sign(rng) {
      const entry = rng.pick(ENTRIES);
      const props = rng.sample(Object.keys(PROPERTY), rng.range(1, 2));
      const tools = rng.chance(0.7) ? rng.pick([['a screwdriver', 'a flat bladed screwdriver'], ['a crowbar', 'a jemmy'], ['a claw hammer', 'a hammer']] as const) : [];
      const b = band(rng, this);
      const vehicle = offenderVehicle(rng, 0.85);
      return {
        template: this.id, band: b, entry, approach: [], tools, property: props.map((p) => PROPERTY[p]), vehicle, victim: [],
        words: `dwelling burglaries at ${b}: ${entry[0]}; ${props.join(' and ').replace('_', ' ')} taken${vehicle.length ? `; ${vehicle[0]} seen` : ''}`,
      };
    },
  },
  {
    id: 'distraction-burglary', category: 'burglary', weight: 3, bands: ['morning', 'afternoon'],
    sign(rng) {
      const pose = rng.pick([
        ['claiming to be from the water board', 'posing as water board staff', 'saying he was from the water company checking the pipes'],
        ['claiming to be from the council', 'posing as a council officer', 'pretending to be from the council housing team'],
        ['claiming to be from the gas board', 'posing as a gas engineer checking the meter', 'saying he was from the gas company'],
        ['offering to fix loose roof tiles', 'a cold caller offering to repair the roof', 'bogus roofer offering to fix the guttering'],
      ] as const);
      const props = rng.sample(['cash', 'jewellery', 'bag_wallet'], rng.range(1, 2));
      const b = band(rng, this);
      const vehicle = offenderVehicle(rng, 0.6);
      return {
        template: this.id, band: b, entry: ['let him in', 'she let the male in', 'allowed him in'], approach: pose,
        tools: [], property: props.map((p) => PROPERTY[p]), vehicle, victim: ['elderly', 'lives alone', 'vulnerable'],
        words: `distraction burglaries of elderly people by a caller ${pose[0]}; ${props.join(' and ').replace('_', ' ')} taken`,
      };
    },
  },
  {
    id: 'vehicle-keyless', category: 'vehicle-crime', weight: 2, bands: ['night'],
    sign(rng) {
      const car = rng.pick([['Range Rover Sport', 'Range Rover'], ['BMW X5', 'X5'], ['Lexus RX450h', 'Lexus RX'], ['Mercedes GLC', 'GLC']] as const);
      const vehicle = offenderVehicle(rng, 0.6);
      return {
        template: this.id, band: 'night', entry: ['keyless relay', 'using a relay device on the key fob signal', 'keyless theft - signal relayed from the house'],
        approach: [], tools: ['a relay device', 'a signal booster', 'a device held to the front door'],
        property: [[`${car[0]} stolen from the driveway`, `${car[1]} taken from the drive`, `${car[0]} stolen from outside`]], vehicle, victim: [],
        words: `keyless relay thefts of ${car[0]}s from driveways overnight`,
      };
    },
  },
  {
    id: 'van-tools', category: 'vehicle-crime', weight: 2, bands: ['night'],
    sign(rng) {
      const entry = rng.pick([
        ['lock punched on the side door', 'side door lock punched', 'lock punched'],
        ['side panel peeled back', 'roof peeled on the van', 'door peeled'],
        ['rear doors of the van forced', 'van rear doors forced with a crowbar', 'rear van doors forced'],
      ] as const);
      return {
        template: this.id, band: 'night', entry, approach: [], tools: entry[0].includes('crowbar') ? ['a crowbar'] : ['a screwdriver'],
        property: [['power tools', 'Makita and DeWalt tools', 'tools']], vehicle: offenderVehicle(rng, 0.6), victim: ['tradesman', 'self employed builder'],
        words: `thefts of tools from tradesmen's vans overnight: ${entry[0]}`,
      };
    },
  },
  {
    id: 'robbery-two-wheeler', category: 'robbery', weight: 3, bands: ['evening', 'afternoon', 'night'],
    sign(rng) {
      const how = rng.pick([['on a moped', 'riding a moped', 'on a black moped'], ['on e-bikes', 'on an e-bike', 'riding electric bikes'], ['on pushbikes', 'on push bikes', 'on bicycles']] as const);
      const weapon = rng.pick([['a knife', 'a large kitchen knife', 'a machete'], ['what looked like a handgun', 'a gun', 'an imitation firearm'], []] as const);
      const props = rng.pick([[['phone', 'mobile phone', 'iPhone']], [['handbag', 'bag'], ['phone', 'mobile phone']], [['wallet'], ['phone', 'iPhone']]] as const);
      const victim = rng.pick([['lone female', 'woman walking alone'], ['student', 'university student'], ['aged 15', 'schoolboy', 'juvenile']] as const);
      return {
        template: this.id, band: band(rng, this), entry: [], approach: how, tools: weapon, property: props, vehicle: [], victim,
        words: `street robberies by offenders ${how[0]}${weapon.length ? ` with ${weapon[0]}` : ''} targeting a ${victim[0]}`,
      };
    },
  },
  {
    id: 'business-burglary', category: 'burglary', weight: 2, bands: ['night'],
    sign(rng) {
      const entry = rng.pick([['front shutter cut', 'roller shutter cut open', 'metal shutter cut through'], ['entry through the roof', 'hole made in the roof', 'roof tiles removed for entry'], ['rear fire door forced', 'fire door at the rear forced', 'rear fire door levered open']] as const);
      const tools = rng.pick([['an angle grinder', 'a disc cutter', 'a battery angle grinder'], ['a crowbar', 'a jemmy'], ['bolt croppers', 'bolt cutters']] as const);
      const props = rng.pick([[['cigarettes and tobacco', 'tobacco', 'cigarettes'], ['cash from the till', 'the till']], [['vapes and stock', 'stock'], ['cash', 'takings']], [['power tools', 'tool stock']]] as const);
      const vehicle = offenderVehicle(rng, 0.75);
      return {
        template: this.id, band: 'night', entry, approach: [], tools, property: props, vehicle, victim: ['key holder', 'keyholder'],
        words: `night-time commercial burglaries: ${entry[0]} using ${tools[0]}, ${props.map((p) => p[0]).join(' and ')} taken`,
      };
    },
  },
];

const TEMPLATE_TABLE = (() => { let t = 0; return TEMPLATES.map((x) => (t += x.weight)); })();

/** Writes one crime of a series from its signature: varied words, each element now and then left out. */
function seriesScenario(sig: Signature, category: CrimeCategory): Scenario {
  const say = (c: Ctx, p: Phrases, keep = 0.88): string | null => (p.length > 0 && c.rng.chance(keep) ? c.pick(p) : null);
  const list = (c: Ctx): string => {
    const items = sig.property.map((p) => say(c, p, 0.9)).filter((x): x is string => x !== null);
    return items.length === 0 ? 'property' : items.length === 1 ? items[0] : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
  };
  return {
    id: `series-${sig.template}`, kind: 'crime', category, weight: 0, suspect: false,
    location: (c) => sig.template === 'robbery-two-wheeler' ? `On or near ${c.place.street}, ${c.place.town}`
      : sig.template === 'business-burglary' ? `Commercial premises, ${c.place.street}, ${c.place.town}` : `Residential address, ${c.place.town}`,
    write(c) {
      const ip = c.person({ minAge: sig.template === 'distraction-burglary' ? 72 : 20, maxAge: sig.template === 'distraction-burglary' ? 94 : 70, female: sig.victim.includes('lone female') ? true : undefined });
      const o = c.officer({ rank: c.pick(['DC', 'PC']) });
      const entry = say(c, sig.entry, 0.92), tools = say(c, sig.tools, 0.85), vehicle = say(c, sig.vehicle, 0.85), approach = say(c, sig.approach, 0.92), victim = say(c, sig.victim, 0.8);
      switch (sig.template) {
        case 'burglary-dwelling':
          c.one('Burglary dwelling. ', 'Res burglary. ', 'BURGLARY - RESIDENTIAL. ', 'Burglary. ');
          c.t('IP ').full(ip).one(' returned home to ', ' reports that ', ' woke to find ').address({ here: true }).t(' had been entered');
          c.t(entry ? ` - ${entry}` : '').t(tools ? `, marks consistent with ${tools}` : '').t('. ');
          c.t(`${list(c)} taken`).one('.', ' from the bedroom.', ', rooms searched.');
          if (vehicle) c.one(' Neighbour saw a ', ' Doorbell footage shows a ', ' A ').t(`${vehicle} `).one('parked nearby.', 'leaving at speed.', 'seen in the street around the time.');
          break;
        case 'distraction-burglary':
          c.one('Distraction burglary. ', 'Burglary dwelling - distraction. ', 'Bogus caller burglary. ');
          c.t('IP ').full(ip).age(ip).t(' of ').address({ here: true }).t(` reports a male called at the door${approach ? ` ${approach}` : ''}`).t(entry ? ` and ${entry}` : '').t('.');
          c.one(' While he kept her talking a second male entered', ' A second male came in while she was distracted', ' IP was distracted in the kitchen while another male went upstairs').t(` and ${list(c)} taken.`);
          if (victim) c.t(` IP is ${victim}.`);
          if (vehicle) c.t(` Males left in a ${vehicle}.`);
          break;
        case 'vehicle-keyless':
          c.one('Theft of motor vehicle. ', 'TOMV - keyless. ', 'Vehicle crime. ');
          c.t('IP ').full(ip).t(' of ').address({ here: true }).t(` reports ${list(c)} overnight`).t(entry ? `, ${entry}` : '').t('.');
          if (tools) c.t(` Doorbell camera shows 2 males, one with ${tools} by the house.`);
          if (vehicle) c.t(` Offenders arrived in a ${vehicle}.`);
          c.t(' Both keys in the house.');
          break;
        case 'van-tools':
          c.one('Theft from motor vehicle. ', 'TFMV - van. ', 'Theft from van. ');
          c.t(victim ? `IP ${victim} ` : 'IP ').full(ip).t(' reports his work van ').vrm(c.vrmValue()).t(' broken into overnight');
          c.t(entry ? ` - ${entry}` : '').t(tools ? ` with ${tools}` : '').t(`. ${list(c)} stolen`).t(`, approx ${c.money(800, 6000)}.`);
          if (vehicle) c.t(` CCTV shows a ${vehicle} in the street at the time.`);
          break;
        case 'robbery-two-wheeler':
          c.one('Robbery - personal. ', 'Street robbery. ', 'Robbery. ');
          c.t('IP ').full(ip).t(victim ? ` (${victim})` : '').t(` was walking along ${c.place.street} when ${c.rng.range(2, 3)} males`).t(approach ? ` ${approach}` : '').t(' approached.');
          if (tools) c.t(` One produced ${tools} and demanded property.`); else c.t(' One grabbed the IP and demanded property.');
          c.t(` ${list(c)} taken`).one('.', ', suspects made off at speed.', ', offenders rode off.');
          break;
        case 'business-burglary':
          c.one('Burglary - business. ', 'BOTD. ', 'Burglary other than dwelling. ');
          c.t('Key holder ').full(ip).t(` reports the ${c.pick(['convenience store', 'newsagents', 'off licence', 'vape shop', 'builders merchants'])} at `).address({ business: true, postcode: 0.6 });
          c.t(' was broken into overnight').t(entry ? ` - ${entry}` : '').t(tools ? `, believed with ${tools}` : '').t(`. ${list(c)} taken.`);
          if (vehicle) c.t(` CCTV shows ${c.rng.range(2, 3)} males loading a ${vehicle}.`);
          break;
      }
      c.t(' OIC ').off(o).t('.');
      c.maybe(0.4, c.pick([' Poss linked to similar offences in the area.', ' Intel log submitted.', ' CSI requested.', ' H2H nil witnesses.']));
    },
  };
}

const toRad = Math.PI / 180;
/** Great-circle distance in km. */
function km(aLon: number, aLat: number, bLon: number, bLat: number): number {
  const dLat = (bLat - aLat) * toRad, dLon = (bLon - aLon) * toRad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * toRad) * Math.cos(bLat * toRad) * Math.sin(dLon / 2) ** 2;
  return 12742 * Math.asin(Math.sqrt(h));
}

export interface SeriesPlanInput {
  readonly rng: Rng;
  readonly count: number;
  readonly forces: readonly ForceId[];
  /** Months generated, oldest first, `YYYY-MM`, and their lengths in days. */
  readonly months: readonly string[];
  readonly monthDays: readonly number[];
  /** A place in a force, drawn the way ordinary records are placed. */
  readonly pickPlace: (rng: Rng, force: ForceId) => Place;
  readonly neighboursIn: (force: ForceId) => ForceId[];
  /** Picks a force weighted by its share of records. */
  readonly pickForce: (rng: Rng) => ForceId;
}

/** How many series a set of `count` records carries: one per 1,500 records, none below 300. */
export function seriesCount(count: number): number {
  return count < 300 ? 0 : Math.max(2, Math.round(count / 1500));
}

function pad2(n: number): string { return n < 10 ? `0${n}` : String(n); }

/** Plans the series: their crimes' forces, times and places, and the scenario writing them. */
export function planSeries(inp: SeriesPlanInput): PlannedSeries[] {
  const { rng, months, monthDays } = inp;
  const n = seriesCount(inp.count);
  const out: PlannedSeries[] = [];
  const dayStart: number[] = [];
  let total = 0;
  for (const d of monthDays) { dayStart.push(total); total += d; }
  for (let k = 0; k < n; k++) {
    const t = TEMPLATES[rng.fromTable(TEMPLATE_TABLE)];
    const sig = t.sign(rng);
    const home = inp.pickForce(rng);
    const nbs = inp.neighboursIn(home);
    const cross = nbs.length > 0 && rng.chance(0.4);
    const forces: ForceId[] = cross ? [home, rng.pick(nbs)] : [home];
    // The centre: a point in the home force, or the midpoint of the closest pair of points drawn in two neighbours.
    let centre: [number, number];
    if (forces.length === 2) {
      const a = Array.from({ length: 40 }, () => inp.pickPlace(rng, forces[0]));
      const b = Array.from({ length: 40 }, () => inp.pickPlace(rng, forces[1]));
      let best = Infinity, pair: [Place, Place] = [a[0], b[0]];
      for (const p of a) for (const q of b) { const d = km(p.lon, p.lat, q.lon, q.lat); if (d < best) { best = d; pair = [p, q]; } }
      centre = [(pair[0].lon + pair[1].lon) / 2, (pair[0].lat + pair[1].lat) / 2];
    } else {
      const p = inp.pickPlace(rng, home);
      centre = [p.lon, p.lat];
    }
    const size = rng.range(4, 12);
    const span = Math.min(total, rng.range(10, 56));
    const first = rng.int(Math.max(1, total - span));
    const days = Array.from({ length: size }, () => first + rng.int(span)).sort((x, y) => x - y);
    const scenario = seriesScenario(sig, t.category);
    const crimes: SeriesCrime[] = [];
    for (let j = 0; j < size; j++) {
      const force = forces.length === 2 && j % 2 === 1 ? forces[1] : forces[0];
      let place = inp.pickPlace(rng, force), best = km(place.lon, place.lat, centre[0], centre[1]);
      for (let s = 0; s < 30; s++) {
        const q = inp.pickPlace(rng, force), d = km(q.lon, q.lat, centre[0], centre[1]);
        if (d < best) { best = d; place = q; }
      }
      const day = days[j];
      let m = 0;
      while (m + 1 < months.length && dayStart[m + 1] <= day) m++;
      const hour = rng.pick(BAND_HOURS[sig.band]);
      const occurred = `${months[m]}-${pad2(day - dayStart[m] + 1)}T${pad2(hour)}:${pad2(rng.int(60))}:00Z`;
      crimes.push({ force, month: m, occurred, place, scenario });
    }
    out.push({
      truth: {
        series_id: `SER-${String(k + 1).padStart(3, '0')}`, forces, category: t.category, description: sig.words,
        first_seen: crimes[0].occurred, last_seen: crimes[crimes.length - 1].occurred,
      },
      crimes,
    });
  }
  return out;
}
