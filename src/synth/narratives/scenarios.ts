/**
 * Scenario templates: one per kind of record (an ASB call, a burglary report, a drugs intelligence
 * log, an s23 search ...). Each writes a narrative through the context's helpers, choosing among
 * many phrasings, so that the same scenario reads differently each time, as real logs do.
 */
import type { CrimeCategory, NarrativeKind } from '../../standard/index.ts';
import type { Ctx, Person } from './ctx.ts';
import { CLOTHING, LINE_NAMES, SHOPS, BANKS } from './lexicon.ts';

export interface Scenario {
  readonly id: string;
  readonly kind: NarrativeKind;
  readonly category: CrimeCategory | null;
  readonly weight: number;
  /** Whether the scenario has a named suspect (so a cross-force offender can be placed in it). */
  readonly suspect: boolean;
  /** The text assumes the suspect is male. */
  readonly maleSuspect?: boolean;
  readonly location: (c: Ctx) => string;
  readonly write: (c: Ctx) => void;
}

const onOrNear = (c: Ctx): string => `On or near ${c.place.street}, ${c.place.town}`;
const residential = (c: Ctx): string => c.pick([`Residential address, ${c.place.town}`, `On or near ${c.place.street}, ${c.place.town}`, `Private dwelling, ${c.place.town}`]);

function descr(c: Ctx, p?: Person): void {
  const sex = p?.female ? 'female' : p ? 'male' : c.rng.chance(0.9) ? 'male' : 'female';
  c.t(`${c.pick(['IC1', 'IC3', 'IC2', 'IC4', 'IC1', 'white', 'black', 'asian', 'mixed race', 'IC6'])} ${sex}`);
  c.one(', ', ' ', ', approx ');
  c.one('late teens', '20s', '30s', '40s', '17-19', '25-30', 'early 20s');
  c.one(', slim build', ', stocky', ', tall', ', approx 5ft 8', ', heavy build', '');
  c.t(`, ${c.pick(CLOTHING)}`);
}

function contact(c: Ctx, p: Person): void {
  c.one(' Contact ', ' ', ' Tel for ', ' Contact no for ', ' Mob for ');
  c.ref(p);
  c.one(': ', ' - ', ' on ', ' ');
  c.phone();
  c.t('.');
}

function closing(c: Ctx, o: ReturnType<Ctx['officer']>): void {
  c.one(` OIC `, ` Reporting officer `, ` Submitted by `, ` Attending officer `, ` OIC - `);
  c.off(o);
  c.t('.');
}

function typoed(c: Ctx, right: string, wrong: string): string {
  return c.rng.chance(0.15) ? wrong : right;
}

// ---------------------------------------------------------------- incidents

const asbYouths: Scenario = {
  id: 'asb-youths', kind: 'incident', category: 'anti-social-behaviour', weight: 5, suspect: true, location: onOrNear,
  write(c) {
    const inft = c.person({ minAge: 30, maxAge: 85 });
    const youth = c.suspect({ minAge: 13, maxAge: 19 });
    const o = c.officer({ rank: c.rng.chance(0.6) ? 'PCSO' : 'PC' });
    c.one('ASB - youths. ', 'ASB. ', 'Youths causing annoyance. ', '');
    c.t(c.ab('INFT ', 'Caller ')).full(inft).t(' of ').address({ here: true }).t(' ');
    c.one('reports a group of approx ', 'states there is a group of ', 'reporting ');
    c.t(`${c.rng.range(3, 12)} youths `);
    c.one('kicking a football against her front window and shouting abuse.', 'throwing stones at cars and swearing at residents.', 'congregating outside the shop, smoking cannabis and being abusive.', 'knocking on doors and running off (knock and run).', 'riding bikes into pedestrians on the pavement.');
    c.t(' ').one('INFT states this is the ', 'Caller states it is the ', 'This is the ').t(`${c.pick(['2nd', '3rd', '4th', '5th'])} night running`).one(` and ${c.he(inft)} is scared to go out.`, '.', ' and they are fed up.', ' and is feeling intimidated.');
    c.t(' One youth known to ').one(c.him(inft), 'caller', 'the INFT').t(' as ').forename(youth).t(' from ').one('the flats opposite', 'round the corner', 'the estate', 'the end house');
    c.t(', believed to be ').full(youth).dob(youth).t('.');
    contact(c, inft);
    c.t(' ').off(o).t(` attended ${c.later(c.rng.range(10, 50))}hrs, `).one('youths dispersed on arrival.', 'youths gone on arrival, area search negative.', 'spoke to the group who were moved on.', 'nil trace of youths.');
    if (c.rng.chance(0.6)) {
      c.t(' Words of advice given to ').surname(youth).t(` at ${c.his(youth)} home address `).address({ postcode: 0.3 });
      const parent = c.person({ female: c.rng.chance(0.7), minAge: 35, maxAge: 55, surname: youth.surname });
      c.t(`, ${c.rel(parent, ['dad', 'father', 'parent'], ['mum', 'mother', 'parent'])} `).full(parent).one(' present and supportive.', ' present.', ' informed.');
    }
    c.one(' ASB diary sheets left with ', ' Diary sheets given to ', ' Advice given to ').ref(inft).t('.');
    c.one(' Ref to NPT for problem solving.', ' NPT to review.', ' Patrol plan requested.', ` ${c.ab('NFA', 'No further action')} at this time.`);
  },
};

const asbNeighbour: Scenario = {
  id: 'asb-neighbour', kind: 'incident', category: 'anti-social-behaviour', weight: 4, suspect: true, location: residential,
  write(c) {
    const caller = c.person({ minAge: 25, maxAge: 90 });
    const nb = c.suspect({ minAge: 20, maxAge: 60, female: false });
    const partner = c.person({ minAge: 20, maxAge: 60, female: c.rng.chance(0.9) });
    const o = c.officer();
    c.one('ASB - neighbour dispute. ', 'Neighbour dispute. ', 'ASB - noise. ');
    c.t('Caller ').full(caller).t(' of ').address({ here: true }).t(' reports ');
    const complaint = c.rng.int(4);
    c.t(['ongoing loud music from next door every night until 3am', 'shouting and banging from the flat above most nights', 'dogs barking all day and rubbish dumped in the shared garden', 'the neighbour revving a motorbike late at night'][complaint]);
    c.one(`, and when ${c.he(caller)} knocked to complain the male occupant told ${c.him(caller)} to go away in no uncertain terms.`, '. Caller has tried speaking to them without success.', ', this has been going on for months.');
    c.t(' Neighbour identified from previous reports as ').full(nb).age(nb).t(' lives with partner ').forename(partner).t('.');
    if (c.rng.chance(0.6)) { c.t(' Caller states ').forename(nb).t(' has also parked his van ').vrm(c.vrmValue()).t(` across ${c.his(caller)} drive ${c.rng.range(2, 5)} times this week.`); }
    c.t(' ').one(caller.female ? 'She is ' : 'He is ', 'Caller is ', 'IP is ').t(`${c.year - caller.dob.y}`).one(' and lives alone, feels intimidated.', ' and vulnerable.', '.');
    c.t(' Caller tel ').phone(0.4).t('.');
    c.t(' ').off(o).t(` attended ${c.later(40)}hrs, `).t(complaint === 0 ? 'music audible from street, ' : complaint === 2 ? 'dogs heard barking, ' : '').t('spoke to ').surname(nb).one(complaint === 0 ? ' who turned the music down.' : ' who was given words of advice.', ' who was apologetic.', ' who became argumentative but complied.');
    c.one(' Council ASB team informed.', ' CPW to be considered.', ' Community Protection Warning to be considered.', ' Mediation offered.');
  },
};

const asbBikes: Scenario = {
  id: 'asb-bikes', kind: 'incident', category: 'anti-social-behaviour', weight: 2, suspect: true,
  location: (c) => c.pick([`Country park, ${c.place.town}`, `Playing fields off ${c.place.street}, ${c.place.town}`, onOrNear(c)]),
  write(c) {
    const caller = c.person({ minAge: 25, maxAge: 80 });
    const rider = c.suspect({ minAge: 14, maxAge: 22 });
    const o = c.officer({ rank: 'PCSO' });
    c.one('ASB - off road bikes. ', 'ASB - motorcycles. ', 'Nuisance bikes. ');
    c.t(`Multiple calls re ${c.rng.range(2, 6)} off road ${c.pick(['motorbikes', 'bikes', 'scramblers', 'quads'])} `).one('riding across the park doing wheelies', 'riding on the footpaths', 'racing up and down the estate').one(' and nearly hitting a dog walker.', '.', ', no helmets.');
    const p = c.vrmValue();
    c.t(' One is a road-legal ').one('Yamaha', 'Honda', 'KTM', 'Suzuki').t(p.kind === 'partial' ? ' showing partial plate ' : ' showing plate ').vrm(p).t(', rest unregistered.');
    c.t(' Caller ').full(caller).t(' ').phone(0.3).t(' believes one rider is ').forename(rider).t(' who keeps the bike at ').address({ postcode: 0.2 }).t('.');
    c.t(' ').off(o).one(' to engage with the family.', ' to visit.', ' to follow up.').one(' S59 warning to be issued once riders identified.', ' Drone unit requested, not available.', '');
  },
};

const daIncident: Scenario = {
  id: 'da-incident', kind: 'incident', category: 'violent-crime', weight: 5, suspect: true, location: residential,
  write(c) {
    const ip = c.person({ female: c.rng.chance(0.8), minAge: 18, maxAge: 65 });
    const sus = c.suspect({ female: !ip.female, minAge: 18, maxAge: 65 });
    const o1 = c.officer({ rank: 'PC' }), o2 = c.officer({ rank: 'PC' });
    c.one('DA incident. ', 'Domestic. ', 'DOMESTIC INCIDENT. ', 'DA - ');
    c.one('999 call from IP ', 'Caller ', 'IP ').full(ip).dob(ip).one(` stating ${c.his(ip)} ex partner `, ` stating ${c.his(ip)} partner `, ' reporting that ').full(sus);
    c.one(' has turned up at ', ' is smashing up the house at ', ' has been kicking the door at ').address({ here: true });
    c.one(' drunk, banging on the door.', ' shouting threats.', '.', ' and has kicked the door panel in.');
    c.one(' Call disconnected, call back unanswered.', ` IP has ${c.rng.range(1, 3)} children in the address.`, '');
    c.t(' ').surname(sus).dob(sus);
    if (c.rng.chance(0.6)) c.one(' left scene prior to police arrival in a ', ' drove off in a ', ' left in ' + c.his(sus) + ' car, a ').vehicle();
    else c.one(' left scene prior to police arrival', ' was still at the address on arrival', ' made off on foot, direction unknown');
    c.t('. ').one(typoed(c, 'Officers ', 'Offcers '), 'Units ', '').off(o1).t(' and ').off(o2).t(' attended.');
    c.one(' IP has visible redness to left cheek, states ', ` IP has a cut to ${c.his(ip)} forearm, states `, ' No visible injuries, ').forename(sus).one(` slapped ${c.him(ip)}.`, ` threw a plate at ${c.him(ip)}.`, ` pushed ${c.him(ip)} into the wall.`);
    c.one(' DASH completed - HIGH risk, ref to IDVA and MARAC.', ' DASH - MEDIUM.', ' DASH - STANDARD, PPN submitted.');
    c.t(' IP contact no ').phone().t('.');
    c.one(' BWV captured.', ' BWV on.', '');
    if (c.rng.chance(0.5)) c.t(' ').surname(sus).one(' circulated as wanted on PNC.', ' arrested for ABH and conveyed to custody.', ' arrested on suspicion of criminal damage.');
    if (c.rng.chance(0.5)) { const family = c.rng.chance(0.5); const rel = c.person({ female: true, minAge: 40, maxAge: 75, surname: family ? ip.surname : undefined }); c.t(` IP's ${family ? c.pick(['mother', 'sister', 'aunt']) : c.pick(['friend', 'neighbour', 'friend'])} `).full(rel).t(` to stay with ${c.him(ip)} tonight.`); }
  },
};

const disorder: Scenario = {
  id: 'disorder', kind: 'incident', category: 'public-order', weight: 3, suspect: true, maleSuspect: true,
  location: (c) => c.pick([`Outside licensed premises, ${c.place.street}, ${c.place.town}`, onOrNear(c), `Town centre, ${c.place.town}`]),
  write(c) {
    const a = c.suspect({ minAge: 18, maxAge: 40, female: false });
    const b = c.person({ minAge: 18, maxAge: 40, female: false });
    const door = c.person({ minAge: 25, maxAge: 55, female: false });
    const s = c.officer({ rank: c.pick(['PS', 'Sgt']) }), o1 = c.officer({ rank: 'PC' }), o2 = c.officer({ rank: 'PC' });
    c.t(`Report of disorder outside ${c.pick(['nightclub', 'pub', 'kebab shop', 'takeaway'])} on ${c.place.street}, approx ${c.rng.range(6, 30)} persons involved. `);
    c.off(s).t(' requested further units').one(' and dogs.', '.', ' and a van.');
    c.t(' Male ').full(a).dob(a).t(' of ').address().one(' was shouting and swearing at door staff and officers, refused to calm down despite warnings, arrested s4A POA by ', ' was fighting in the road, arrested s4 POA by ', ' was arrested for drunk and disorderly by ').off(o1).t('.');
    c.t(' Second male ').full(b).dob(b).one(' threw a glass bottle which smashed near officers, arrested by ', ' was detained by ', ' was given a dispersal notice by ').off(o2).t('.');
    c.t(' Door supervisor ').full(door).t(' provided ').t(c.ab('w/s', 'a statement')).t(' and states ').surname(a).t(' had been ejected earlier').one(' for fighting.', '.', ' for being too drunk.');
    c.t(' CCTV to be seized by ').off(o1).t('.');
    c.one(' Both in custody.', ' Custody at ' + c.place.town + '.', '');
  },
};

const welfare: Scenario = {
  id: 'welfare', kind: 'incident', category: null, weight: 2, suspect: false, location: residential,
  write(c) {
    const mp = c.person({ minAge: 14, maxAge: 85 });
    const caller = c.person({ minAge: 30, maxAge: 70, surname: c.rng.chance(0.6) ? mp.surname : undefined });
    const o = c.officer();
    c.one('Concern for welfare. ', 'MISPER - ', 'Missing person. ', 'CFW. ');
    c.t('Caller ').full(caller).t(` reports ${c.his(caller)} ${c.rel(mp, ['son', 'father', 'brother', 'nephew'], ['daughter', 'mother', 'sister', 'niece'])} `).full(mp).dob(mp);
    c.one(' has not been seen since ', ' left home at ', ' has not answered the phone since ').t(`${c.later(-c.rng.range(60, 600))}hrs`).one(' and is not answering calls.', ' and has left a note.', '. Out of character.');
    c.t(' Home address ').address().t('. Mobile ').phone(0.9).t('.');
    if (c.rng.chance(0.5)) c.t(' May be driving ').vehicle().t('.');
    c.one(' THRIVE - medium risk.', ' Graded high risk, POLSA informed.', ' Risk assessed as low.');
    c.t(' ').off(o).one(' to complete MISPER report.', ' attended and searched the address.', ' conducting enquiries.');
    c.maybe(0.5, ` UPDATE ${c.later(c.rng.range(60, 300))}: located safe and well, returned home.`);
  },
};

const roadRage: Scenario = {
  id: 'road-rage', kind: 'incident', category: 'public-order', weight: 2, suspect: true, maleSuspect: true, location: onOrNear,
  write(c) {
    const ip = c.person({ minAge: 20, maxAge: 70 });
    const sus = c.suspect({ minAge: 20, maxAge: 60, female: false });
    const o = c.officer();
    c.one('Road rage. ', 'RTC/road rage. ', 'Public order - road rage. ');
    c.t('Caller ').full(ip).t(' was driving ').vehicle().t(` on ${c.place.street} when the driver of a `).vehicle();
    c.one(' cut him up and then got out at the lights shouting threats.', ' followed him for two miles flashing lights, then blocked the road and punched his window.', ' made threats to kill after a minor collision.');
    c.t(' Dashcam footage available. Driver identified via keeper check as ').full(sus).dob(sus).t(' of ').address().t('.');
    c.t(' IP tel ').phone().t('. ').off(o).one(' to obtain footage and statement.', ' to contact the driver.', ' allocated.');
  },
};

// ---------------------------------------------------------------- crimes

const burglaryDwelling: Scenario = {
  id: 'burglary-dwelling', kind: 'crime', category: 'burglary', weight: 6, suspect: true, location: residential,
  write(c) {
    const ip = c.person({ minAge: 25, maxAge: 90 });
    const nb = c.person({ minAge: 25, maxAge: 80 });
    const csi = c.officer({ rank: 'CSI' }), o = c.officer({ rank: c.pick(['DC', 'PC']) });
    c.one('Burglary dwelling. ', 'Burglary - residential. ', 'BURGLARY. ', 'Res burglary. ');
    c.t('IP ').full(ip).one(' returned home to ', ' left ', ' woke up at ').address({ here: true }).t(` at ${c.hhmm}hrs to find `);
    c.one('rear patio door forced, pry marks approx 10mm wide.', 'front door lock snapped.', 'kitchen window smashed.', 'back door insecure and house ransacked.');
    c.t(' ').one('Gold jewellery', 'A laptop, two iPads', 'Car keys, a handbag', 'Two watches', 'A PS5').t(` and approx ${c.money(100, 3000)} cash taken`).one(', drawers tipped out.', ' from the master bedroom.', '.');
    if (c.rng.chance(0.5)) {
      c.t(' Neighbour ').full(nb).t(' saw a ');
      descr(c);
      c.one(' leaving via the rear alley and getting into a ', ' walking off towards the main road and getting into a ', ' hanging around earlier in a ');
      if (c.rng.chance(0.6)) c.vehicle(); else c.t('dark hatchback, no VRM obtained');
      c.t('.');
    }
    if (c.rng.chance(0.35)) { const sus = c.suspect({ minAge: 18, maxAge: 45 }); c.t(' IP suspects ').full(sus).dob(sus).t(' who ').one('did work on the house last month.', `is a friend of ${c.his(ip)} son.`, 'has been seen hanging around.').t(''); }
    c.t(' CSI requested - ').off(csi).t(` attended ${c.later(180)}`).one(' and lifted partial footwear marks.', ', glove marks only.', ' and recovered blood from the broken glass.');
    c.t(' IP contact ').phone(0.5).t('.');
    closing(c, o);
    c.one(' Lines of enquiry: CCTV, doorbell footage from neighbouring houses.', ' H2H conducted, nil further.', ' IP given crime prevention advice and referred to Victim Support.');
  },
};

const burglaryBusiness: Scenario = {
  id: 'burglary-business', kind: 'crime', category: 'burglary', weight: 2, suspect: true,
  location: (c) => `${c.pick(['Commercial premises', 'Shop', 'Business premises'])}, ${c.place.street}, ${c.place.town}`,
  write(c) {
    const kh = c.person({ minAge: 25, maxAge: 65 });
    const o = c.officer({ rank: 'DC' });
    c.one('Burglary - business. ', 'Burglary other than dwelling. ', 'BOTD. ');
    c.t('Key holder ').full(kh).t(` reports the ${c.pick(['phone repair shop', 'barbers', 'newsagents', 'vape shop', 'tool hire depot'])} at `).address({ business: true, postcode: 0.8 });
    c.t(` was broken into via the ${c.pick(['rear fire door', 'roof', 'front shutter'])} overnight.`).t(` Approx ${c.money(500, 15000)} of stock taken.`);
    c.t(` CCTV shows ${c.rng.range(2, 4)} males in dark clothing loading items into a `).vehicle().t('.');
    if (c.rng.chance(0.6)) {
      const h = c.suspect({ minAge: 20, maxAge: 50 });
      c.t(' VRM comes back to a hire company, hirer ').full(h).t(' of ').address().dob(h).t('.');
    }
    c.t(' ').ref(kh).t(' tel ').phone(0.6).t('.');
    closing(c, o);
  },
};

const shoplifting: Scenario = {
  id: 'shoplifting', kind: 'crime', category: 'shoplifting', weight: 6, suspect: true,
  location: (c) => `${c.pick(['Supermarket', 'Convenience store', 'Pharmacy', 'Retail store'])}, ${c.place.street}, ${c.place.town}`,
  write(c) {
    const staff = c.person({ minAge: 18, maxAge: 60 });
    const sus = c.suspect({ minAge: 16, maxAge: 55 });
    const o = c.officer({ rank: 'PC' });
    const shop = c.pick(SHOPS);
    c.t(`Shoplifting - ${shop}. `).one('Store detective ', 'Store manager ', 'Security officer ', 'Staff member ').full(staff);
    c.one(' observed ', ' reports ', ' saw ').one(sus.female ? 'a female ' : 'a male ', 'known offender ', sus.female ? 'a woman ' : 'a man ').t(`conceal ${c.rng.range(2, 20)} x ${c.pick(['packs of Lurpak', 'bottles of spirits', 'meal deals', 'skincare gift sets', 'steaks', 'razor blades', 'bottles of Prosecco'])} in a ${c.pick(['black holdall', 'carrier bag', 'handbag', 'rucksack'])} and leave without paying.`);
    c.t(` Total value ${c.money(20, 450)}.`);
    c.t(' Suspect identified as ').full(sus).dob(sus).one(' of ', ', NFA, ', ', address given ').address().t('.');
    c.one(' PNC shows ', ' Has ').t(`${c.rng.range(2, 40)} previous for theft.`);
    if (c.rng.chance(0.3)) c.t(' ').surname(sus).t(' ').pnc().t('.');
    c.t(' ').surname(sus).one(' arrested by ', ' reported for summons by ', ' issued a community resolution by ').off(o).t('.');
    c.one(' Goods recovered.', ' Goods not recovered.', ' Goods recovered in saleable condition.');
    c.t(' CCTV downloaded by ').ref(staff).t(`, exhibit ${staff.forename[0]}${staff.surname[0]}/1.`);
  },
};

const vehicleTheft: Scenario = {
  id: 'vehicle-theft', kind: 'crime', category: 'vehicle-crime', weight: 5, suspect: false, location: residential,
  write(c) {
    const ip = c.person({ minAge: 20, maxAge: 80 });
    const o = c.officer({ rank: 'PC' });
    const p = c.vrmValue();
    c.one('Theft of motor vehicle. ', 'TOMV. ', 'Vehicle crime - theft of vehicle. ');
    c.t('IP ').full(ip).t(' of ').address({ here: true }).t(` reports ${c.his(ip)} ${c.pick(['white', 'black', 'grey'])} ${c.pick(['Range Rover Sport', 'Ford Fiesta ST', 'BMW X5', 'Mercedes GLC', 'VW Golf R'])} `).vrm(p.kind === 'partial' ? c.vrmValue() : p);
    c.one(' stolen from the driveway overnight.', ' taken from outside the address between 2300 and 0600.', ` gone when ${c.he(ip)} went out in the morning.`);
    c.one(' Both sets of keys accounted for.', ' Keys taken in a burglary last week.', ' Spare key missing.');
    c.t(' Suspect vehicle a ').vehicle().t(' seen on doorbell footage.');
    c.maybe(0.5, ' ANPR shows the vehicle on the motorway at 0326hrs.');
    c.one(' Vehicle circulated stolen.', ' Tracker company informed.', ' PNC updated as stolen.');
    const h = c.person({ minAge: 20, maxAge: 80, female: !ip.female, surname: c.rng.chance(0.6) ? ip.surname : undefined });
    c.t(` IP's ${c.rel(h, ['husband', 'partner', 'son'], ['wife', 'partner', 'daughter'])} `).full(h).t(' tel ').phone().t('.');
    closing(c, o);
  },
};

const tfmv: Scenario = {
  id: 'tfmv', kind: 'crime', category: 'vehicle-crime', weight: 3, suspect: false,
  location: (c) => `${c.pick(['Residents car park', 'Car park', 'Roadside'])} off ${c.place.street}, ${c.place.town}`,
  write(c) {
    const k1 = c.person({ minAge: 20, maxAge: 75 }), k2 = c.person({ minAge: 20, maxAge: 75 }), w = c.person({ minAge: 20, maxAge: 80 });
    const o = c.officer({ rank: 'PC' });
    c.t(`Series of ${c.ab('TFMVs', 'thefts from vehicles')} overnight. Vehicles affected: (1) `).vehicle().t(' rear quarterlight smashed, sat nav taken, keeper ').full(k1).t(' of ').address().t(', tel ').phone().t('; (2) ').vehicle().t(' drivers window smashed, nothing taken, keeper ').full(k2).t(' tel ').phone().t('.');
    c.t(' Witness ').full(w).t(` heard glass breaking approx ${c.hhmm}hrs and saw ${c.rng.range(2, 3)} males on pushbikes`).one(' wearing balaclavas.', '.', ' heading off towards the main road.');
    c.t(' Scenes examined by ').off(o).one(', no forensic opps.', ', prints lifted.', '.');
    c.t(' ').surname(k1).t(' and ').surname(k2).t(' to forward any dashcam.');
  },
};

const robbery: Scenario = {
  id: 'robbery', kind: 'crime', category: 'robbery', weight: 3, suspect: false, location: onOrNear,
  write(c) {
    const ip = c.person({ minAge: 14, maxAge: 60 });
    const o = c.officer({ rank: 'DC' });
    c.one('Robbery - personal property. ', 'Robbery. ', 'Personal robbery. ');
    c.t('IP ').full(ip).age(ip).t(` was walking along ${c.place.street} at approx ${c.hhmm}hrs when approached by ${c.rng.range(2, 4)} males`).one(' on foot.', ' on e-bikes.', '.');
    c.one(` One produced a kitchen knife and demanded ${c.his(ip)} phone and wallet.`, " One said 'give me your jacket or I'll shank you'.", ` One punched ${c.him(ip)} and took ${c.his(ip)} phone.`);
    c.t(' IP handed over ').one('iPhone 14 (black) and wallet containing ', `${c.his(ip)} phone and a wallet containing `).t(`${c.pick(BANKS)} card ending `).cardEnding();
    if (c.rng.chance(0.5)) c.t(` and ${c.his(ip)} `).licence(ip);
    c.t('.');
    c.maybe(0.6, ` Card used 20 mins later at a garage (${c.money(10, 90)}).`);
    c.t(' Suspects described: (1) '); descr(c); c.t(', (2) '); descr(c); c.t('.');
    const nick = c.rng.chance(0.4);
    if (nick) { const s = c.person({ nickname: true, minAge: 15, maxAge: 20, female: false }); c.t(" One suspect was called '").d.e('PERSON', s.nickname ?? s.forename); c.t("' by the others."); }
    c.t(' IP contact ').phone().t(', lives at ').address().t('.');
    closing(c, o);
  },
};

const assault: Scenario = {
  id: 'assault', kind: 'crime', category: 'violent-crime', weight: 5, suspect: true,
  location: (c) => c.pick([`Licensed premises, ${c.place.street}, ${c.place.town}`, onOrNear(c)]),
  write(c) {
    const ip = c.person({ minAge: 18, maxAge: 60, female: false });
    const sus = c.suspect({ minAge: 18, maxAge: 55 });
    const w = c.person({ minAge: 18, maxAge: 70 });
    const o = c.officer({ rank: 'DC' });
    c.one('S47 assault (ABH). ', 'ABH. ', 'Assault - s39 common assault. ', 'GBH s20. ');
    c.t('IP ').full(ip).dob(ip).one(' was in the pub watching football when ', ' was waiting for a taxi when ', ' was leaving work when ');
    c.t(sus.female ? 'a female he knows as ' : 'a male he knows as ').full(sus).one(' approached him about money owed and headbutted him, breaking his nose.', ' punched him several times to the face.', ' pushed him to the ground and kicked him.');
    c.t(' ').surname(sus).one(' then left before police arrived.', ' was detained by bar staff.', ' made off towards the town centre.');
    c.t(' IP treated at hospital. ').t(c.ab('OFFENDER DESC: ', 'Suspect described as ')); descr(c, sus); c.t('.');
    c.t(' PNC check suggests ').full(sus).dob(sus).t('.');
    c.t(' Witness ').full(w).t(' ').phone().t('.');
    c.t(' IP lives at ').address().t('.');
    c.one(' Pub CCTV seized.', ' CCTV requested.', ' BWV captured.');
    closing(c, o);
  },
};

const arson: Scenario = {
  id: 'arson', kind: 'crime', category: 'criminal-damage-arson', weight: 3, suspect: true, location: residential,
  write(c) {
    const ip = c.person({ minAge: 20, maxAge: 70 });
    const bro = c.person({ minAge: 18, maxAge: 50, female: false, surname: ip.surname });
    const sus = c.suspect({ minAge: 18, maxAge: 45 });
    const fi = c.person({ minAge: 30, maxAge: 60 });
    const o = c.officer({ rank: 'DC' });
    if (c.rng.chance(0.5)) {
      c.t('Arson - vehicle. Fire service attended a car fire on the driveway at ').address({ here: true }).t(` at ${c.hhmm}hrs. `);
      c.t(`${c.pick(['Grey Vauxhall Astra', 'Black Audi A3', 'White Ford Focus'])} `).vrm(c.vrmValue()).t(' destroyed.');
    } else {
      c.t('Criminal damage. ').one('Windows smashed', 'Paint thrown over the front door', 'Tyres slashed on a car').t(' at ').address({ here: true }).t(` at approx ${c.hhmm}hrs.`);
    }
    c.t(' Owner ').full(ip).t(' states doorbell footage shows two hooded males').one(' pour liquid from a bottle onto the bonnet and set it alight.', ' running off after the damage.', '.');
    c.t(` IP believes this is linked to a dispute between ${c.his(ip)} brother `).full(bro).t(' and a male named ').full(sus).t(' over money.');
    c.t(' ').forename(bro).t(' reluctant to engage, tel ').phone().t('.');
    c.t(' Fire investigator ').full(fi).t(' confirms deliberate ignition.');
    closing(c, o);
  },
};

const fraud: Scenario = {
  id: 'fraud-investment', kind: 'crime', category: 'other-crime', weight: 3, suspect: false,
  location: (c) => c.pick([`Online / victim's home, ${c.place.town}`, `Victim's home, ${c.place.town}`]),
  write(c) {
    const ip = c.person({ minAge: 30, maxAge: 80 });
    const fake = c.person({ minAge: 30, maxAge: 60, female: false });
    const wife = c.person({ minAge: 30, maxAge: 80, female: !ip.female, surname: ip.surname });
    const o = c.officer({ rank: 'PC' });
    c.one('Investment fraud. ', 'Fraud - investment. ', 'Romance/investment fraud. ');
    c.t('IP ').full(ip).age(ip).t(` saw an advert on ${c.pick(['Facebook', 'Instagram', 'a news site'])} for a crypto investment platform. `);
    c.t(c.ab('IP', 'The victim')).t(' registered with email ').email(ip).t(" and was contacted by an 'account manager' calling himself ").full(fake).t(' from ').phone(0.5).t('.');
    c.t(` Over ${c.rng.range(2, 12)} weeks IP transferred ${c.money(2000, 60000)} from ${c.his(ip)} own account (`).bank().t(') to accounts including ').iban().t('.');
    if (c.rng.chance(0.6)) { c.t(` ${ip.female ? 'She' : 'He'} also sent copies of ${c.his(ip)} `).passport().t(` and ${c.his(ip)} NI number `).niNumber().t(" for 'KYC checks'."); }
    c.t(' Login records show access from ').ip().t(' and ').ip().t('.');
    if (c.rng.chance(0.6)) c.t(' The first deposit was paid by debit card ').card().t('.');
    c.t(' Emails came from ').serviceEmail().t('.');
    c.t(' ').forename(wife).t(` paid a release fee from ${c.his(wife)} own account (`).bank().t(') before the couple realised it was a scam.');
    c.one(' Action Fraud ref to follow.', ' Referred to Action Fraud.', '');
    c.t(' Reported to ').off(o).t('.');
  },
};

const harassment: Scenario = {
  id: 'harassment', kind: 'crime', category: 'other-crime', weight: 3, suspect: true,
  location: (c) => `Victim's home, ${c.place.town}`,
  write(c) {
    const ip = c.person({ female: true, minAge: 18, maxAge: 60 });
    const sus = c.suspect({ female: false, minAge: 18, maxAge: 60 });
    const o = c.officer({ rank: 'PC' });
    c.one('Harassment (s2 PHA). ', 'Stalking (s2A PHA). ', 'Malicious communications. ');
    c.t('IP ').full(ip).t(' reports her ex-partner ').full(sus).t(' has been sending her abusive messages since she ended the relationship.');
    c.t(' He has used at least 3 numbers: ').phone(0.95).t(', ').phone(0.95).t(' and ').phone(0.95).t('.');
    c.t(' He has also emailed her at ').email(ip).t(' from ').email(sus).one(' and created a fake Instagram account in her name.', '.', ' threatening to share images.');
    c.t(' ').surname(sus).t(' has turned up at her work twice. IP').dob(ip).t(', lives at ').address().t('.');
    c.t(' ').forename(sus).t(' lives at ').address({ postcode: 0.4 }).one(' and works as a delivery driver.', '.', ' with his mother.');
    c.one(' Screenshots obtained, w/s obtained.', ' Statement taken.', ' DASH completed.');
    closing(c, o);
  },
};

const bicycle: Scenario = {
  id: 'bicycle', kind: 'crime', category: 'bicycle-theft', weight: 2, suspect: false,
  location: (c) => `Cycle stands, ${c.place.street}, ${c.place.town}`,
  write(c) {
    const ip = c.person({ minAge: 16, maxAge: 70 });
    const o = c.officer({ rank: c.pick(['PCSO', 'PC']) });
    c.one('Pedal cycle theft. ', 'Bike theft. ', 'Theft of pedal cycle. ');
    c.t('IP ').full(ip).t(` locked ${c.his(ip)} ${c.pick(['road bike', 'hybrid', 'e-bike', 'mountain bike'])} (frame no WSBC${c.rng.digits(9)}M) to the stands at ${c.hhmm}hrs, lock cut and bike gone by ${c.later(600)}hrs. Value ${c.money(200, 3000)}.`);
    c.t(' IP address ').address().t(', mob ').phone(0.95);
    if (c.rng.chance(0.6)) c.t(', email ').email(ip);
    c.t('.').one(' No CCTV. Filed.', ' CCTV request sent.', ' Bike registered on BikeRegister.').t(' ').off(o).t('.');
  },
};

const theftPerson: Scenario = {
  id: 'theft-person', kind: 'crime', category: 'theft-from-the-person', weight: 2, suspect: false, location: onOrNear,
  write(c) {
    const ip = c.person({ minAge: 18, maxAge: 70, female: true });
    const friend = c.person({ minAge: 18, maxAge: 70, female: true });
    const o = c.officer({ rank: 'PC' });
    c.one('Theft - snatch. ', 'Theft from person. ', 'Pickpocket. ');
    c.t('IP ').full(ip).t(`, visiting ${c.place.town}, was using her phone on ${c.place.street} when a male on a black e-bike snatched it from her hand.`);
    c.t(' Male described as '); descr(c); c.t('.');
    c.t(' IP ').passport().t('.');
    c.t(' IP staying with a friend ').full(friend).t(' at ').address().t(', contact via ').forename(friend).t(' on ').phone(0.5);
    if (c.rng.chance(0.6)) c.t(' or email ').email(ip);
    c.t('. Council CCTV requested. Reporting officer ').off(o).t('.');
  },
};

const otherTheft: Scenario = {
  id: 'other-theft', kind: 'crime', category: 'other-theft', weight: 3, suspect: true, location: onOrNear,
  write(c) {
    const ip = c.person({ minAge: 20, maxAge: 80 });
    const sus = c.suspect({ minAge: 18, maxAge: 50, female: true });
    const nb = c.person({ minAge: 20, maxAge: 80, female: true });
    const o = c.officer({ rank: 'PC' });
    if (c.rng.chance(0.5)) {
      c.t('Theft - parcels from doorstep. IP ').full(ip).t(' of ').address({ here: true }).t(` reports ${c.rng.range(2, 5)} parcels were stolen from ${c.his(ip)} doorstep within minutes of delivery.`);
      c.t(` ${ip.female ? 'Her' : 'His'} doorbell camera caught a female taking them. Neighbour `).forename(nb).t(' thinks the female is ').full(sus).t('.');
      c.t(` Value ${c.money(20, 400)}. IP tel `).phone(0.5).t(', email ').email(ip).t('.');
    } else {
      c.t(`Fuel drive off from ${c.pick(['Shell', 'BP', 'Esso', 'Texaco'])} garage. `).vehicle().t(` filled with ${c.money(40, 120)} of diesel and drove off without paying.`);
      c.t(' Keeper ').full(sus).dob(sus).t(' of ').address().t('. Garage manager ').full(ip).t(' ').phone(0.3).t('.');
    }
    c.t(' Footage downloaded by ').off(o).t('.');
  },
};

const marketplace: Scenario = {
  id: 'fraud-marketplace', kind: 'crime', category: 'other-crime', weight: 2, suspect: true,
  location: (c) => `Online / victim's home, ${c.place.town}`,
  write(c) {
    const ip = c.person({ minAge: 18, maxAge: 70 });
    const sus = c.suspect({ minAge: 18, maxAge: 50 });
    const o = c.officer({ rank: 'PC' });
    c.t('Online purchase fraud. IP ').full(ip).t(` paid ${c.money(80, 1800)} by bank transfer for a ${c.pick(['PS5', 'puppy', 'car', 'iPhone', 'caravan', 'set of alloys'])} advertised on ${c.pick(['Facebook Marketplace', 'Gumtree', 'eBay'])}.`);
    c.t(' Payment to ').bank().t(' in the name of ').initials(sus).t('. Item never arrived and seller blocked IP.');
    c.t(' Seller used phone ').phone(0.95).t(' and email ').email(sus).t('.');
    c.t(' Bank says the account was opened from IP address ').ip().t('.');
    c.t(' IP contact ').phone().t('. ').off(o).t(' to ').one('submit production order.', 'send to NFIB.', 'file pending enquiries.');
  },
};

// ---------------------------------------------------------------- intelligence

function grading(c: Ctx): void {
  c.one('Intelligence report. ', 'INTELLIGENCE REPORT. ', 'Intel report. ', 'Intelligence: ');
  c.one('Source evaluation: B. Intelligence evaluation: 2. Handling code: 1. ', '5x5x5 grading B/3/4. ', '3x5x2 grading 2/B/P. ', 'E: B2 1. ', 'Grading B/2/1. ', '');
}

const intelDrugs: Scenario = {
  id: 'intel-drugs', kind: 'intelligence', category: 'drugs', weight: 4, suspect: true, maleSuspect: true,
  location: (c) => c.pick([`${c.place.town} area`, `${c.place.street} area, ${c.place.town}`]),
  write(c) {
    const boss = c.suspect({ minAge: 18, maxAge: 35, nickname: true, female: false });
    const runner = c.person({ minAge: 14, maxAge: 17, female: false });
    const mum = c.person({ female: true, minAge: 35, maxAge: 55, surname: runner.surname });
    const o = c.officer({ rank: c.pick(['DC', 'PC']) });
    grading(c);
    c.t(`The '${c.pick(LINE_NAMES)}' line is being run in the ${c.place.town} area by `);
    if (boss.nickname && !boss.fixedFirst) { c.t("a male known as '").d.e('PERSON', boss.nickname); c.t("', believed to be "); }
    else c.t('a male believed to be ');
    c.full(boss).dob(boss).t('.');
    c.t(' Line number is ').phone(1).t(" and bulk texts are sent most mornings offering 'shots' and 'white'.");
    c.t(' ').surname(boss).t(' uses a younger male ').full(runner).t(' (approx ').t(`${c.year - runner.dob.y}yrs) to run to ${c.pick(['the coast', 'Eastbourne', 'Hastings', 'market towns'])} by train.`);
    c.t(' ').surname(runner).t(' has been seen going in and out of ').address({ postcode: 0.5 }).t(' which is believed to be used to store product.');
    c.t(' ').ref(boss).t(' drives a ').vehicle().t('.');
    c.t(' Personal phone for ').surname(boss).t(': ').phone(1).t('.');
    c.t(` Previous intel (${c.logRef()}) links the line number to a stabbing.`);
    c.t(' Risk: ').surname(runner).t(' is a child at risk of CCE, reported missing by his mother ').full(mum).t(' (').phone().t(').');
    c.t(' Sanitised by ').off(o).t('.');
  },
};

const intelWeapons: Scenario = {
  id: 'intel-weapons', kind: 'intelligence', category: 'possession-of-weapons', weight: 2, suspect: true, maleSuspect: true,
  location: (c) => `${c.place.town}`,
  write(c) {
    const sus = c.suspect({ minAge: 16, maxAge: 35, female: false, nickname: true });
    const gf = c.person({ female: true, minAge: 16, maxAge: 35 });
    const o = c.officer({ rank: 'PC' });
    grading(c);
    c.t('It is reported that ').full(sus);
    if (sus.nickname && !sus.fixedFirst) { c.t(", known as '").d.e('PERSON', sus.nickname); c.t("',"); }
    c.t(` is keeping a ${c.pick(['handgun', 'zombie knife', 'machete', 'converted blank firer'])} at his girlfriend's address `).address().t('.');
    c.t(' Girlfriend is ').full(gf).dob(gf).t(' who is believed to be unaware.');
    c.t(' ').surname(sus).t(' is usually seen driving a ').vehicle().t(' which is registered to ').surname(gf).t("'s mother.");
    if (c.rng.chance(0.5)) c.t(' Orders for knives were placed online with email ').email(sus).t(' and paid with card ').card().t(', from IP address ').ip().t('.');
    c.one(' Recommend: research, consider warrant application.', ' Recommend safeguarding referral.', ' Recommend s1 PACE search if encountered.');
    c.t(' Submitted by ').off(o).t('.');
  },
};

const intelVehicles: Scenario = {
  id: 'intel-vehicles', kind: 'intelligence', category: 'vehicle-crime', weight: 2, suspect: true, maleSuspect: true,
  location: (c) => `Industrial estate, ${c.place.street}, ${c.place.town}`,
  write(c) {
    const a = c.suspect({ minAge: 20, maxAge: 50, female: false });
    const b = c.person({ minAge: 20, maxAge: 50, female: false, nickname: true });
    const o = c.officer({ rank: 'DC' });
    grading(c);
    c.t('It is reported that a garage unit at ').address({ business: true }).t(' is being used to ring stolen high value vehicles, plates swapped and VIN plates altered.');
    c.t(' Persons involved: ').full(a).dob(a).t(' who rents the unit, and ').full(b).t('.');
    c.t(' A stolen Range Rover was seen at the unit displaying plates ').vrm(c.vrmValue()).t(', which are the genuine plates of a vehicle elsewhere.');
    c.t(' ').surname(a).t(' drives a ').vehicle().t('.');
    c.t(' ').ref(b).t(' was seen with a recovery truck ').vrm(c.vrmValue()).t('.');
    c.t(' Contact number for ').surname(a).t(' is ').phone(0.5).t('.');
    c.t(' Recommend ANPR research. Submitted ').off(o).t('.');
  },
};

const intelMules: Scenario = {
  id: 'intel-mules', kind: 'intelligence', category: 'other-crime', weight: 2, suspect: true,
  location: (c) => `${c.place.town} city centre`,
  write(c) {
    const sus = c.suspect({ minAge: 18, maxAge: 35 });
    const st = c.person({ minAge: 18, maxAge: 23 });
    const o = c.officer({ rank: 'DC' });
    grading(c);
    c.t('It is reported that ').full(sus).dob(sus).t(' of ').address().t(` is recruiting students as money mules through Instagram, offering ${c.money(100, 500)} for the use of their bank accounts.`);
    c.t(' ').surname(sus).t("'s own account ").bank().t(` has received in excess of ${c.money(10000, 90000)} from multiple fraud victims.`);
    c.t(' One recruited student is ').full(st).t(', whose account (').bank().t(') was used to receive funds.');
    c.t(' ').surname(sus).t(' NI number ').niNumber().t(', ').pnc().t('.');
    c.t(' Submitted by ').off(o).t(', Economic Crime Unit.');
  },
};

// ---------------------------------------------------------------- stop and search

const ssDrugs: Scenario = {
  id: 'ss-drugs', kind: 'stop_search', category: 'drugs', weight: 5, suspect: true, location: onOrNear,
  write(c) {
    const sub = c.suspect({ minAge: 15, maxAge: 40, female: c.rng.chance(0.1) });
    const o1 = c.officer({ rank: 'PC' }), o2 = c.officer({ rank: c.pick(['PC', 'SC', 'PCSO']) });
    const male = sub.female ? 'female' : 'male';
    c.one('S/S conducted under s23 MDA. ', 'Stop search under s23 MDA. ', 'S23 MDA search. ', 'STOP SEARCH - S23 MDA. ');
    if (c.rng.chance(0.5)) {
      c.t('Vehicle ').vrm(c.vrmValue()).t(' stopped following ANPR activation - drugs marker. Driver: ');
      c.full(sub).dob(sub).t('.');
      c.one(' Strong smell of cannabis from vehicle', ' Driver nervous, hands shaking', ' Occupants seen to hand something through window').t('.');
    } else {
      c.t(`Grounds: strong smell of cannabis coming from ${male}, seen to pass small item to another male in exchange for cash, ${male} tried to walk away on seeing officers. Subject `).full(sub).dob(sub).t(', address given ').address().t('.');
    }
    c.t(' Search conducted by ').off(o1).t(' with ').off(o2).t(' present. GOWISELY explained, receipt provided.');
    c.one(' Found: 3 x small snap bags of green herbal substance believed cannabis.', ' Found: 12 x wraps of white powder believed cocaine and ' + c.money(100, 900) + ' cash.', ' Nothing found.', ' Found: a grinder with residue.');
    c.t(' ').surname(sub).one(' admitted it was for personal use.', ' made no comment.', ' was arrested PWITS.', ' given words of advice.');
    if (c.rng.chance(0.5)) c.t(' Phone seized, number ').phone(1).t('.');
  },
};

const ssWeapons: Scenario = {
  id: 'ss-weapons', kind: 'stop_search', category: 'possession-of-weapons', weight: 3, suspect: true, maleSuspect: true, location: onOrNear,
  write(c) {
    const sub = c.suspect({ minAge: 14, maxAge: 30, female: false });
    const mum = c.person({ female: true, minAge: 35, maxAge: 55, surname: sub.surname });
    const supt = c.officer({ rank: 'Supt' }), o1 = c.officer({ rank: 'PC' }), o2 = c.officer({ rank: 'PC' });
    if (c.rng.chance(0.5)) c.t('Stop search - s60 CJPOA authorised by ').off(supt).t(` for ${c.place.town} town centre following a stabbing on ${c.ddmm}. `);
    else c.t('Stop and search s1 PACE - offensive weapon. ');
    c.t('Subject seen by ').off(o1).t(' and ').off(o2).one(' adjusting something in his waistband and looking around nervously.', ' walking with a group matching the clothing description.', '.');
    c.t(' Subject gave details as ').full(sub).dob(sub).t(', ').address().t('.');
    c.t(` Search found ${c.pick(['a lock knife in his right sock', 'a screwdriver with a sharpened tip in his waistband', 'a kitchen knife in his bag', 'nothing'])}.`);
    c.t(' ').surname(sub).one(' stated it was for protection.', ' made no reply.', ' was arrested.');
    c.t(' Mum ').full(mum).t(' informed on ').phone().t('.');
    c.one(' BWV on. Receipt issued.', ' Receipt issued. YOT referral.', ' BWV on.');
  },
};

const ssEquipped: Scenario = {
  id: 'ss-equipped', kind: 'stop_search', category: 'other-theft', weight: 2, suspect: true, location: onOrNear,
  write(c) {
    const sub = c.suspect({ minAge: 16, maxAge: 45 });
    const o = c.officer({ rank: 'PC' });
    c.t('S1 PACE - stolen articles / going equipped. ').full(sub).dob(sub).t(' seen trying car door handles on ').t(`${c.place.street} at ${c.hhmm}hrs.`);
    c.t(' Searched by ').off(o).t('. Found: ');
    if (c.rng.chance(0.35)) {
      const owner = c.person({ minAge: 20, maxAge: 80 });
      c.t('a bank card in the name of ').initials(owner).t(', card number ').card().t('.');
    } else c.one('a screwdriver, gloves and a torch.', `two mobile phones not belonging to ${c.him(sub)}.`, 'a slim jim and a set of keys.');
    c.t(' Gave address as ').address().t('. ').surname(sub).one(' arrested on suspicion of going equipped.', ' reported for summons.', ' NFA, intel submitted.');
  },
};

/** A postcode district such as `L20` or `SE6`: not personal data, never labelled. */
function district(c: Ctx): string {
  return `${c.pick(c.geo.postcodeAreas)}${c.rng.range(1, 29)}`;
}

const hateCrime: Scenario = {
  id: 'hate-crime', kind: 'crime', category: 'public-order', weight: 2, suspect: false,
  location: (c) => c.pick([`Bus stop, ${c.place.street}, ${c.place.town}`, onOrNear(c)]),
  write(c) {
    const ip = c.person({ minAge: 18, maxAge: 70 });
    const kid = c.person({ minAge: 6, maxAge: 15, surname: ip.surname });
    const o = c.officer({ rank: 'PC' });
    c.one('Racially aggravated s5 POA. ', 'Hate crime - public order. ', 'RA s4A POA. ');
    c.t('Caller ').full(ip).t(` reports a ${c.pick(['white male in his 60s', 'male in his 30s', 'group of teenagers', 'female in her 40s'])} shouted racist abuse at ${c.him(ip)} and ${c.his(ip)} ${c.rel(kid, ['son', 'nephew'], ['daughter', 'niece'])} `).forename(kid).age(kid);
    c.t(` at the bus stop on ${c.place.street}, then got on the number ${c.rng.range(1, 99)} bus, reg `).vrm(c.vrmValue()).t('.');
    const depot = c.person({ minAge: 25, maxAge: 60 });
    c.t(' Bus CCTV requested via ').forename(depot).t(' at the depot. Caller tel ').phone().t(', address ').address().t('.');
    c.t(' ').off(o).one(' attended. Hate crime flag added.', ' attended, H2H negative.', ' to review CCTV.').one(' Duty Inspector informed.', '', ' Community tension assessment by the Sgt.');
  },
};

const drugsWarrant: Scenario = {
  id: 'drugs-warrant', kind: 'crime', category: 'drugs', weight: 2, suspect: true, location: residential,
  write(c) {
    const a = c.suspect({ minAge: 18, maxAge: 45 });
    const b = c.person({ minAge: 16, maxAge: 30 });
    const insp = c.officer({ rank: c.pick(['Insp', 'DS', 'DI']) }), o = c.officer({ rank: 'PC' });
    c.one('S23 MDA warrant executed ', 'Drugs warrant executed ', 'WARRANT - s23 MDA executed ').t(`at ${c.hhmm}hrs at `).address({ postcode: 0.7 }).t(' under the authority of ').off(insp).t('.');
    c.t(' Occupants: ').full(a).dob(a).t(' (').pnc().t(') and ').full(b).dob(b).t('.');
    c.t(` Found: ${c.rng.range(10, 90)}g of ${c.pick(['cocaine', 'cannabis', 'crack cocaine', 'heroin'])}, digital scales, ${c.money(300, 9000)} cash and ${c.rng.range(2, 5)} mobile phones including the line phone `).phone(1).t('.');
    c.t(' ').surname(a).one(' arrested PWITS.', ' arrested for possession with intent to supply.').t(' ').surname(b).one(' released under investigation.', ' NFA.', ' reported for possession.');
    c.t(' Exhibits booked in by ').off(o).t(`. Intel suggests supply across ${district(c)} and ${district(c)}.`);
  },
};

const shopRobbery: Scenario = {
  id: 'shop-robbery', kind: 'crime', category: 'robbery', weight: 1, suspect: false,
  location: (c) => `${c.pick(['Convenience store', 'Off licence', 'Petrol station'])}, ${c.place.street}, ${c.place.town}`,
  write(c) {
    const staff = c.person({ minAge: 18, maxAge: 65 });
    const o = c.officer({ rank: 'DC' });
    c.one('Robbery - business. ', 'Commercial robbery. ', 'ROBBERY OF SHOP. ');
    c.t(`At ${c.hhmm}hrs ${c.rng.range(2, 3)} males entered the ${c.pick(SHOPS)} on ${c.place.street}, one armed with a ${c.pick(['hammer', 'knife', 'crowbar', 'what appeared to be a handgun'])}, and demanded cash from staff member `).full(staff).t('.');
    c.t(` Approx ${c.money(200, 2500)} and cigarettes taken. Suspects `).one('left in a ', 'made off in a ', 'got into a ');
    const p = c.vrmValue();
    if (p.kind === 'partial') c.t(`${c.pick(['dark', 'silver', 'white'])} hatchback, partial VRM believed to be `).vrm(p);
    else c.vehicle();
    c.t('. ').ref(staff).one(' shaken but uninjured.', ' has a cut to the hand.', ' pressed the panic alarm.');
    c.t(' Suspect 1: '); descr(c); c.t('. Contact for ').forename(staff).t(' ').phone().t('.');
    c.t(` Poss linked to similar in ${district(c)} last week. OIC `).off(o).t('.');
  },
};

const slaveryIntel: Scenario = {
  id: 'intel-slavery', kind: 'intelligence', category: 'other-crime', weight: 1, suspect: true,
  location: (c) => `Hand car wash, ${c.place.street}, ${c.place.town}`,
  write(c) {
    const boss = c.suspect({ minAge: 25, maxAge: 55, female: false });
    const w1 = c.person({ minAge: 18, maxAge: 40, female: false }), w2 = c.person({ minAge: 18, maxAge: 40, female: false });
    const o = c.officer({ rank: 'DC' });
    grading(c);
    c.t('Workers at a hand car wash on ').t(`${c.place.street} are believed to be victims of modern slavery. The business is run by `).full(boss).dob(boss).t(' who is said to hold the workers\' documents, including ');
    c.full(w1).t("'s ").passport().t(' and ').full(w2).t("'s ").passport().t('.');
    c.t(' Workers live at ').address().t(' and are paid cash, well below minimum wage.');
    c.t(' ').surname(boss).t(' banks takings via ').iban().t(' and uses phone ').phone(1).t('.');
    c.t(' Recommend joint visit with GLAA. Submitted ').off(o).t('.');
  },
};

const traffic: Scenario = {
  id: 'traffic-stop', kind: 'incident', category: 'other-crime', weight: 2, suspect: true, location: onOrNear,
  write(c) {
    const d = c.suspect({ minAge: 17, maxAge: 70 });
    const o = c.officer({ rank: c.pick(['PC', 'PS']) });
    c.one('Vehicle stop. ', 'RTC/traffic - vehicle stopped. ', 'ANPR hit - no insurance. ');
    c.t('A ').vehicle().t(` stopped on ${c.place.street} at ${c.hhmm}hrs by `).off(o).t('.');
    c.t(' Driver ').full(d).dob(d).t(', ').licence(d).t('.');
    c.one(' PNC shows driver disqualified.', ' No insurance on MID.', ' Driver provided positive roadside breath test.', ' Vehicle has no MOT.');
    c.t(' Driver gave address as ').address().t(' and phone ').phone().t('.');
    c.one(' Vehicle seized s165.', ' Reported for summons.', ' Arrested and conveyed to custody.', ' TOR issued.');
  },
};

const tools: Scenario = {
  id: 'tools-van', kind: 'crime', category: 'vehicle-crime', weight: 2, suspect: false, location: onOrNear,
  write(c) {
    const ip = c.person({ minAge: 20, maxAge: 65, female: false });
    const n2 = c.person({ minAge: 20, maxAge: 65, female: false });
    const o = c.officer({ rank: 'PC' });
    c.t('Theft from motor vehicle. Tradesman ').full(ip).t(' reports his van ').vrm(c.vrmValue()).t(` (${c.pick(['white Ford Transit Custom', 'white Citroen Dispatch', 'silver VW Transporter', 'white Vauxhall Vivaro'])}) broken into overnight outside his home `).address().t(` - lock punched, ${c.money(500, 6000)} of tools stolen including Makita and DeWalt.`);
    c.t(' Similar offence 2 streets away, van ').vrm(c.vrmValue()).t(', owner ').full(n2).t(' tel ').phone().t('.');
    c.t(' ').surname(ip).t(' tel ').phone().t('. Tools are security marked with his postcode.');
    c.t(` Poss linked to series in ${district(c)}. OIC `).off(o).t('.');
  },
};

/** A log header some forces put first: call time, CAD or crime reference. Plain text only. */
export function opener(c: Ctx): void {
  const r = c.rng.next();
  if (r < 0.06) c.t(`CAD ${c.rng.range(1, 9999)} ${c.ddmm}. `);
  else if (r < 0.1) c.t(`Time of call ${c.hhmm}. `);
  else if (r < 0.13) c.t(`${c.logRef().toUpperCase()} - `);
  else if (r < 0.15) c.t(`Grade ${c.pick(['1', '2', '3', 'S'])} response. `);
}

/** Circumstantial sentences by kind of record: no personal data, just the texture of real logs. */
const DETAIL: Readonly<Record<NarrativeKind, readonly string[]>> = {
  crime: [
    'Nothing similar has happened to the IP before.', 'IP wishes to be kept updated by email.', 'IP is willing to attend court if required.',
    'IP was shaken but did not require medical attention.', 'IP was given a crime prevention leaflet.', 'IP has been given the crime reference.',
    'IP does not wish to make a statement at this time.', 'IP was happy with the police response.', 'Initial investigation completed.',
  ],
  incident: [
    'Call graded as immediate.', 'Caller sounded distressed and was crying.', 'Call handler could hear shouting in the background.',
    'Log reviewed by the control room supervisor.', 'Caller has called 3 times previously this month.', 'Units diverted from a lower grade call.',
    'Weather dry, street lighting on.', 'Caller did not want to be seen speaking to police.', 'Previous calls to this address are linked on the log.',
  ],
  intelligence: [
    'This intelligence is corroborated by previous logs.', 'Source has direct access to the subject.', 'The subject is believed to be aware of police interest.',
    'Not to be disseminated outside the force without reference to the originator.', 'No further research has been conducted at this time.',
    'Open source checks conducted with nil trace.', 'Risk assessed as high due to the presence of weapons.',
  ],
  stop_search: [
    'Subject was compliant throughout.', 'Subject became agitated and was handcuffed for officer safety.', 'Search of outer clothing only, in a public place.',
    'Subject provided details voluntarily.', 'Self-defined ethnicity recorded.', 'Search conducted out of public view in the police vehicle.',
    'Subject was given a copy of the search record.', 'Grounds explained to the subject, who said he understood.',
  ],
};

/** One to three circumstantial sentences for the record's kind. */
export function detail(c: Ctx, kind: NarrativeKind): void {
  for (const line of c.rng.sample(DETAIL[kind], c.rng.weighted([30, 40, 22, 8]))) c.t(` ${line}`);
}

/** Closing lines and updates that real logs accrete: references, referrals, later entries. */
export function coda(c: Ctx): void {
  const n = c.rng.weighted([22, 38, 28, 12]);
  let prev = -1;
  for (let k = 0; k < n; k++) {
    // One line of each sort at most, as a log would not repeat itself.
    const r = c.rng.next();
    if (Math.floor(r * 12) === prev) continue;
    prev = Math.floor(r * 12);
    const p = c.people.length > 0 ? c.pick(c.people) : null;
    const o = c.officers.length > 0 ? c.pick(c.officers) : null;
    if (r < 0.14) c.t(` ${c.pick(['Crime ref given.', 'Crime number issued.', 'Ref given to caller.', 'Crime ref provided to IP.'])}`);
    else if (r < 0.26) c.t(` ${c.pick(['Victim Support referral offered.', 'VS referral declined.', 'VCOP explained.', 'Victim care letter sent.'])}`);
    else if (r < 0.36) c.t(` ${c.pick(['BWV reviewed.', 'Nil injuries.', 'Nil further.', 'Supervisor reviewed.', 'Duty Inspector aware.', 'Risk reviewed by the Sgt.', 'Intel log submitted.'])}`);
    else if (r < 0.5 && o) { c.t(` UPDATE ${c.ddmm} ${c.later(c.rng.range(60, 900))}: `).off(o).t(` ${c.pick(['conducted further enquiries, nil trace.', 'reviewed CCTV, no further lines.', 'spoke to the IP, updated.', 'submitted file to CPS.', 'filed pending further info.'])}`); }
    else if (r < 0.62 && p) { c.t(` ${c.pick(['Spoke to ', 'Updated ', 'Left voicemail for ', 'Called back '])}`).ref(p).t(`${c.pick([' - no answer.', ', happy with update.', ', no further info.', '.'])}`); }
    else if (r < 0.72 && p) { c.t(' ').ref(p).t(` ${c.pick(["doesn't support police action.", 'supports a prosecution.', 'to provide w/s.', 'given crime prevention advice.', 'informed of outcome.'])}`); }
    else if (r < 0.76) c.t(` ${c.pick(['NFA.', 'Filed.', 'Undetected - filed pending.', 'Closed.', 'Await forensics.'])}`);
    else if (r < 0.84) c.t(` ${c.pick([`CCTV trawl requested from the ${c.pick(SHOPS)} on ${c.place.street}.`, 'Area search conducted with negative result.', 'H2H enquiries at neighbouring addresses, nil witnesses.', 'Scene photographed and BWV reviewed.', 'Nil CCTV at the locus.', 'Forensic opportunities considered, none identified.'])}`);
    else if (r < 0.92) {
      const w = c.person({ minAge: 18, maxAge: 80 });
      c.t(` ${c.pick(['Independent witness ', 'Witness ', 'Passer-by ', 'Neighbour '])}`).full(w).t(c.pick([' tel ', ' on ', ', contact ', ' - '])).phone().t(c.pick([', to provide w/s.', '.', ', statement to follow.', ' (not yet spoken to).']));
    } else {
      const o2 = c.officer({ rank: c.pick(['DC', 'PC', 'DS']) });
      c.t(` ${c.pick(['Handed over to ', 'Allocated to ', 'Reallocated to ', 'For the attention of '])}`).off(o2).t(c.pick([' for investigation.', '.', ' (CID).', ' on lates.']));
    }
  }
}

export const SCENARIOS: readonly Scenario[] = [
  hateCrime, drugsWarrant, shopRobbery, slaveryIntel, traffic, tools,
  asbYouths, asbNeighbour, asbBikes, daIncident, disorder, welfare, roadRage,
  burglaryDwelling, burglaryBusiness, shoplifting, vehicleTheft, tfmv, robbery, assault, arson, fraud, harassment,
  bicycle, theftPerson, otherTheft, marketplace,
  intelDrugs, intelWeapons, intelVehicles, intelMules,
  ssDrugs, ssWeapons, ssEquipped,
];

export const SUSPECT_SCENARIOS: readonly Scenario[] = SCENARIOS.filter((s) => s.suspect);
