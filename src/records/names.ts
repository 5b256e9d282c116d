/**
 * The embedded gazetteer the person finder leans on when no model is available: common forenames
 * and surnames found in England and Wales (British, Irish, Welsh, Scottish, South Asian, African,
 * Caribbean, Eastern European), the ordinary English words that are also names, and the
 * acronyms and record vocabulary that are written in capitals but are not names.
 *
 * The lists are data, kept as space-separated lower-case text so the file stays compact; they
 * are turned into `Set`s once when the module loads. They are cues, not a whitelist: an unknown
 * name is still found by context (titles, roles, `SURNAME, Forename`, "(DOB ...)", ALL-CAPS
 * surnames), and a known name is not redacted when it is used as an ordinary word.
 */

const words = (s: string): ReadonlySet<string> => new Set(s.trim().split(/\s+/));

/** Common forenames (lower case). */
export const FORENAMES: ReadonlySet<string> = words(`
aaron abbie abby abdul abdullah abi abigail abu ada adam adeel adil aditya adrian adriana afia agnes ahmad ahmed
aidan aiden aileen aimee aisha aishah akash akeem alan alana alastair albert alberto aleksander aleksandra alesha
alex alexa alexander alexandra alexis alfie alfred ali alice alicia alina alisha alison alistair alix allan allison
ally alvin amaan amal amanda amara amari amber ameer amelia amelie amin amina amir amit amy ana anastasia anders
andre andrea andreas andrei andrew andy aneesa angel angela angelika angelina angharad angus anika anil anita anjali
ann anna annabel annabelle anne annette annie anthony antoine anton antonia antonio anwar anya april archie arjun
arlo armani arnold aron arran arthur arun asad asha asher ashleigh ashley ashton asif aslam asma aston aubrey audrey
austin ava avery awais ayaan ayesha aylin ayo ayodele azra babajide bailey barbara barney barry bartosz basia bea
beatrice beau becky belinda ben benjamin bernadette bernard beth bethan bethany betty beverley bianca bilal bill
billie billy blessing bob bobby bogdan bonnie brad bradley brandon brendan brenda brett brian bridget britney
brodie brooke bruce bryan bryony caitlin caleb callum calvin cameron camilla candice cara carl carla carlos carly
carmen carol carole caroline carrie casey cassie catherine cathy cecilia cedric celia chantal chantelle charlene
charles charley charlie charlotte chelsea cherelle cheryl chidi chika chloe chris chrissie christian christina
christine christopher chukwuemeka ciara cieran ciaran claire clara clare claudia clayton clifford clive cody colin
colleen connor conor constance corey courtney craig cyril dafydd daisy dale dalton damian damien dan dana daniel
daniela daniella danielle danny dante daphne dara darcy darius darnell darragh darrell darren darryl daryl dave
david davina dawid dawn dean debbie deborah declan dee deepak deirdre delroy demi denis denise dennis denzel derek
dermot desmond destiny devon dewi dexter diana diane dilip dimitri dina dion dionne dmitri dolores dominic dominik
dominika donald donna donovan dora doreen doris dorothy dougie douglas duncan dwayne dylan ebony ed eddie edgar edith
edward edwin eileen elaine eleanor elena eli elias elijah elin elise eliza elizabeth ella ellen ellie elliot elliott
ellis elsie elton emeka emil emily emma emmanuel emre enzo eric erica erin ernest esme esther ethan eugene eunice
eva evan evangeline eve evelyn ewan ezra fabian faisal farah farhan farid fatima fatma faye femi fern fernando ffion
fiona florence francesca frances francis francisco frank frankie fraser freddie freddy frederick freya funmi gabriel
gabriela gabriella gabrielle gail gareth garry gary gavin gemma george georgia georgina gerald geraldine gerard
gethin gillian gina glen glenn gloria glyn gordon grace graeme graham grant greg gregory gurpreet gwen gwyn habib
hadley hafsa hamid hamza hannah hardeep haris harjit harley harold harpreet harriet harris harrison harry harvey
hasan hassan hayden hayley heather hector heidi helen helena henry hollie holly hugh hugo humza hussain huw iain ian
ibrahim idris ifeoma ifor igor ikram imogen imran ina inderjit indira ines ioan iqbal irene iris irfan isaac isabel
isabella isabelle isaiah isla islam ismail ivan ivor izzy jack jackie jackson jacob jacqueline jade jaden jai jake
jakub jamal james jamie jan jane janet janice jared jarrod jasmine jason jasper javed javier jay jayden jaz jean
jeanette jed jeff jeffrey jemima jenna jennifer jenny jeremy jermaine jerome jess jesse jessica jessie jim jimmy jo
joan joanna joanne jodie joe joel joey johanna john johnny jon jonah jonathan jordan jordon jorge jose joseph josh
joshua josie joy joyce juan jude judith judy jules julia julian julie juliet junaid justin kacper kaden kai kaitlyn
kamal kamila kane kara karan kareem karen karim karina karl karolina kasia kate katherine kathleen kathryn kathy
katie katrina kay kayden kayla kayleigh keeley keira keith kelly kelvin ken kenneth kenny kerry kevin khadija khalid
kian kiara kieran kieron kim kimberley kiran kirsty kit kofi krystal krzysztof kurt kwabena kwame kyle kylie lacey
lachlan lana lara laura lauren laurence layla leah lee leigh leila lena leo leon leona leonard leroy leslie lewis
lexi liam lilian lily lina linda lindsay lindsey lisa liz lizzie lloyd logan lois lola lorna lorraine louie louis
louisa louise luca lucas lucia lucy luke luis lukasz luther lydia lyndon lynn lynne mabel macie mackenzie madeleine
madison mae maggie magdalena mahmood mahmoud maisie maja malachi malcolm malik mandy manpreet manuel mara marc
marcel marcin marco marcus margaret maria mariam marian marie marilyn marina mario marion marisa marius marjorie
mark marlon martha martin martina marty marvin mary mason mateusz mathew matilda matt matthew maureen max maxine
maxwell maya megan mehmet mel melanie melissa mercy meredith mia michael michaela michal michelle mick mickey mikey
mike mikolaj milan mildred miles millie milly mina mitchell mo mohamed mohammad mohammed moira molly mona monica
morgan muhammad mustafa myles nadia nadine naomi nasir natalia natalie natasha nathan nathaniel neil nia niall
nicholas nicky nicola nicole nigel nikhil nikita nikki nina noah noel nora norma norman oakley obi odette ola olamide
olga oli oliver olivia ollie omar oscar osman owen pamela paolo parveen pat patricia patrick patryk paul paula
pauline pawel pedro peggy penelope penny percy pete peter petra phil philip philippa phoebe phoenix pierre piotr
poppy precious preston priya priyanka rachael rachel rafael raheem rahul raj rajesh rakesh ralph ramona ranjit
raphael rashid ravi ray raymond rebecca rebekah reece reggie reginald regina reuben rhian rhiannon rhodri rhona
rhys ricardo richard ricky rik riley rita rob robbie robert roberta roberto robin robyn rocco rohan roisin roland
roman ronald ronan ronnie rory rosa rosalind rose rosemary rosie ross rowan roxanne roy ruby rudy rupert russell
ruth ryan sabrina sacha sadia sadie saeed safiya sahil saima sajid sally salma sam samantha sameer samir sammy
samuel sandeep sandra sani sanjay sara sarah sasha saskia scarlett scott sean sebastian seren sergei seth shabana
shahid shakira shane shannon shantelle sharon shaun shauna shawn sheila shelby shelley sheryl shirley shona sian
sidney sienna simon simone simran sinead siobhan skye sofia sonia sonny sophia sophie stacey stan stanley stefan
stella steph stephanie stephen steve steven stewart stuart sue sukhdeep sukhwinder sumaya summer susan suzanne
sylvia szymon tahir tamara tamsin tanya tara tariq tasha taylor ted teddy tegan terence teresa terri terry tess
thea theo theodore theresa thomas tia tiago tiffany tim timothy tina toby todd tom tomas tomasz tommy toni tony tracey
tracy travis trevor tristan troy tyler tyrell tyrone umar usman uzma valerie vanessa vera veronica vicki vicky
victor victoria vikram vince vincent violet vivian wade wajid waleed walter wanda warren wayne wendy wesley will
william willow wojciech xander xavier yasmin yasmine yousef yusuf yvonne zac zach zachary zahid zainab zak zara
zoe zofia zuzanna abdi abdirahman ade adebola adeola adewale afolabi akin akua ama amos ayesha bukola chidera chinedu
chioma damilola dayo ebenezer efe ejike emeka folake ifeanyi kemi kehinde kojo kunle ngozi nkechi nnamdi obinna
olu oluwaseun segun seun taiwo tobi tunde uche yaw yemi ioana andreea mihai florin gheorghe ionut vasile ewa agnieszka
anna katarzyna marta monika tadeusz zbigniew jurgen klaus lars sven nils erik freja ingrid astrid chloe
delyth eirian eluned gwenllian iolo llinos meinir osian sion tomos cerys carys elis gruffydd iwan alun aled emrys
geraint hywel ieuan rhodri trystan wyn dai bryn dilwyn eifion gwilym nerys siwan heledd mared catrin manon lowri
sioned eleri ffion nia tegid elfed dyfed idwal
niamh aoife saoirse caoimhe orla roisin eimear grainne aisling clodagh sorcha eoin cian oisin padraig seamus
cathal donal fergal ruairi colm shane diarmuid tadhg cormac feargal brendan kieran mairead nuala una
owain euan ewan iain leanne roxana rhiannon winston jun mantas jaspal hao mei wei lei yan ming hamish morag kirsty fraser callum lachlan murdo
`);

/** Common surnames (lower case). */
export const SURNAMES: ReadonlySet<string> = words(`
abbott abbas abdi abdullah adams adebayo adekunle adeleke adeyemi adewale ahmed ahmad akhtar akram ali allan allen
allison anderson andrews anwar appleby archer armstrong arnold ashby ashworth asante aslam atkins atkinson austin
bailey baird baker baldwin ball banks baptiste barber barker barlow barnes barnett barrett barry bartlett barton
bates baxter begum bell bennett benson bentley berry bevan bhatti bibi bird bishop black blackburn blake bolton
bond booth bowen bowman boyd boyle bradley bradshaw brady brennan brewer briggs brooks brown browne bruce bryan
bryant buckley bull burgess burke burns burrows burton bush butler byrne cairns caldwell cameron campbell carey
carr carroll carter cartwright chadwick chambers chan chandler chapman charlton chauhan chaudhry cheung clark clarke
clayton clements coates cole coleman collier collins connolly conway cook cooke cooper cox craig crawford cross
cunningham curtis dale dalton daly daniel daniels davey davidson davies davis dawson day dean dennis dhillon dixon
dobson dodd doherty donnelly doyle duffy duncan dunn dyer edwards elliott ellis ellison evans farrell faulkner
ferguson fernandes fernandez ferreira field finch fisher fitzgerald fleming fletcher flynn ford forster foster
fowler fox francis franklin fraser freeman french frost fry fuller gallagher gardiner gardner garner george gibbons
gibbs gibson gilbert giles gill gilmore glover godfrey golding goodwin gordon gough gould graham grant gray green
greene greenwood gregory griffin griffiths grayson gupta hale hall hamilton hammond hancock hanson hardy hargreaves
harper harrington harris harrison hart hartley harvey hawkins hayes haynes hayward heath henderson henry hewitt
hickman higgins hill hilton hobbs hodgson holden holland hollis holmes holt hooper hope hopkins horton houghton
howard howarth howe howell howells hudson hughes humphreys hunt hunter hussain hussein hutchinson iqbal jackson
james jarvis jenkins jennings john johnson johnston jones jordan joseph joyce kaur kay kaye kelly kemp kennedy kent
kerr kerrigan khan king kirby kirk knight knowles kumar lamb lambert lane law lawrence lawson lee lees lewis lindsay
little lloyd long lord lowe lucas lynch macdonald mackay mackenzie mahmood malik mann manning marsh marshall martin
martinez mason matthews maxwell may mccann mccarthy mcdonald mcgrath mcintyre mckenzie mclean mensah miah miles
miller mills mistry mitchell moore moran morgan morris morrison moss murphy murray nair nash naylor newman newton
nicholls nicholson noble norman norris nowak nolan oconnell oconnor odonnell obrien okafor okonkwo oliver omar
osborne osei owen owens page palmer parker parkinson parry parsons patel patterson payne pearce pearson perkins
perry phillips pickering pierce pike pollard poole porter potter powell power pratt preston price pritchard quinn
rahman randall rashid read reed rees reeves reid reilly reynolds rhodes richards richardson riley roberts robertson
robinson robson rogers rose ross rowe rowley russell ryan sanders saunders scott seddon shah sharma sharp sharpe
shaw shepherd short simmons simpson sims singh skinner slater smith smyth spencer stanley steele stephens stephenson
stevens stewart stone storey sullivan sutton swift talbot taylor thomas thompson thomson thornton tilley todd
townsend tucker turner vaughan walker wall wallace walsh walters walton ward warner warren watkins watson watts
webb webster welch wells west wheeler whitaker whittaker white whitehead whitworth wilkins wilkinson williams
williamson willis wilson winter wong wood woods woodward wright wyatt yates young zhang edmunds meredith powys vaughan gwynne probert prothero bowen llewelyn gruffydd lloyd-jones parry-jones wyn-jones
evans-jones hughes-evans ellis-jones cadwaladr jenkin morgans beddoe pugh
abara adeyemo afolayan akande akinola babatunde balogun eze igwe nwosu obi ogunleye okeke okoye olawale oni onyeka
agyeman boateng darko mensah owusu appiah acheampong
kowalski kowalska nowakowski wisniewski wojcik kaminski lewandowski zielinski szymanski dabrowski kozlowski
popescu ionescu popa petrov ivanov novak horvat
chowdhury choudhury uddin islam haque karim rehman rahim siddiqui qureshi butt bashir raza riaz sadiq yousaf
zaman javed anjum mirza chaudhary sandhu sidhu gill grewal bains johal atwal virk mann dhaliwal bhogal
kapoor malhotra mehta joshi desai reddy rao iyer pillai menon verma yadav
nguyen tran le pham wu li liu chen huang lin zhao
omalley oneill oreilly odriscoll mcmahon mcbride mcgee mcgowan mckay mclaughlin mcneil mcphee
`);

/**
 * Names that are also ordinary English words ("a green jacket", "will check", "no joy", "the rent
 * rose"). They count as a name only in a name's shape (Forename SURNAME, after a title or role,
 * or repeating a form already used as a name in the same record) and never when lower case.
 */
export const AMBIGUOUS_NAMES: ReadonlySet<string> = words(`
will mark rose joy hope grace faith bell green white brown black grey gray short stone cook walker hill young long
king hall wood page lane ward rich may june april august summer dawn sky amber ruby crystal penny pat bill jack
frank chase miles sterling art ray guy rob sue nick don wade hunter reed rush holly ivy iris lily daisy poppy violet
pearl angel gale storm river brook cliff dale glen heath moss marsh fox bird lamb bull hart wolf swift field
ford bush park rice price cross day nash hale hardy little noble power sharp wells west winter read lord law
long house moore more best bond booth carter cole fisher gardner hunt mason parker porter potter shepherd
sharpe baker butler chambers archer banks barber brewer bishop pike fry major minor
`);

/**
 * Words written in capitals in police records that are not names: acronyms, shorthand, ranks,
 * gradings and headings. An ALL-CAPS token is taken as a surname only if it is not here and not an
 * ordinary English word.
 */
export const NOT_NAME_CAPS: ReadonlySet<string> = words(`
abh ac acc aka anpr asb asap bcu bwv cad caution cce cctv cid cps cjpoa cro csi csu cse dash dob dvpn dvpo dwp
gbh gmfrs hcp hmpo hmrc idva inft ip ips kyc marac mda mo mop nfa ngh nhs npt nrm ocg oic opp opps pace pc pcso pha
pnc poa ppn pwits rtc sc soco ssd tfmv twoc vrm vps w/s yot ic1 ic2 ic3 ic4 ic5 ic6 mg11 cad ucr suspect victim
intel intelligence report update offender desc high medium low standard risk urgent note notes nb wanted missing
male female males females unk unknown comp comps susp susps veh apt flat unit ref log crime incident officer officers
police source handling eval evaluation grading subject witness caller driver passenger vehicle drugs cash phone
rtc dvla dvsa ukba ncа nca rocu roct ctsa bt ee o2 vodafone bbc uk gb eu usa nhs gp a&e ae hq mp mps mpv suv bmw vw
kfc ebay atm sim imei id dna sms pin url www os vin pcn ntl ntc sgt insp supt det ds dc di dci dsi ps cc dcc
pcc acpo npcc hmic hmicfrs iopc ipcc cps cjs yjs lado mash sarc idva isva cmht amhp s136 s135 s60 s1 s23 s18
s20 s47 s39 ok tv cd dvd usb gps dash cam bwv iban bic swift sca cja soa ofa faa rta cda sopo sro crim ofa cpia ripa poca vcop glaa tor pncid cris niche athena storm acr rms fgm hbv vawg mopi nfib erisp chis fpn pnd nip vdrs cpia mg5 mg6
crb dbs lado sgo cpp cin cla iom mappa misper rtc ppu cjsm hoto hot gowisely ndm thrive sara plan oscar iopc ndm
risk vpd cjpoa ukpn nfib cifas pnd pnc niche storm athena connect
`);

/**
 * Ordinary English words that appear in records and may be capitalised (sentence starts,
 * headings, ALL-CAPS records). A capitalised word here is not taken as a name on its own.
 */
export const COMMON_WORDS: ReadonlySet<string> = words(`
a about above across after again against all along also although always am among an and another any anyone
anything approx approximately are area around arrested arrest arrived as ask asked at attended attempt away back
bag bags be because been before behind being believed below between both boy boys but by called came can car cars
caught charged child children city clothing club community conducted contact could council court custody day days
described description did didn't do does door down drive drove during each early either else end enquiries
entered entry evening ever every evidence exhibit family father female few find first floor following for force
forced found friend friends from front further gave get girl given go going gone got group had has have he heard
her here him himself his home house how however if in information injured injury inside into is it its itself just
kept known last late later left let like lives local located location made make male man many may me members
might mobile more morning most mother much must my name named near nearby neighbour never new next night no none
nor not nothing now of off officer officers often on once one only onto or other others our out outside over own
parent parents partner people person phone place police premises previous property provided reported reports
reside residence returned road room said same saw scene school searched second seen she shop should side since
so some someone something son states stated statement still stolen store street such suspect taken team than that
the their them then there these they thing things this those though three through time to told too took towards
town two under unit until up upon us used using very victim was we week went were what when where whether which
while white who whom whose why will with within without witness woman women would year years yes yet you young
your youth youths further advised advice action actions additional address addresses alleged allegedly also
appears application arrested assault attempted available aware being believes black blue brother brown bus
camera cannabis caution cautioned checks circulated collected complaint concern concerns confirmed conveyed
cousin daughter dealer dealing detained domestic driver driving drugs enquiry estate files filed footage
grey green hatchback information interview jacket knife known line male mum nan observed occupant occupants
offence offences offender officers owner passenger patrol premises priority provide reported request requested
risk road safeguarding search seized sister son station statement stop subject suspects tel threats transferred
unit update van vehicle vehicles victims warrant wife witnesses youths husband girlfriend boyfriend uncle aunt
grandmother grandfather grandson granddaughter nephew niece stepfather stepmother stepson stepdaughter dad
keeper hirer manager staff security guard detective warden solicitor investigator tradesman supervisor
key holder landlord landlady tenant resident residents member worker workers employee employees colleague
support services service care unit team trust office department desk line
cheap dark light red yellow orange purple pink gold silver ginger slim tall short heavy build hair
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
january february march april may june july august september october november december jan feb mar apr jun jul
aug sep sept oct nov dec today tonight yesterday tomorrow
north south east west northern southern eastern western central upper lower old new great little
street road lane avenue close court drive way place crescent terrace gardens hill park view square
mews row walk grove rise green parade centre center station bridge estate house flat cottage farm
english french german polish irish scottish welsh british italian spanish romanian lithuanian latvian
portuguese albanian turkish kurdish iranian iraqi afghan syrian somali nigerian ghanaian chinese vietnamese indian
pakistani bangladeshi jamaican american dutch danish swedish norwegian russian ukrainian czech slovak hungarian
robbery burglary theft assault fraud arson shoplifting harassment stalking damage criminal domestic
violence disorder drugs possession supply weapon weapons offensive firearm firearms vehicle vehicles public order
sexual offence offences incident report intelligence stop search update outcome result summary details circumstances
christmas easter bank holiday summer winter spring autumn
`);

/** Titles written before a name; they are outside the PERSON span. */
export const TITLES: ReadonlySet<string> = words('mr mrs ms miss mx dr rev revd sir dame lady lord master prof');
