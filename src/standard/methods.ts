/**
 * The method (modus operandi, MO) vocabulary of the national standard, version 1: the features an
 * analyst compares when asking whether two crimes were committed the same way (comparative case
 * analysis), each a closed list of values with the phrases that signal them in a narrative.
 *
 * Features:
 * - `entry_point`: where the offender got in (front door, rear door, patio door, window ...).
 * - `entry_method`: how (lock snapped, forced or pried, glass broken, insecure, key used ...).
 * - `target`: what was attacked (a dwelling, a shop, another business, a vehicle, a person ...).
 * - `approach`: how the offender got to the victim or property, including deception (posing as an
 *   official, as the bank, as a tradesperson; a phone call; online; a confrontation ...).
 * - `tools_weapons`: tools used or weapons shown (knife, firearm, pry tool, angle grinder ...).
 * - `property`: what was taken (cash, jewellery, electronics, tools ...), or nothing.
 * - `vehicle`: vehicles described as the offender's or the one attacked: body type and colour.
 * - `time_of_day`: night 00–06, morning 06–12, afternoon 12–18, evening 18–24 (from the time the
 *   record says it occurred, and words such as "overnight").
 * - `day_of_week`: monday … sunday (from the occurrence date, and named days in the text).
 * - `victim`: the victim's profile (elderly, young, lone female, lives alone, vulnerable,
 *   business, tradesperson, student).
 *
 * Each value lists `patterns`: regular-expression sources, matched case-insensitively at word
 * boundaries over the narrative (police-log abbreviations included: "res", "veh", "susp", "IP").
 * A match preceded in its clause by a negation ("no", "not", "nil", "without", "negative") does not
 * count unless the value says `negatable: false` (e.g. "nothing taken" is itself the value `none`).
 * Values are lower-case snake_case, stable across versions: a value is never renamed, only added.
 */

export const METHOD_FEATURES = [
  'entry_point', 'entry_method', 'target', 'approach', 'tools_weapons', 'property', 'vehicle',
  'time_of_day', 'day_of_week', 'victim',
] as const;
export type MethodFeature = (typeof METHOD_FEATURES)[number];

export interface MethodValueSpec {
  readonly value: string;
  readonly description: string;
  /** Regular-expression sources, matched case-insensitively and wrapped in word boundaries. */
  readonly patterns: readonly string[];
  /** False when a preceding negation must not cancel the match. Default true. */
  readonly negatable?: boolean;
}

const v = (value: string, description: string, patterns: readonly string[], negatable = true): MethodValueSpec =>
  ({ value, description, patterns, negatable });

/** The values of each feature and the phrases that signal them. */
export const METHOD_VOCABULARY: Readonly<Record<MethodFeature, readonly MethodValueSpec[]>> = {
  entry_point: [
    v('front_door', 'the front door', ['front (?:door|entrance)', 'fr(?:on)?t dr']),
    v('rear_door', 'a rear or back door, fire door or kitchen door', ['(?:rear|back|kitchen|side|fire|utility)(?: fire)? doors?', 'rear dr', 'back dr']),
    v('patio_door', 'patio, French or bi-fold doors', ['patio doors?', 'french doors?', 'bi-?fold doors?', 'sliding doors?']),
    v('window', 'a window or fanlight', ['(?:kitchen |bedroom |bathroom |rear |front |ground floor |side |lounge |toilet )?windows?', 'fanlight', 'skylight', 'wndw', 'wind(?:ow)?s? (?:pane|frame)']),
    v('garage_shed', 'a garage, shed or outbuilding', ['garage', 'sheds?', 'outbuildings?', 'out ?house', 'lock-?up', 'workshop']),
    v('roof', 'the roof', ['roof(?:top)?', 'roof tiles?']),
    v('shutter', 'a shop shutter or roller door', ['(?:front |roller |metal )?shutters?', 'roller door']),
    v('vehicle_door', 'a vehicle door or window', ['drivers? (?:side )?(?:door|window)', 'passenger (?:side )?(?:door|window)', 'quarter ?lights?', '(?:veh|vehicle|car|van)(?:\'s)? (?:door|window)', 'side door of the van', 'rear doors of the van']),
  ],
  entry_method: [
    v('lock_snapped', 'a euro-cylinder lock snapped', ['lock (?:was |has been )?snapped', 'snapped (?:the )?(?:euro )?(?:cylinder )?lock', 'lock snapping', 'cylinder (?:lock )?(?:was )?snapped', 'euro[- ]?cylinder', 'snapped']),
    v('forced', 'forced or pried open', ['forced(?: open)?', 'pr(?:y|ised|ied) (?:open|marks?)', 'pry marks?', 'jemmi(?:ed|ed open)', 'jemmy marks?', 'levered', 'kicked (?:in|open)', 'forced entry', 'door panel (?:kicked|smashed) in', 'broke(?:n)? (?:in|into)', 'b/i']),
    v('glass_broken', 'glass smashed or broken', ['smash(?:ed|ing)', 'broke(?:n)? (?:the )?(?:[\\w\']+ ){0,3}(?:window|glass|pane|windscreen)', 'glass (?:broken|smashed)', 'breaking glass', 'glass breaking', 'broken glass', 'window (?:was )?broken']),
    v('insecure', 'an insecure or unlocked door or window', ['insecure', 'unlocked', 'left open', 'open window', 'not locked', 'walk-?in', 'no sign(?:s)? of forced? entry'], false),
    v('key', 'a key or keyless relay used', ['keys? (?:was |were )?used', 'spare key', 'using (?:a |the )?key', 'keyless(?: relay)?', 'relay (?:attack|device)', 'signal (?:booster|relay)', 'key ?fob', 'cloned key']),
    v('lock_punched', 'a vehicle lock punched or pulled', ['lock (?:was )?punched', 'punched (?:the )?lock', 'lock pulled', 'peeled']),
    v('cut', 'a padlock, chain, lock or part cut', ['padlock (?:was |has been )?cut', '(?:lock|chain|cable|bolt|fence|wire) (?:was |has been )?cut', 'cut (?:off|out|through)', 'sawn off', 'bolt ?croppers', 'cut (?:the )?(?:lock|padlock|chain)']),
    v('deception', 'let in or handed over after a deception', ['let (?:him|her|them|the male|the female|the males) in', 'invited (?:in|inside)', 'allowed (?:him|her|them) (?:in|inside|entry)', 'gained entry by deception', 'hand(?:ed)? (?:over )?(?:\\w+ )?cards? to a courier']),
  ],
  target: [
    v('dwelling', 'a home', ['burglary dwelling', 'res(?:idential)? burglary', 'burglary - residential', 'dwelling', 'house', 'home address', 'returned home', 'res\\b', 'residence', '(?:his|her|their) (?:home|flat|house)', 'flat', 'bungalow', 'apartment', 'apt']),
    v('shop', 'a shop or store', ['shop(?:lifting)?', 'store', 'supermarket', 'newsagents?', 'pharmacy', 'retail', 'convenience', 'off[- ]licen[cs]e', 'jewell?ers', 'petrol station', 'garage forecourt', 'co-?op', 'tesco', 'boots', 'aldi', 'lidl', 'sainsburys?', 'asda']),
    v('business', 'other business or commercial premises', ['business premises', 'commercial premises', 'burglary - business', 'botd', 'burglary other than dwelling', 'depot', 'warehouse', 'office', 'industrial unit', 'unit \\d+', 'barbers', 'pub', 'restaurant', 'takeaway', 'construction site', 'building site', 'farm']),
    v('vehicle', 'a car or other motor vehicle', ['tfmv', 'tomv', 'theft (?:of|from) (?:a )?(?:motor )?vehicles?', 'vehicle crime', 'catalytic', 'cat convert[eo]r', 'bmv', 'uumv', '(?:comp(?:\'?s)?|ip\'?s|his|her|their) (?:veh|vehicle|car)', 'parked']),
    v('van', 'a tradesperson\'s van', ['tradesm[ae]n', '(?:his|her|their) van', 'work van', 'van (?:broken|was broken) into', 'tools stolen']),
    v('person', 'a person in a public place', ['robbery', 'robbed', 'snatch(?:ed)?', 'pickpocket(?:ed)?', 'theft from (?:the )?person', 'mugged', 'walking along', 'approached by', 'street robbery']),
    v('bank_account', 'the victim\'s bank account or savings', ['courier fraud', 'bank impersonation', 'investment fraud', 'fraud', 'transferred', 'bank transfer', 'withdrawn', 'account (?:was )?emptied', 'safe account']),
    v('bicycle', 'a pedal cycle', ['pedal cycle', 'bicycle', '(?:road|mountain|e-?)bike (?:was )?(?:stolen|taken)', 'cycle theft']),
  ],
  approach: [
    v('posing_as_official', 'posing as a utility, council, police or health official', ['(?:posing|pos(?:ed|es)|claim(?:ed|ing|s)|pretend(?:ed|ing)|purport(?:ed|ing)) (?:as |to be )?(?:from )?(?:the |a |an )?(?:water|gas|electric(?:ity)?|council|police|nhs|health|meter|utility|housing)', 'water board', 'bogus (?:official|police|water|gas)', 'fake (?:police|official|id)', 'showed (?:a )?(?:fake )?id(?:entity)? card', 'from the water (?:company|board)', 'checking (?:the )?(?:water|gas|pipes|meter)']),
    v('posing_as_bank', 'posing as the bank or police fraud team, often sending a courier', ['(?:claiming|claimed|posing|pretending) (?:as |to be )?(?:from )?(?:the |her |his )?(?:\\w+ )?(?:bank|fraud)', 'bank fraud (?:team|department)', 'fraud (?:team|department)', 'bank security team', 'courier', 'safe account']),
    v('bogus_tradesperson', 'a cold-calling tradesperson offering work', ['bogus (?:trader|tradesm[ae]n|workm[ae]n|builder|roofer)', 'rogue trader', 'cold[- ]call(?:ed|ing|er)? (?:at|offering)', 'offer(?:ed|ing) to (?:fix|repair|clean|do|jet ?wash|cut)', '(?:roof|gutter|driveway|tree|garden)(?:ing)? (?:work|repairs)', 'loose (?:roof )?tiles?']),
    v('phone_call', 'a telephone call or text to the victim', ['(?:received|had|took) a (?:phone ?)?call', 'cold call(?:ed)?', 'rang (?:her|him|the ip)', 'phoned', 'on (?:her|his) landline', 'text message', 'whats ?app']),
    v('online', 'met or reached online', ['online', 'facebook', 'marketplace', 'instagram', 'website', 'gumtree', 'ebay', 'dating (?:app|site)', 'crypto', 'investment platform', 'app\\b', 'e-?mailed (?:her|him|the ip)', 'emails? (?:from|claiming)']),
    v('confrontation', 'approached and threatened or demanded property', ['demand(?:ed|ing)', 'threaten(?:ed|ing)', 'produced (?:a |an )?', 'pointed (?:a |an )?', 'told (?:comp|ip|him|her) (?:he|she) had a', 'give me your', 'held (?:a |an )?\\w+ to', 'approached (?:by|the)']),
    v('distraction', 'one offender distracts while another steals', ['distract(?:ed|ion|ing)', 'while (?:the )?(?:other|another|second)', 'kept (?:her|him|the ip) talking', 'asked for (?:a )?(?:glass of )?water', 'asked to use the toilet']),
    v('two_wheeler', 'on a moped, motorbike, e-bike or pedal cycle', ['on (?:a |an )?(?:moped|motorbike|scooter|e-?bikes?|e-?scooters?|pushbikes?|push bikes?|bikes?|bicycles?)', 'moped', 'e-?bike', 'rode (?:up|off)']),
    v('sneak_in', 'entered while the occupants were in or asleep', ['(?:while|whilst) (?:the )?(?:family|occupants?|ip|they|she|he) (?:were|was) (?:asleep|in bed|sleeping|upstairs|in)', 'woke up', 'occupants? asleep', 'creeper']),
  ],
  tools_weapons: [
    v('knife', 'a knife or bladed article', ['knife', 'knives', 'machete', 'blade(?:d article)?', 'zombie knife', 'lock knife', 'stanley knife', 'shank']),
    v('firearm', 'a firearm or imitation', ['gun', 'firearm', 'handgun', 'pistol', 'shotgun', 'revolver', 'imitation firearm', 'bb gun', 'weapon was fired']),
    v('blunt', 'a hammer, bat, bar or other blunt weapon', ['hammer', '(?:baseball )?bat', 'iron bar', 'metal bar', 'brick', '(?:glass|broken) bottle', 'pint glass', 'claw hammer', 'wheel brace']),
    v('pry_tool', 'a screwdriver, crowbar or jemmy', ['screwdriver', 'crow ?bar', 'jemmy', 'pry ?bar', 'pry marks?', 'tyre lever', 'pry(?:ed)?', 'prised']),
    v('angle_grinder', 'an angle grinder, disc cutter or saw', ['(?:angle |battery |cordless )*grinder', 'grinding noise', 'disc cutter', 'reciprocating saw', 'sawn off', 'hacksaw']),
    v('relay_device', 'an electronic relay or key-programming device', ['relay device', 'keyless relay', 'signal (?:booster|relay)', 'holding a device', 'key programm(?:er|ing)', 'obd']),
    v('trolley_jack', 'a trolley jack', ['trolley jack', 'jack(?:ed)? up']),
    v('corrosive', 'acid, ammonia or a spray', ['acid', 'ammonia', 'corrosive', 'noxious', 'spray(?:ed)?', 'bleach']),
    v('bolt_cutters', 'bolt croppers', ['bolt ?(?:croppers|cutters)']),
    v('bodily_force', 'hands, fists or feet only', ['punch(?:ed|es|ing)', 'kick(?:ed|ing)', 'headbutt(?:ed)?', 'slap(?:ped)?', 'pushed', 'with (?:his|her) hands', 'strangl(?:ed|ing)']),
  ],
  property: [
    v('cash', 'cash', ['cash', 'money', '£\\d[\\d,.]*(?: in)? cash', 'bank ?notes', 'takings', 'till']),
    v('jewellery', 'jewellery and watches', ['jewell?e?ry', 'gold', 'rings?', 'necklaces?', 'bangles?', 'watch(?:es)?', 'rolex', 'bracelets?', 'earrings']),
    v('electronics', 'laptops, tablets, consoles, televisions, cameras, sat navs', ['laptops?', 'i?pads?', 'tablets?', 'ps5', 'playstation', 'xbox', 'consoles?', 'tv', 'television', 'sat ?navs?', 'cameras?', 'macbook', 'computer']),
    v('phone', 'a mobile phone', ['(?:mobile )?phone (?:was )?(?:taken|stolen|snatched)', 'iphone(?: \\d+)?', 'samsung', 'mobile phone', 'snatched it', '(?:his|her) phone']),
    v('car_keys', 'vehicle keys', ['car keys', 'vehicle keys', 'keys (?:taken|stolen)', 'key fob']),
    v('vehicle', 'the vehicle itself', ['(?:stolen|taken) from (?:the )?(?:drive(?:way)?|outside)', 'theft of (?:motor )?vehicle', 'tomv', 'took (?:comp(?:\'?s)?|the|his|her) (?:veh|vehicle|car)', 'uumv', 'car (?:was )?stolen', 'vehicle (?:was )?stolen']),
    v('catalytic_converter', 'a catalytic converter', ['catalytic conver[ts][eo]r', 'cat conver[ts][eo]r', 'catalytic', 'cat removed']),
    v('tools', 'power tools and trade equipment', ['(?:power )?tools', 'makita', 'dewalt', 'milwaukee', 'hilti', 'stihl', 'chainsaw', 'strimmers?', 'generator']),
    v('bank_cards', 'bank cards, PIN or account details', ['bank cards?', 'debit cards?', 'credit cards?', 'cards and pin', 'pin (?:number)?', '(?:bank )?card(?:s)? (?:taken|stolen)', 'card ending']),
    v('bag_wallet', 'a handbag, purse or wallet', ['hand ?bag', 'purse', 'wallet', 'rucksack', 'backpack']),
    v('bicycle', 'a pedal cycle', ['bicycle', '(?:road|mountain|e-?)bike', 'pedal cycle']),
    v('stock', 'a shop or business\'s stock', ['stock', 'goods', 'spirits', 'alcohol', 'cigarettes', 'tobacco', 'vapes', 'meal deals', 'lurpak', 'steaks', 'razor blades', 'prosecco', 'gift sets', 'meat', 'cheese']),
    v('none', 'nothing taken', ['nothing (?:was )?(?:taken|stolen)', 'nil (?:taken|stolen)', 'nothing appears to have been taken', 'no property taken'], false),
  ],
  vehicle: [
    v('van', 'a van', ['(?:transit|sprinter|vivaro|dispatch|transporter|trafic|berlingo|caddy)(?: custom| van)?', 'vans?', 'pick-?up']),
    v('hatchback', 'a hatchback or small car', ['hatchback', 'fiesta', 'corsa', 'golf', 'focus', 'astra', 'polo', 'clio', 'yaris', 'jazz', 'leon', 'civic', 'auris', 'prius', 'micra', '(?:small|dark|silver|black) car']),
    v('saloon_estate', 'a saloon or estate car', ['saloon', 'estate car', 'passat', 'octavia', 'insignia', 'mondeo', '(?:bmw|audi|merc(?:edes)?) (?:[1-5] series|a[3-6]|c class|e class)']),
    v('suv', 'a 4x4 or SUV', ['4x4', 'suv', 'range rover(?: sport| evoque)?', 'x5', 'glc', 'qashqai', 'rav4', 'lexus rx\\w*', 'land cruiser', 'discovery', 'jeep']),
    v('motorcycle', 'a motorcycle or moped', ['motor ?(?:bike|cycle)s?', 'mopeds?', 'scooters?', 'scramblers?', 'quads?', 'yamaha', 'ktm']),
    v('pedal_cycle', 'a pedal cycle or e-bike', ['push ?bikes?', 'pedal cycles?', 'bicycles?', 'e-?bikes?']),
    v('white', 'white', ['white(?= (?:\\w+ )?(?:van|car|transit|ford|vw|vauxhall|citroen|range|bmw|audi|mercedes|toyota|honda|hatchback|saloon|estate|4x4|suv))']),
    v('silver', 'silver or grey', ['(?:silver|grey|gray)(?= (?:\\w+ )?(?:van|car|transit|ford|vw|vauxhall|citroen|range|bmw|audi|mercedes|toyota|honda|hatchback|saloon|estate|4x4|suv|lexus))']),
    v('dark', 'black, dark blue or dark', ['(?:black|dark(?: blue| grey| coloured)?)(?= (?:\\w+ )?(?:van|car|transit|ford|vw|vauxhall|citroen|range|bmw|audi|mercedes|toyota|honda|hatchback|saloon|estate|4x4|suv|seat|e-?bike))']),
    v('coloured', 'red, blue or another bright colour', ['(?:red|blue|green|yellow|orange)(?= (?:\\w+ )?(?:van|car|transit|ford|vw|vauxhall|citroen|range|bmw|audi|mercedes|toyota|honda|hatchback|saloon|estate|4x4|suv))']),
  ],
  time_of_day: [
    v('night', 'midnight to 06:00', ['overnight', 'early hours', 'during the night', 'in the night', 'middle of the night', '(?:at |approx |approx\\. )?0[0-5][0-5]\\dhrs']),
    v('morning', '06:00 to noon', ['in the morning', 'this morning', '(?:at |approx )?(?:0[6-9]|1[01])[0-5]\\dhrs']),
    v('afternoon', 'noon to 18:00', ['in the afternoon', 'this afternoon', '(?:at |approx )?1[2-7][0-5]\\dhrs']),
    v('evening', '18:00 to midnight', ['in the evening', 'this evening', 'tonight', '(?:at |approx )?(?:1[89]|2[0-3])[0-5]\\dhrs']),
  ],
  day_of_week: [
    v('monday', 'Monday', ['monday']), v('tuesday', 'Tuesday', ['tuesday']), v('wednesday', 'Wednesday', ['wednesday']),
    v('thursday', 'Thursday', ['thursday']), v('friday', 'Friday', ['friday']), v('saturday', 'Saturday', ['saturday']),
    v('sunday', 'Sunday', ['sunday']),
  ],
  victim: [
    v('elderly', 'aged 70 or over, elderly or a pensioner', ['elderly', 'pensioner', 'oap', 'aged (?:[7-9]\\d|1[01]\\d)', '\\((?:[7-9]\\d|1[01]\\d)(?:yrs|, [a-z ]+)?\\)', 'age (?:[7-9]\\d)', '(?:[7-9]\\d) ?(?:yrs|years old|yo)', 'older (?:person|people|resident|victim)']),
    v('young', 'under 18, a juvenile or a school pupil', ['juvenile', 'school ?(?:boy|girl|child|pupil)', 'aged (?:1[0-7]|[5-9])\\b', '\\((?:1[0-7]|[5-9])(?:yrs|, [a-z ]+)?\\)', 'age (?:1[0-7])\\b', 'teenager']),
    v('lone_female', 'a woman on her own', ['lone female', 'female (?:on her own|alone|walking alone)', 'woman (?:on her own|alone)', 'walking alone']),
    v('lives_alone', 'lives alone', ['lives alone', 'lives on (?:her|his) own', 'living alone']),
    v('vulnerable', 'vulnerable, disabled or with dementia', ['vulnerable', 'dementia', 'disabled', 'disability', 'wheelchair', 'learning difficulties', 'memory problems']),
    v('business', 'a business, its staff or key holder', ['key ?holder', 'store (?:detective|manager)', 'shop (?:staff|worker|assistant)', 'staff member', 'security officer', 'cashier', 'shopkeeper', 'owner of the (?:shop|business)']),
    v('tradesperson', 'a tradesperson', ['tradesm[ae]n', 'builder', 'plumber', 'electrician', 'roofer', 'self[- ]employed']),
    v('student', 'a student', ['students?', 'university', 'uni\\b']),
  ],
};

/** The controlled values of one feature. */
export function methodValues(feature: MethodFeature): string[] {
  return METHOD_VOCABULARY[feature].map((s) => s.value);
}

export function isMethodFeature(x: string): x is MethodFeature {
  return (METHOD_FEATURES as readonly string[]).includes(x);
}

/** The time-of-day value for an hour 0–23 (UTC, as `occurred_at` is stored). */
export function timeOfDayOf(hour: number): 'night' | 'morning' | 'afternoon' | 'evening' {
  return hour < 6 ? 'night' : hour < 12 ? 'morning' : hour < 18 ? 'afternoon' : 'evening';
}

export const DAYS_OF_WEEK = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
