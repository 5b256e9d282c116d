/**
 * Word lists for the narrative generator: fictional people's names drawn from the mix of the UK
 * population, nicknames, street and building names, and for each force a few towns, postcode
 * areas and the Ofcom drama telephone range nearest to it. All values are invented; any match
 * with a real person or address is chance.
 */
import type { ForceId } from '../../standard/index.ts';

export const MALE_FORENAMES = [
  'Oliver', 'George', 'Harry', 'Jack', 'Jacob', 'Noah', 'Charlie', 'Thomas', 'Oscar', 'William',
  'James', 'Leo', 'Alfie', 'Joshua', 'Freddie', 'Archie', 'Ethan', 'Isaac', 'Alexander', 'Joseph',
  'Edward', 'Samuel', 'Max', 'Daniel', 'Arthur', 'Lucas', 'Mohammed', 'Muhammad', 'Ahmed', 'Omar',
  'Yusuf', 'Ibrahim', 'Hassan', 'Bilal', 'Imran', 'Tariq', 'Zain', 'Arjun', 'Rohan', 'Vikram',
  'Sanjay', 'Rajesh', 'Gurpreet', 'Jaspal', 'Sandeep', 'Kwame', 'Kofi', 'Chinedu', 'Emeka', 'Femi',
  'Tunde', 'Segun', 'Abdirahman', 'Tyrone', 'Marlon', 'Delroy', 'Winston', 'Tomasz', 'Piotr',
  'Krzysztof', 'Marek', 'Andrei', 'Ionut', 'Mihai', 'Florin', 'Darius', 'Jonas', 'Mantas', 'Luca',
  'Marco', 'Hamza', 'Reza', 'Kieran', 'Connor', 'Liam', 'Sean', 'Declan', 'Callum', 'Ryan', 'Dylan',
  'Rhys', 'Dafydd', 'Gethin', 'Iwan', 'Owain', 'Gareth', 'Aled', 'Lewis', 'Jordan', 'Tyler', 'Kyle',
  'Jamie', 'Bradley', 'Dean', 'Craig', 'Wayne', 'Darren', 'Gary', 'Paul', 'Steven', 'Stephen',
  'Andrew', 'David', 'Michael', 'Christopher', 'Matthew', 'Richard', 'Robert', 'John', 'Peter',
  'Kevin', 'Ian', 'Neil', 'Keith', 'Barry', 'Graham', 'Colin', 'Trevor', 'Nathan', 'Aaron', 'Reece',
  'Kai', 'Jayden', 'Mason', 'Riley', 'Harvey', 'Louie', 'Tommy', 'Frankie', 'Wei', 'Minh', 'Hao',
  'Emre', 'Mehmet', 'Aidan', 'Ciaran', 'Euan', 'Fraser', 'Ross', 'Duncan', 'Nikhil', 'Kamal',
  'Shahid', 'Asif', 'Dominic', 'Patrick', 'Anthony', 'Terry', 'Lloyd', 'Clive', 'Desmond', 'Elijah',
] as const;

export const FEMALE_FORENAMES = [
  'Olivia', 'Amelia', 'Isla', 'Ava', 'Mia', 'Lily', 'Isabella', 'Sophia', 'Grace', 'Freya', 'Ella',
  'Emily', 'Poppy', 'Evie', 'Chloe', 'Jessica', 'Sophie', 'Charlotte', 'Lucy', 'Hannah', 'Megan',
  'Bethan', 'Ffion', 'Cerys', 'Seren', 'Rhiannon', 'Sian', 'Ayesha', 'Aisha', 'Fatima', 'Zainab',
  'Maryam', 'Amira', 'Priya', 'Anjali', 'Sunita', 'Kiran', 'Simran', 'Harleen', 'Nadia', 'Yasmin',
  'Shabana', 'Nasreen', 'Chantelle', 'Shanice', 'Jade', 'Kayleigh', 'Courtney', 'Stacey', 'Leanne',
  'Donna', 'Tracey', 'Sharon', 'Karen', 'Julie', 'Susan', 'Margaret', 'Patricia', 'Linda', 'Janet',
  'Carol', 'Denise', 'Sandra', 'Helen', 'Joanne', 'Nicola', 'Claire', 'Sarah', 'Laura', 'Rebecca',
  'Natalie', 'Gemma', 'Samantha', 'Zoe', 'Abigail', 'Ngozi', 'Chioma', 'Adaeze', 'Folasade',
  'Abena', 'Precious', 'Blessing', 'Keisha', 'Aaliyah', 'Agnieszka', 'Katarzyna', 'Magdalena',
  'Joanna', 'Ioana', 'Elena', 'Andreea', 'Roxana', 'Giulia', 'Sofia', 'Mei', 'Xin', 'Leyla', 'Elif',
  'Hodan', 'Amina', 'Siobhan', 'Niamh', 'Aoife', 'Roisin', 'Caitlin', 'Erin', 'Paige', 'Shannon',
  'Jasmine', 'Molly', 'Tasha', 'Kirsty', 'Danielle', 'Marie', 'Lorraine', 'Pauline', 'Beverley',
  'Hayley', 'Lauren', 'Georgia', 'Imogen', 'Eleanor', 'Harriet', 'Alisha', 'Sana', 'Rukhsana',
] as const;

export const SURNAMES = [
  'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson',
  'Roberts', 'Robinson', 'Thompson', 'Wright', 'Walker', 'White', 'Edwards', 'Hughes', 'Green',
  'Hall', 'Lewis', 'Harris', 'Clarke', 'Patel', 'Jackson', 'Wood', 'Turner', 'Martin', 'Cooper',
  'Hill', 'Ward', 'Morris', 'Moore', 'King', 'Baker', 'Harrison', 'Morgan', 'Allen', 'Scott',
  'Phillips', 'Watson', 'Parker', 'Price', 'Bennett', 'Young', 'Griffiths', 'Mitchell', 'Kelly',
  'Cook', 'Carter', 'Richardson', 'Bailey', 'Collins', 'Bell', 'Shaw', 'Murphy', 'Miller', 'Richards',
  'Khan', 'Marshall', 'Anderson', 'Simpson', 'Ellis', 'Adams', 'Singh', 'Begum', 'Wilkinson',
  'Foster', 'Chapman', 'Powell', 'Webb', 'Rogers', 'Mason', 'Hunt', 'Hussain', 'Campbell',
  'Matthews', 'Owen', 'Palmer', 'Holmes', 'Mills', 'Barnes', 'Knight', 'Lloyd', 'Butler', 'Russell',
  'Barker', 'Fisher', 'Stevens', 'Jenkins', 'Murray', 'Dixon', 'Harvey', 'Pearson', 'Ahmed',
  'Fletcher', 'Walsh', 'Kaur', 'Gibson', 'Howard', 'Andrews', 'Stewart', 'Elliott', 'Reynolds',
  'Saunders', 'Payne', 'Pearce', 'Brooks', 'Lawrence', 'Atkinson', 'Spencer', 'Gill', 'Dawson',
  'Burton', "O'Brien", 'Watts', 'Booth', 'Perry', 'Ryan', 'Grant', 'Armstrong', 'Rees', 'Hayes',
  'Hudson', 'Newman', 'Barrett', 'Webster', 'Hunter', 'Gregory', 'Lowe', 'Marsh', 'Riley', 'Dunn',
  'Parsons', 'Stone', 'Reid', 'Holland', 'Hawkins', 'Harding', 'Porter', 'Robertson', 'Newton',
  'Kennedy', 'Williamson', 'Gardner', 'Shah', 'Cooke', 'Bates', 'Henderson', 'Parry', 'Burgess',
  'Bishop', 'Walton', 'Nicholson', 'Shepherd', 'Freeman', 'Warren', 'Nicholls', 'Hamilton', 'Byrne',
  'Sutton', 'McDonald', 'Yates', 'Hodgson', 'Robson', 'Curtis', 'Hopkins', "O'Connor", 'Harper',
  'Coleman', 'Watkins', 'McCarthy', 'Chambers', "O'Neill", 'Griffin', 'Hardy', 'Wheeler', 'Potter',
  'Osborne', 'Johnston', 'Wallace', 'Hutchinson', 'Rahman', 'Islam', 'Miah', 'Uddin', 'Chowdhury',
  'Akhtar', 'Iqbal', 'Mahmood', 'Aziz', 'Malik', 'Qureshi', 'Sharma', 'Kumar', 'Gupta', 'Mistry',
  'Chauhan', 'Joshi', 'Bhatti', 'Sandhu', 'Dhillon', 'Grewal', 'Okafor', 'Adeyemi', 'Okoro',
  'Mensah', 'Asante', 'Osei', 'Boateng', 'Adebayo', 'Oyelaran', 'Adewale', 'Nwosu', 'Abdi',
  'Mohamed', 'Farah', 'Warsame', 'Baptiste', 'Nowak', 'Kowalski', 'Wisniewski', 'Lewandowski',
  'Kaminski', 'Zielinski', 'Popescu', 'Ionescu', 'Dumitru', 'Petrauskas', 'Kazlauskas', 'Silva',
  'Santos', 'Ferreira', 'Rossi', 'Esposito', 'Nguyen', 'Tran', 'Chen', 'Wang', 'Zhang', 'Yilmaz',
  'Demir', 'Kaya', 'Celik', 'MacDonald', 'McKenzie', 'MacLeod', 'Fraser', 'Cameron', "O'Sullivan",
  'Gallagher', 'Doherty', 'Quinn', 'Brennan', 'Kavanagh', 'Llewellyn', 'Pritchard', 'Prosser',
  'Howells', 'Bowen', 'Vaughan', 'Pugh', 'Meredith', 'Wyn-Jones', 'Ellis-Jones', 'Fitzgerald',
  'Brannigan', 'Kerrigan', 'Hollis', 'Ashworth', 'Whitworth', 'Brierley', 'Openshaw', 'Sutcliffe',
  'Greenwood', 'Ackroyd', 'Pickering', 'Tilley', 'Seddon', 'Fairhurst', 'Kershaw', 'Mensah-Bonsu',
  'Adeleke', 'Okonkwo', 'Achterberg', 'Van der Berg', 'Nilsson', 'Kovacs', 'Horvath', 'Novak',
] as const;

/**
 * Name pools by heritage, with rough weights for England and Wales, so that most people get a
 * forename and surname that go together; a share are mixed at random, as families are.
 */
export const NAME_GROUPS = [
  { w: 74, male: ['Oliver', 'George', 'Harry', 'Jack', 'Jacob', 'Noah', 'Charlie', 'Thomas', 'Oscar', 'William', 'James', 'Leo', 'Alfie', 'Joshua', 'Freddie', 'Archie', 'Ethan', 'Isaac', 'Alexander', 'Joseph', 'Edward', 'Samuel', 'Max', 'Daniel', 'Arthur', 'Kieran', 'Connor', 'Liam', 'Sean', 'Declan', 'Callum', 'Ryan', 'Dylan', 'Rhys', 'Dafydd', 'Gethin', 'Iwan', 'Owain', 'Gareth', 'Aled', 'Lewis', 'Jordan', 'Tyler', 'Kyle', 'Jamie', 'Bradley', 'Dean', 'Craig', 'Wayne', 'Darren', 'Gary', 'Paul', 'Steven', 'Stephen', 'Andrew', 'David', 'Michael', 'Christopher', 'Matthew', 'Richard', 'Robert', 'John', 'Peter', 'Kevin', 'Ian', 'Neil', 'Keith', 'Barry', 'Graham', 'Colin', 'Trevor', 'Nathan', 'Aaron', 'Reece', 'Kai', 'Jayden', 'Mason', 'Riley', 'Harvey', 'Louie', 'Tommy', 'Frankie', 'Aidan', 'Ciaran', 'Euan', 'Fraser', 'Ross', 'Duncan', 'Dominic', 'Patrick', 'Anthony', 'Terry', 'Lloyd', 'Clive'],
    female: ['Olivia', 'Amelia', 'Isla', 'Ava', 'Mia', 'Lily', 'Isabella', 'Sophia', 'Grace', 'Freya', 'Ella', 'Emily', 'Poppy', 'Evie', 'Chloe', 'Jessica', 'Sophie', 'Charlotte', 'Lucy', 'Hannah', 'Megan', 'Bethan', 'Ffion', 'Cerys', 'Seren', 'Rhiannon', 'Sian', 'Chantelle', 'Shanice', 'Jade', 'Kayleigh', 'Courtney', 'Stacey', 'Leanne', 'Donna', 'Tracey', 'Sharon', 'Karen', 'Julie', 'Susan', 'Margaret', 'Patricia', 'Linda', 'Janet', 'Carol', 'Denise', 'Sandra', 'Helen', 'Joanne', 'Nicola', 'Claire', 'Sarah', 'Laura', 'Rebecca', 'Natalie', 'Gemma', 'Samantha', 'Zoe', 'Abigail', 'Siobhan', 'Niamh', 'Aoife', 'Roisin', 'Caitlin', 'Erin', 'Paige', 'Shannon', 'Jasmine', 'Molly', 'Tasha', 'Kirsty', 'Danielle', 'Marie', 'Lorraine', 'Pauline', 'Beverley', 'Hayley', 'Lauren', 'Georgia', 'Imogen', 'Eleanor', 'Harriet'],
    surnames: ['Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson', 'Roberts', 'Robinson', 'Thompson', 'Wright', 'Walker', 'White', 'Edwards', 'Hughes', 'Green', 'Hall', 'Lewis', 'Harris', 'Clarke', 'Jackson', 'Wood', 'Turner', 'Martin', 'Cooper', 'Hill', 'Ward', 'Morris', 'Moore', 'King', 'Baker', 'Harrison', 'Morgan', 'Allen', 'Scott', 'Phillips', 'Watson', 'Parker', 'Price', 'Bennett', 'Young', 'Griffiths', 'Mitchell', 'Kelly', 'Cook', 'Carter', 'Richardson', 'Bailey', 'Collins', 'Bell', 'Shaw', 'Murphy', 'Miller', 'Richards', 'Marshall', 'Anderson', 'Simpson', 'Ellis', 'Adams', 'Wilkinson', 'Foster', 'Chapman', 'Powell', 'Webb', 'Rogers', 'Mason', 'Hunt', 'Campbell', 'Matthews', 'Owen', 'Palmer', 'Holmes', 'Mills', 'Barnes', 'Knight', 'Lloyd', 'Butler', 'Russell', 'Barker', 'Fisher', 'Stevens', 'Jenkins', 'Murray', 'Dixon', 'Harvey', 'Pearson', 'Fletcher', 'Walsh', 'Gibson', 'Howard', 'Andrews', 'Stewart', 'Elliott', 'Reynolds', 'Saunders', 'Payne', 'Pearce', 'Brooks', 'Lawrence', 'Atkinson', 'Spencer', 'Dawson', 'Burton', "O'Brien", 'Watts', 'Booth', 'Perry', 'Ryan', 'Grant', 'Armstrong', 'Rees', 'Hayes', 'Hudson', 'Newman', 'Barrett', 'Webster', 'Hunter', 'Gregory', 'Lowe', 'Marsh', 'Riley', 'Dunn', 'Parsons', 'Stone', 'Reid', 'Holland', 'Hawkins', 'Harding', 'Porter', 'Robertson', 'Newton', 'Kennedy', 'Williamson', 'Gardner', 'Cooke', 'Bates', 'Henderson', 'Parry', 'Burgess', 'Bishop', 'Walton', 'Nicholson', 'Shepherd', 'Freeman', 'Warren', 'Nicholls', 'Hamilton', 'Byrne', 'Sutton', 'McDonald', 'Yates', 'Hodgson', 'Robson', 'Curtis', 'Hopkins', "O'Connor", 'Harper', 'Coleman', 'Watkins', 'McCarthy', 'Chambers', "O'Neill", 'Griffin', 'Hardy', 'Wheeler', 'Potter', 'Osborne', 'Johnston', 'Wallace', 'Hutchinson', 'MacDonald', 'McKenzie', 'MacLeod', 'Fraser', 'Cameron', "O'Sullivan", 'Gallagher', 'Doherty', 'Quinn', 'Brennan', 'Kavanagh', 'Llewellyn', 'Pritchard', 'Prosser', 'Howells', 'Bowen', 'Vaughan', 'Pugh', 'Meredith', 'Wyn-Jones', 'Ellis-Jones', 'Fitzgerald', 'Brannigan', 'Kerrigan', 'Hollis', 'Ashworth', 'Whitworth', 'Brierley', 'Openshaw', 'Sutcliffe', 'Greenwood', 'Ackroyd', 'Pickering', 'Tilley', 'Seddon', 'Fairhurst', 'Kershaw'] },
  { w: 9, male: ['Mohammed', 'Muhammad', 'Ahmed', 'Omar', 'Yusuf', 'Ibrahim', 'Hassan', 'Bilal', 'Imran', 'Tariq', 'Zain', 'Arjun', 'Rohan', 'Vikram', 'Sanjay', 'Rajesh', 'Gurpreet', 'Jaspal', 'Sandeep', 'Hamza', 'Nikhil', 'Kamal', 'Shahid', 'Asif'],
    female: ['Ayesha', 'Aisha', 'Fatima', 'Zainab', 'Maryam', 'Amira', 'Priya', 'Anjali', 'Sunita', 'Kiran', 'Simran', 'Harleen', 'Nadia', 'Yasmin', 'Shabana', 'Nasreen', 'Alisha', 'Sana', 'Rukhsana'],
    surnames: ['Patel', 'Khan', 'Singh', 'Begum', 'Hussain', 'Ahmed', 'Kaur', 'Shah', 'Rahman', 'Islam', 'Miah', 'Uddin', 'Chowdhury', 'Akhtar', 'Iqbal', 'Mahmood', 'Aziz', 'Malik', 'Qureshi', 'Sharma', 'Kumar', 'Gupta', 'Mistry', 'Chauhan', 'Joshi', 'Bhatti', 'Sandhu', 'Dhillon', 'Grewal', 'Ali'] },
  { w: 5, male: ['Kwame', 'Kofi', 'Chinedu', 'Emeka', 'Femi', 'Tunde', 'Segun', 'Tyrone', 'Marlon', 'Delroy', 'Winston', 'Elijah', 'Desmond', 'Jayden', 'Kai', 'Nathan'],
    female: ['Ngozi', 'Chioma', 'Adaeze', 'Folasade', 'Abena', 'Precious', 'Blessing', 'Keisha', 'Aaliyah', 'Shanice', 'Jasmine'],
    surnames: ['Okafor', 'Adeyemi', 'Okoro', 'Mensah', 'Asante', 'Osei', 'Boateng', 'Adebayo', 'Oyelaran', 'Adewale', 'Nwosu', 'Baptiste', 'Mensah-Bonsu', 'Adeleke', 'Okonkwo', 'Campbell', 'Francis', 'Williams', 'Johnson', 'Brown', 'Clarke'] },
  { w: 4, male: ['Tomasz', 'Piotr', 'Krzysztof', 'Marek', 'Andrei', 'Ionut', 'Mihai', 'Florin', 'Darius', 'Jonas', 'Mantas'],
    female: ['Agnieszka', 'Katarzyna', 'Magdalena', 'Joanna', 'Ioana', 'Elena', 'Andreea', 'Roxana'],
    surnames: ['Nowak', 'Kowalski', 'Wisniewski', 'Lewandowski', 'Kaminski', 'Zielinski', 'Popescu', 'Ionescu', 'Dumitru', 'Petrauskas', 'Kazlauskas', 'Kovacs', 'Horvath', 'Novak'] },
  { w: 1.5, male: ['Abdirahman', 'Mohamed', 'Abdi', 'Hassan'], female: ['Hodan', 'Amina', 'Sahra'], surnames: ['Abdi', 'Mohamed', 'Farah', 'Hassan', 'Warsame'] },
  { w: 1.5, male: ['Luca', 'Marco', 'Joao', 'Tiago'], female: ['Giulia', 'Sofia', 'Ana'], surnames: ['Silva', 'Santos', 'Ferreira', 'Rossi', 'Esposito', 'Costa'] },
  { w: 1.5, male: ['Wei', 'Minh', 'Hao', 'Jun'], female: ['Mei', 'Xin', 'Lan'], surnames: ['Nguyen', 'Tran', 'Chen', 'Wang', 'Zhang', 'Huang'] },
  { w: 1, male: ['Emre', 'Mehmet', 'Reza', 'Darius'], female: ['Leyla', 'Elif', 'Zeynep'], surnames: ['Yilmaz', 'Demir', 'Kaya', 'Celik', 'Ahmadi'] },
] as const;

/** Names used as nicknames or street names ("Skeng", "Bradders"): labelled PERSON when used of a person. */
export const NICKNAMES = [
  'Skeng', 'Ghost', 'Bones', 'Smithy', 'Junior', 'Dizzy', 'Mikey', 'Tiny', 'Biggsy', 'Spider',
  'Chops', 'Taz', 'Ratty', 'Scouse', 'Jonno', 'Robbo', 'Gaz', 'Dazza', 'Tanks', 'Snoopy', 'Nitro',
  'Spud', 'Moggy', 'Sparky', 'Lefty', 'Scrappy', 'Wiggy', 'Stretch', 'Shorty', 'Digger', 'Zee',
  'Kaz', 'Deano', 'Macca', 'Jimbo', 'Tazza', 'Reno', 'Blitz', 'Nando', 'Kiddo',
] as const;

/** Deal-line and group names: not people, never labelled. */
export const LINE_NAMES = ['TOPBOY', 'JOKER', 'BANDO', 'ROLEX', 'GUCCI', 'TESLA', 'VIPER', 'KING', 'BLUE', 'ZED'] as const;

export const STREET_BASES = [
  'Church', 'Mill', 'Station', 'Victoria', 'Albert', 'Queens', 'Kings', 'Park', 'Oak', 'Elm', 'Cedar',
  'Birch', 'Beech', 'Willow', 'Hawthorn', 'Chestnut', 'Grange', 'Manor', 'Moor', 'Meadow', 'Orchard',
  'Windsor', 'York', 'Cromwell', 'Nelson', 'Gladstone', 'Ferndale', 'Brook', 'Springfield',
  'Highfield', 'Westfield', 'Fairfield', 'Woodland', 'Hillside', 'Riverside', 'Canal', 'Bridge',
  'Market', 'High', 'North', 'South', 'New', 'Cross', 'Lime', 'Poplar', 'Sycamore', 'Laburnum',
  'Cowper', 'Tennyson', 'Byron', 'Milton', 'Chaucer', 'Wordsworth', 'Coronation', 'Jubilee',
  'Derwent', 'Tamar', 'Severn', 'Trent', 'Clarendon', 'Belgrave', 'Marlborough', 'Salisbury',
  'Devonshire', 'Portland', 'Waterloo', 'Trafalgar', 'Balmoral', 'Sandringham', 'Alexandra',
  'Ashgrove', 'Rosebery', 'Selworthy', 'Kirkstall', 'Pendle', 'Malvern', 'Cotswold', 'Mendip',
  'Chiltern', 'Pennine', 'Harewood', 'Beaumont', 'Linden', 'Rowan', 'Heather', 'Bracken', 'Foxglove',
] as const;

export const STREET_SUFFIXES = [
  'Street', 'Street', 'Road', 'Road', 'Road', 'Avenue', 'Lane', 'Close', 'Drive', 'Way', 'Crescent',
  'Grove', 'Terrace', 'Gardens', 'Place', 'Walk', 'Rise', 'View', 'Mews',
] as const;

export const WELSH_STREETS = [
  'Heol y Nant', 'Ffordd Las', 'Heol Tasker', 'Ffordd Glyder', 'Heol Eglwys', 'Stryd Fawr',
  'Ffordd yr Orsaf', 'Heol y Parc', 'Lon Isaf', 'Heol Maes', 'Ffordd Penrhos', 'Heol Llys',
] as const;

export const BUILDING_SUFFIXES = ['House', 'Court', 'Point', 'Heights', 'Tower', 'Lodge', 'Mansions'] as const;

export const HOUSE_NAMES = [
  'Orchard Cottage', 'The Old Forge', 'Ivy House', 'The Laurels', 'Hillcrest', 'Fairview',
  'Bryn Awel', 'The Old Rectory', 'Meadow View', 'Willow Barn', 'Tan y Bryn', 'The Coach House',
  'Keepers Cottage', 'Brook Farm', 'Ty Gwyn', 'The Paddocks',
] as const;

export interface ForceGeo {
  /** Short code used in record ids. */
  readonly code: string;
  readonly towns: readonly string[];
  /** Postcode areas used for invented postcodes. */
  readonly postcodeAreas: readonly string[];
  /** Ofcom drama range prefix (digits only, ready to take 3 or 4 more digits) nearest the force. */
  readonly dramaPhone: keyof typeof DRAMA_LANDLINES;
  /** Rough share of national recorded crime, for spreading records across forces. */
  readonly weight: number;
  readonly welsh?: boolean;
}

/**
 * Ofcom numbers reserved for TV and radio drama (landlines): each prefix is followed by three
 * digits, 000-999. `groups` is how the number is usually spaced.
 */
export const DRAMA_LANDLINES = {
  leeds: { prefix: '01134960', groups: [4, 3, 4] },
  sheffield: { prefix: '01144960', groups: [4, 3, 4] },
  nottingham: { prefix: '01154960', groups: [4, 3, 4] },
  leicester: { prefix: '01164960', groups: [4, 3, 4] },
  bristol: { prefix: '01174960', groups: [4, 3, 4] },
  reading: { prefix: '01184960', groups: [4, 3, 4] },
  birmingham: { prefix: '01214960', groups: [4, 3, 4] },
  liverpool: { prefix: '01514960', groups: [4, 3, 4] },
  manchester: { prefix: '01614960', groups: [4, 3, 4] },
  tyneside: { prefix: '01914980', groups: [4, 3, 4] },
  london: { prefix: '02079460', groups: [3, 4, 4] },
  cardiff: { prefix: '02920180', groups: [3, 4, 4] },
  none: { prefix: '01632960', groups: [5, 6] },
} as const;

/** The Ofcom drama mobile range: 07700 900000-900999. */
export const DRAMA_MOBILE_PREFIX = '07700900';

export const FORCE_GEO: Readonly<Record<ForceId, ForceGeo>> = {
  'avon-and-somerset': { code: 'AS', towns: ['Bristol', 'Bath', 'Weston-super-Mare', 'Taunton', 'Yeovil', 'Bridgwater'], postcodeAreas: ['BS', 'BA', 'TA'], dramaPhone: 'bristol', weight: 3.0 },
  'bedfordshire': { code: 'BD', towns: ['Luton', 'Bedford', 'Dunstable', 'Leighton Buzzard'], postcodeAreas: ['LU', 'MK', 'SG'], dramaPhone: 'none', weight: 1.2 },
  'cambridgeshire': { code: 'CA', towns: ['Cambridge', 'Peterborough', 'Huntingdon', 'Wisbech', 'March'], postcodeAreas: ['CB', 'PE'], dramaPhone: 'none', weight: 1.6 },
  'cheshire': { code: 'CH', towns: ['Chester', 'Warrington', 'Crewe', 'Macclesfield', 'Runcorn', 'Widnes'], postcodeAreas: ['CH', 'CW', 'WA', 'SK'], dramaPhone: 'none', weight: 1.8 },
  'city-of-london': { code: 'CL', towns: ['London'], postcodeAreas: ['EC'], dramaPhone: 'london', weight: 0.2 },
  'cleveland': { code: 'CV', towns: ['Middlesbrough', 'Hartlepool', 'Stockton-on-Tees', 'Redcar'], postcodeAreas: ['TS'], dramaPhone: 'none', weight: 1.3 },
  'cumbria': { code: 'CU', towns: ['Carlisle', 'Barrow-in-Furness', 'Kendal', 'Workington', 'Penrith'], postcodeAreas: ['CA', 'LA'], dramaPhone: 'none', weight: 0.7 },
  'derbyshire': { code: 'DE', towns: ['Derby', 'Chesterfield', 'Ilkeston', 'Buxton', 'Swadlincote'], postcodeAreas: ['DE', 'S', 'SK'], dramaPhone: 'none', weight: 1.7 },
  'devon-and-cornwall': { code: 'DC', towns: ['Plymouth', 'Exeter', 'Torquay', 'Truro', 'Barnstaple', 'Newquay'], postcodeAreas: ['PL', 'EX', 'TQ', 'TR'], dramaPhone: 'none', weight: 2.4 },
  'dorset': { code: 'DO', towns: ['Bournemouth', 'Poole', 'Weymouth', 'Dorchester'], postcodeAreas: ['BH', 'DT'], dramaPhone: 'none', weight: 1.1 },
  'durham': { code: 'DU', towns: ['Durham', 'Darlington', 'Bishop Auckland', 'Peterlee', 'Consett'], postcodeAreas: ['DH', 'DL'], dramaPhone: 'tyneside', weight: 1.1 },
  'dyfed-powys': { code: 'DP', towns: ['Carmarthen', 'Llanelli', 'Aberystwyth', 'Haverfordwest', 'Newtown', 'Brecon'], postcodeAreas: ['SA', 'SY', 'LD'], dramaPhone: 'none', weight: 0.8, welsh: true },
  'essex': { code: 'EX', towns: ['Chelmsford', 'Colchester', 'Basildon', 'Southend-on-Sea', 'Harlow', 'Clacton-on-Sea'], postcodeAreas: ['CM', 'CO', 'SS', 'RM'], dramaPhone: 'none', weight: 3.2 },
  'gloucestershire': { code: 'GL', towns: ['Gloucester', 'Cheltenham', 'Stroud', 'Tewkesbury'], postcodeAreas: ['GL'], dramaPhone: 'none', weight: 1.0 },
  'greater-manchester': { code: 'GM', towns: ['Manchester', 'Salford', 'Oldham', 'Bolton', 'Wigan', 'Stockport', 'Rochdale'], postcodeAreas: ['M', 'OL', 'BL', 'WN', 'SK'], dramaPhone: 'manchester', weight: 6.5 },
  'gwent': { code: 'GW', towns: ['Newport', 'Cwmbran', 'Ebbw Vale', 'Pontypool', 'Abergavenny'], postcodeAreas: ['NP'], dramaPhone: 'cardiff', weight: 1.0, welsh: true },
  'hampshire': { code: 'HA', towns: ['Southampton', 'Portsmouth', 'Basingstoke', 'Winchester', 'Eastleigh', 'Newport IOW'], postcodeAreas: ['SO', 'PO', 'RG'], dramaPhone: 'none', weight: 3.5 },
  'hertfordshire': { code: 'HE', towns: ['Watford', 'Stevenage', 'St Albans', 'Hemel Hempstead', 'Hatfield'], postcodeAreas: ['AL', 'SG', 'WD', 'HP'], dramaPhone: 'none', weight: 1.8 },
  'humberside': { code: 'HU', towns: ['Hull', 'Grimsby', 'Scunthorpe', 'Bridlington', 'Goole'], postcodeAreas: ['HU', 'DN', 'YO'], dramaPhone: 'none', weight: 1.9 },
  'kent': { code: 'KE', towns: ['Maidstone', 'Canterbury', 'Chatham', 'Margate', 'Ramsgate', 'Gravesend', 'Folkestone'], postcodeAreas: ['ME', 'CT', 'DA', 'TN'], dramaPhone: 'none', weight: 3.6 },
  'lancashire': { code: 'LA', towns: ['Preston', 'Blackpool', 'Blackburn', 'Burnley', 'Lancaster', 'Chorley'], postcodeAreas: ['PR', 'FY', 'BB', 'LA'], dramaPhone: 'none', weight: 3.0 },
  'leicestershire': { code: 'LE', towns: ['Leicester', 'Loughborough', 'Hinckley', 'Coalville', 'Wigston'], postcodeAreas: ['LE'], dramaPhone: 'leicester', weight: 1.8 },
  'lincolnshire': { code: 'LI', towns: ['Lincoln', 'Boston', 'Grantham', 'Skegness', 'Spalding'], postcodeAreas: ['LN', 'PE', 'NG'], dramaPhone: 'none', weight: 1.2 },
  'merseyside': { code: 'ME', towns: ['Liverpool', 'Birkenhead', 'Bootle', 'St Helens', 'Southport', 'Kirkby'], postcodeAreas: ['L', 'CH', 'WA', 'PR'], dramaPhone: 'liverpool', weight: 2.7 },
  'metropolitan': { code: 'MP', towns: ['London', 'Croydon', 'Tottenham', 'Lewisham', 'Brixton', 'Ilford', 'Romford', 'Harrow'], postcodeAreas: ['SE', 'SW', 'N', 'E', 'W', 'NW', 'CR', 'IG', 'HA'], dramaPhone: 'london', weight: 14.0 },
  'norfolk': { code: 'NF', towns: ['Norwich', 'Great Yarmouth', "King's Lynn", 'Thetford'], postcodeAreas: ['NR', 'PE', 'IP'], dramaPhone: 'none', weight: 1.3 },
  'north-wales': { code: 'NW', towns: ['Wrexham', 'Bangor', 'Rhyl', 'Caernarfon', 'Llandudno', 'Colwyn Bay'], postcodeAreas: ['LL'], dramaPhone: 'none', weight: 1.0, welsh: true },
  'north-yorkshire': { code: 'NY', towns: ['York', 'Harrogate', 'Scarborough', 'Selby', 'Northallerton'], postcodeAreas: ['YO', 'HG', 'DL'], dramaPhone: 'none', weight: 1.3 },
  'northamptonshire': { code: 'NH', towns: ['Northampton', 'Kettering', 'Corby', 'Wellingborough', 'Daventry'], postcodeAreas: ['NN'], dramaPhone: 'none', weight: 1.3 },
  'northumbria': { code: 'NB', towns: ['Newcastle', 'Sunderland', 'Gateshead', 'South Shields', 'Blyth', 'Hexham'], postcodeAreas: ['NE', 'SR'], dramaPhone: 'tyneside', weight: 2.8 },
  'nottinghamshire': { code: 'NT', towns: ['Nottingham', 'Mansfield', 'Worksop', 'Newark', 'Beeston'], postcodeAreas: ['NG', 'S'], dramaPhone: 'nottingham', weight: 2.0 },
  'south-wales': { code: 'SW', towns: ['Cardiff', 'Swansea', 'Bridgend', 'Merthyr Tydfil', 'Pontypridd', 'Barry'], postcodeAreas: ['CF', 'SA'], dramaPhone: 'cardiff', weight: 2.5, welsh: true },
  'south-yorkshire': { code: 'SY', towns: ['Sheffield', 'Doncaster', 'Rotherham', 'Barnsley'], postcodeAreas: ['S', 'DN'], dramaPhone: 'sheffield', weight: 2.8 },
  'staffordshire': { code: 'ST', towns: ['Stoke-on-Trent', 'Stafford', 'Burton upon Trent', 'Tamworth', 'Newcastle-under-Lyme'], postcodeAreas: ['ST', 'WS', 'DE', 'B'], dramaPhone: 'none', weight: 1.8 },
  'suffolk': { code: 'SU', towns: ['Ipswich', 'Bury St Edmunds', 'Lowestoft', 'Felixstowe'], postcodeAreas: ['IP', 'CO', 'NR'], dramaPhone: 'none', weight: 1.1 },
  'surrey': { code: 'SR', towns: ['Guildford', 'Woking', 'Epsom', 'Redhill', 'Camberley', 'Staines'], postcodeAreas: ['GU', 'KT', 'RH', 'TW'], dramaPhone: 'none', weight: 1.6 },
  'sussex': { code: 'SX', towns: ['Brighton', 'Crawley', 'Eastbourne', 'Hastings', 'Worthing', 'Chichester'], postcodeAreas: ['BN', 'RH', 'TN', 'PO'], dramaPhone: 'none', weight: 2.8 },
  'thames-valley': { code: 'TV', towns: ['Reading', 'Oxford', 'Milton Keynes', 'Slough', 'High Wycombe', 'Wokingham', 'Aylesbury'], postcodeAreas: ['RG', 'OX', 'MK', 'SL', 'HP'], dramaPhone: 'reading', weight: 4.0 },
  'warwickshire': { code: 'WA', towns: ['Nuneaton', 'Rugby', 'Warwick', 'Leamington Spa', 'Stratford-upon-Avon'], postcodeAreas: ['CV', 'B'], dramaPhone: 'none', weight: 0.9 },
  'west-mercia': { code: 'WM', towns: ['Worcester', 'Telford', 'Shrewsbury', 'Hereford', 'Kidderminster', 'Redditch'], postcodeAreas: ['WR', 'TF', 'SY', 'HR', 'DY'], dramaPhone: 'none', weight: 2.2 },
  'west-midlands': { code: 'WD', towns: ['Birmingham', 'Wolverhampton', 'Coventry', 'Walsall', 'Dudley', 'West Bromwich', 'Solihull'], postcodeAreas: ['B', 'WV', 'CV', 'WS', 'DY'], dramaPhone: 'birmingham', weight: 6.5 },
  'west-yorkshire': { code: 'WY', towns: ['Leeds', 'Bradford', 'Huddersfield', 'Wakefield', 'Halifax', 'Dewsbury'], postcodeAreas: ['LS', 'BD', 'HD', 'WF', 'HX'], dramaPhone: 'leeds', weight: 6.0 },
  'wiltshire': { code: 'WI', towns: ['Swindon', 'Salisbury', 'Chippenham', 'Trowbridge'], postcodeAreas: ['SN', 'SP', 'BA'], dramaPhone: 'none', weight: 1.0 },
  'btp': { code: 'BT', towns: ['London', 'Birmingham', 'Manchester', 'Leeds', 'Cardiff', 'Liverpool'], postcodeAreas: ['EC', 'B', 'M', 'LS', 'CF', 'L'], dramaPhone: 'none', weight: 1.0 },
  'northern-ireland': { code: 'NI', towns: ['Belfast', 'Derry', 'Newry', 'Lisburn', 'Omagh'], postcodeAreas: ['BT'], dramaPhone: 'none', weight: 2.0 },
};

/** Approximate centres for forces without a territory in `TERRITORY` (lon, lat, spread in degrees). */
export const NON_TERRITORIAL_CENTRES: Readonly<Partial<Record<ForceId, readonly [number, number, number]>>> = {
  'btp': [-1.5, 52.6, 1.2],
  'northern-ireland': [-6.6, 54.6, 0.4],
};

export const COLOURS = ['black', 'white', 'grey', 'silver', 'blue', 'red', 'dark green', 'navy', 'maroon', 'orange', 'dark grey'] as const;

export const VEHICLES = [
  'Ford Fiesta', 'Ford Focus', 'Vauxhall Corsa', 'Vauxhall Astra', 'VW Golf', 'VW Polo', 'BMW 1 Series',
  'BMW X5', 'Audi A3', 'Audi A4 estate', 'Mercedes A-Class', 'Mercedes C-Class', 'Nissan Qashqai',
  'Toyota Prius', 'Toyota Yaris', 'Kia Sportage', 'Seat Leon', 'Skoda Octavia', 'Range Rover Sport',
  'Land Rover Discovery', 'Honda Jazz', 'Peugeot 208', 'Ford Transit', 'Ford Transit Custom',
  'Citroen Dispatch', 'Vauxhall Vivaro', 'Mini Cooper', 'Hyundai Tucson', 'Toyota Auris', 'Honda CR-V',
] as const;

export const CLOTHING = [
  'black North Face puffer', 'grey Nike tracksuit', 'black Nike tech fleece', 'dark hoodie and trackies',
  'red puffer jacket', 'camo jacket', 'navy Adidas jacket with white stripes', 'black balaclava',
  'beige Stone Island jumper', 'blue jeans and white trainers', 'hi-vis vest', 'grey hoodie, hood up',
  'black Canada Goose jacket', 'green parka', 'brown leather jacket', 'white Fila trainers',
] as const;

export const SHOPS = ['Co-op', 'Tesco Express', 'Boots', 'Lidl', 'Aldi', 'Sainsburys Local', 'B&M', 'Home Bargains', 'One Stop', 'Spar', 'Greggs', 'JD Sports', 'Superdrug', 'Costcutter', 'Primark', 'Iceland', 'Morrisons'] as const;

export const BANKS = ['Barclays', 'Lloyds', 'NatWest', 'HSBC', 'Santander', 'Nationwide', 'Monzo', 'Starling', 'Halifax', 'TSB'] as const;
