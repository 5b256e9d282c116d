/**
 * Emerging modus operandi: distinctive methods that appear in one force in one month and spread to
 * its neighbours over the following months. Each is written in several phrasings so a detector must
 * recognise the method, not one fixed string; `keyPhrases` are the words every write-up contains
 * (in some case), for scoring.
 */
import type { CrimeCategory } from '../../standard/index.ts';
import type { Ctx } from './ctx.ts';
import type { Scenario } from './scenarios.ts';

export interface MoSpec {
  readonly id: string;
  readonly description: string;
  readonly category: CrimeCategory;
  readonly keyPhrases: readonly string[];
  readonly scenario: Scenario;
}

const catalytic: Scenario = {
  id: 'mo-catalytic-grinder', kind: 'crime', category: 'vehicle-crime', weight: 0, suspect: false,
  location: (c) => c.pick([`On or near ${c.place.street}, ${c.place.town}`, `Car park, ${c.place.street}, ${c.place.town}`, `Residential street, ${c.place.town}`]),
  write(c: Ctx) {
    const ip = c.person({ minAge: 25, maxAge: 85 });
    const w = c.person({ minAge: 20, maxAge: 80 });
    const o = c.officer({ rank: c.pick(['PC', 'DC', 'PCSO']) });
    c.one('Theft from motor vehicle - catalytic converter. ', 'TFMV - cat converter. ', 'Vehicle crime. ', 'Catalytic converter theft. ');
    c.t('IP ').full(ip).t(` reports ${c.his(ip)} `).t(`${c.pick(['silver', 'white', 'blue', 'grey'])} ${c.pick(['Toyota Prius', 'Toyota Auris hybrid', 'Honda Jazz', 'Lexus RX450h', 'Toyota Yaris hybrid'])} `).vrm(c.vrmValue());
    c.one(' parked outside ', ' parked on the drive at ', ' left overnight at ').address({ postcode: 0.5 }).t('.');
    c.one(' Catalytic converter cut off using a battery powered angle grinder', ' The catalytic converter has been sawn off with a cordless angle grinder', ' Cat converter removed in under 2 minutes with a battery angle grinder', ' Catalytic convertor cut out, witness heard an angle grinder');
    c.one(', vehicle jacked up on the pavement side.', ', two cuts either side of the cat.', '. Trolley jack marks on the sill.', '.');
    c.t(' Witness ').full(w).t(` heard a loud grinding noise at approx ${c.hhmm}hrs and saw ${c.rng.range(2, 3)} males in hi-vis`).one(' get into a ', ' leave in a ', ' drive off in a ').vehicle().t('.');
    c.t(' IP tel ').phone().t('.');
    c.one(' Vehicle undriveable, recovered to garage.', ' Scrap metal dealers to be checked.', ' Similar offences in the area recently.');
    c.t(' OIC ').off(o).t('.');
  },
};

const courier: Scenario = {
  id: 'mo-courier-bank', kind: 'crime', category: 'other-crime', weight: 0, suspect: true,
  location: (c) => `Victim's home, ${c.place.town}`,
  write(c: Ctx) {
    const ip = c.person({ minAge: 70, maxAge: 95, female: c.rng.chance(0.7) });
    const courierP = c.suspect({ minAge: 17, maxAge: 30, female: false });
    const son = c.person({ minAge: 40, maxAge: 65, surname: ip.surname });
    const o = c.officer({ rank: 'DC' });
    const her = c.his(ip);
    c.one('Courier fraud. ', 'Fraud - courier / bank impersonation. ', 'Courier fraud (bank impersonation). ');
    c.t('IP ').full(ip).age(ip).t(' of ').address({ here: true }).t(` received a call on ${her} landline `).phone(0);
    c.t(` from a male claiming to be from the ${c.pick([`fraud team at ${her} bank`, 'bank fraud department', 'bank security team'])}`);
    if (c.rng.chance(0.35)) c.t(`, who knew the last digits of ${her} card (`).cardEnding().t(').');
    else c.one(`, who said ${her} card had been cloned.`, ', saying there were suspicious payments.');
    c.t(` ${ip.female ? 'She' : 'He'} was told to `).one(`read out ${her} PIN and hand ${her} bank card to a courier`, `put ${her} bank cards and PIN in an envelope for a courier`, `hand ${her} cards to a courier sent by the bank`).t(' who would collect them.');
    c.t(` A courier attended ${c.pick(['within the hour', 'at ' + c.later(45) + 'hrs', 'shortly after'])} and took the cards. `).one('Courier described as ', 'Courier: ');
    c.t(`${c.pick(['IC1', 'IC2', 'IC3'])} male, ${c.year - courierP.dob.y}, `).one('slim build, black puffer jacket.', 'wearing a grey hoodie.', 'polite, well spoken.');
    c.t(` ${c.money(900, 9000)} withdrawn from ATMs the same day. Doorbell footage identifies the courier as `).full(courierP).dob(courierP).t('.');
    c.t(' IP\'s son ').full(son).t(' reported, tel ').phone().t('.');
    c.one(' Vulnerable adult referral submitted.', ' Banking protocol explained.', ' Bank notified, cards cancelled.');
    c.t(' OIC ').off(o).t('.');
  },
};

const waterBoard: Scenario = {
  id: 'mo-water-board-distraction', kind: 'crime', category: 'burglary', weight: 0, suspect: true,
  location: (c) => `Victim's home, ${c.place.town}`,
  write(c: Ctx) {
    const ip = c.person({ minAge: 72, maxAge: 96, female: c.rng.chance(0.65) });
    const sus = c.suspect({ minAge: 25, maxAge: 55, female: false });
    const nb = c.person({ minAge: 30, maxAge: 80 });
    const o = c.officer({ rank: c.pick(['DC', 'PC']) });
    const her = c.his(ip);
    c.one('Distraction burglary. ', 'Burglary dwelling - distraction. ', 'Artifice burglary (bogus official). ');
    c.t('IP ').full(ip).age(ip).t(' of ').address({ here: true });
    c.one(' answered the door to a male claiming to be from the water board', ' was called on by a male posing as water board staff', ' let in a male who said he was from the water board');
    c.one(', saying there was a leak in the street and the water pressure had to be checked.', ', who said the water had been contaminated and the taps had to be run.', ', checking the water pressure after a burst main.');
    c.t(` While IP was kept running the kitchen taps, a second male entered and searched the ${c.pick(['bedroom', 'front room', 'upstairs'])}.`);
    c.t(' ').one('Cash tin', 'Gold jewellery and cash', `${her} purse and bank cards`, 'Wedding ring and savings').t(` (approx ${c.money(200, 4000)}) taken.`);
    c.t(' First male described as ').one('white, 40s, hi-vis vest and clipboard.', 'IC1 male, lanyard with a water board badge.', 'well spoken, blue overalls, carrying a water board ID card.');
    if (c.rng.chance(0.5)) c.t(' Neighbour ').full(nb).t(' saw both males leave in a ').vehicle().t('.');
    if (c.rng.chance(0.4)) c.t(' Doorbell footage identifies the first male as ').full(sus).dob(sus).t('.');
    c.t(' IP contact ').phone(0.3).t('.');
    c.one(' Water company confirmed no staff in the area.', ' Vulnerable adult referral submitted.', ' Trading Standards informed.');
    c.t(' OIC ').off(o).t('.');
  },
};

const foilBag: Scenario = {
  id: 'mo-foil-lined-bag', kind: 'crime', category: 'shoplifting', weight: 0, suspect: true,
  location: (c) => `${c.pick(['Department store', 'Clothing store', 'Retail store'])}, ${c.place.street}, ${c.place.town}`,
  write(c: Ctx) {
    const sg = c.person({ minAge: 20, maxAge: 60 });
    const sus = c.suspect({ minAge: 17, maxAge: 45 });
    const o = c.officer({ rank: c.pick(['PC', 'PCSO']) });
    c.one('Shoplifting. ', 'Theft from shop. ', 'Shop theft - organised. ');
    c.t('Store detective ').full(sg).t(' at ').address({ business: true, postcode: 0.5 });
    c.one(' reports a male and female concealed ', ' saw two suspects put ', ' states a lone female placed ');
    c.t(`${c.pick(['designer clothing', 'perfume', 'electric toothbrushes', 'razor blades'])} worth ${c.money(150, 1800)}`);
    c.one(' in a foil lined bag', ' into a foil-lined bag', ' in a carrier bag lined with tin foil', ' into a foil lined holdall');
    c.one(' to defeat the tag alarms at the exit.', ' so the security tags did not set off the door alarms.', ' to beat the anti-theft gates.');
    if (c.rng.chance(0.5)) c.t(' CCTV identifies one suspect as ').full(sus).dob(sus).t('.');
    c.one(' Bag recovered and retained as evidence.', ' Suspects made off on foot.', ' Similar thefts reported by other stores in the chain.');
    c.t(' OIC ').off(o).t('.');
  },
};

/** In the order the generator plants them: the first reaches 5 records a month in the last month generated. */
export const MOS: readonly MoSpec[] = [
  { id: 'distraction-burglary-water-board', description: 'distraction burglaries by callers posing as water-board staff while an accomplice searches the home', category: 'burglary', keyPhrases: ['water board'], scenario: waterBoard },
  { id: 'catalytic-converter-battery-grinder', description: 'catalytic converters cut from hybrid cars with battery angle grinders', category: 'vehicle-crime', keyPhrases: ['angle grinder'], scenario: catalytic },
  { id: 'courier-fraud-posing-as-bank', description: 'courier fraud: caller poses as the bank fraud team and sends a courier to collect cards and PIN', category: 'other-crime', keyPhrases: ['courier'], scenario: courier },
  { id: 'shoplifting-foil-lined-bag', description: 'shop thefts with bags lined with foil to defeat the tag alarms', category: 'shoplifting', keyPhrases: ['foil'], scenario: foilBag },
];
