/**
 * The tactic library Peel ships with: tactics whose evidence the College of Policing's Crime
 * Reduction Toolkit summarises in EMMIE form (Effect, Mechanism, Moderators, Implementation,
 * Economic cost; Johnson, Tilley & Bowers, 2015, "Introducing EMMIE", Journal of Experimental
 * Criminology 11:459–473), each with the systematic review it rests on and the Maryland Scientific
 * Methods Scale level of its best evidence (Sherman et al., 1997: 3 = before/after with comparison
 * areas, 5 = randomised). The summaries are short paraphrases of those reviews, written for
 * orientation: read the review before relying on a figure. A force adds its own with
 * `peel tactics import` (a document another force exported).
 */
import type { TacticsContract } from '../contract/index.ts';

type Tactic = TacticsContract.Tactic;

export const BUILTIN_TACTICS: readonly Tactic[] = [
  {
    tactic_id: 'hot-spots-policing',
    name: 'Hot spots policing',
    problem: 'Crime concentrated in a few small places (street segments, blocks, LSOAs) that account for a large share of a force\'s crime.',
    mechanism: 'Visible, frequent patrol or problem-solving at the hot spot raises the perceived risk of offending there; short unpredictable visits (the "Koper curve") keep the effect between visits.',
    emmie: {
      effect: { summary: 'Small but statistically significant reductions in crime and disorder in treated hot spots across randomised and quasi-experimental studies; surrounding areas more often gain a diffusion of benefit than suffer displacement.', evidence_quality: 'strong' },
      mechanism: { summary: 'Deterrence through increased perceived risk; problem-oriented versions also change the place itself.', evidence_quality: 'moderate' },
      moderators: { summary: 'Problem-oriented approaches at hot spots tend to show larger effects than increased patrol alone; effects are clearest for violence and disorder.', evidence_quality: 'moderate' },
      implementation: { summary: 'Needs reliable identification of hot spots, dosage tracking (GPS of patrol time) and sustained supervision; effects fade when dosage lapses.', evidence_quality: 'moderate' },
      economic_cost: { summary: 'Mostly officer time redirected from other work; few studies report formal cost-benefit figures.', evidence_quality: 'limited' },
    },
    maryland_level: 5,
    references: [
      'Braga, A. A., Turchan, B., Papachristos, A. V. & Hureau, D. M. (2019). Hot spots policing of small geographic areas effects on crime. Campbell Systematic Reviews 15(3), e1046.',
      'College of Policing, Crime Reduction Toolkit: Hot spots policing.',
    ],
    cost: 'Officer time (patrol hours at the hot spots); GPS dosage monitoring.',
  },
  {
    tactic_id: 'problem-oriented-policing',
    name: 'Problem-oriented policing',
    problem: 'A recurring crime problem (a place, victim group or offence type) that reactive response does not reduce.',
    mechanism: 'Scanning, analysis, response and assessment (SARA) identify the conditions that produce the problem and change them (opportunity reduction, partnership action).',
    emmie: {
      effect: { summary: 'Overall a modest, statistically significant reduction in crime and disorder compared with comparison groups.', evidence_quality: 'strong' },
      mechanism: { summary: 'Varies with the response chosen: removing opportunities, increasing guardianship, or changing offenders\' choices.', evidence_quality: 'moderate' },
      moderators: { summary: 'Effects depend on the depth of analysis and whether responses address the causes found.', evidence_quality: 'limited' },
      implementation: { summary: 'Needs analytical capacity, partner engagement and time; shallow problem-solving is a common failure.', evidence_quality: 'moderate' },
      economic_cost: { summary: 'Analyst and officer time plus the cost of responses; rarely costed.', evidence_quality: 'very limited' },
    },
    maryland_level: 4,
    references: [
      'Hinkle, J. C., Weisburd, D., Telep, C. W. & Petersen, K. (2020). Problem-oriented policing for reducing crime and disorder: an updated systematic review and meta-analysis. Campbell Systematic Reviews 16(2), e1089.',
      'College of Policing, Crime Reduction Toolkit: Problem-oriented policing.',
    ],
    cost: 'Analyst and officer time; the responses chosen.',
  },
  {
    tactic_id: 'street-lighting',
    name: 'Improved street lighting',
    problem: 'Crime in public spaces after dark.',
    mechanism: 'Better lighting increases natural surveillance and signals investment in the area (community pride, informal social control).',
    emmie: {
      effect: { summary: 'Reductions in crime in lit areas compared with control areas, in daytime as well as at night (suggesting community effects as well as surveillance).', evidence_quality: 'moderate' },
      mechanism: { summary: 'Surveillance and community-pride mechanisms are both supported.', evidence_quality: 'limited' },
      moderators: { summary: 'Effects larger in UK studies than US ones in the review.', evidence_quality: 'limited' },
      implementation: { summary: 'Needs the local authority as partner; effects depend on the size of the lighting improvement.', evidence_quality: 'limited' },
      economic_cost: { summary: 'Capital and running costs borne by the local authority; some studies found benefits exceeding costs.', evidence_quality: 'limited' },
    },
    maryland_level: 3,
    references: [
      'Welsh, B. C. & Farrington, D. P. (2008). Effects of improved street lighting on crime. Campbell Systematic Reviews 4(1).',
      'College of Policing, Crime Reduction Toolkit: Street lighting.',
    ],
    cost: 'Lighting installation and running costs (local authority).',
  },
  {
    tactic_id: 'cctv',
    name: 'CCTV surveillance',
    problem: 'Crime in car parks, town centres and residential areas.',
    mechanism: 'Increased perceived risk of detection; faster response and evidence for investigation.',
    emmie: {
      effect: { summary: 'A modest, statistically significant reduction overall, concentrated in car parks and residential areas, with little effect on violent crime.', evidence_quality: 'moderate' },
      mechanism: { summary: 'Deterrence and detection; active monitoring appears more effective than passive recording.', evidence_quality: 'limited' },
      moderators: { summary: 'Setting (car parks), offence type (vehicle crime) and combination with other measures moderate the effect.', evidence_quality: 'moderate' },
      implementation: { summary: 'Camera coverage, image quality and monitoring arrangements determine effectiveness.', evidence_quality: 'limited' },
      economic_cost: { summary: 'Installation, monitoring and maintenance; cost-effectiveness varies by setting.', evidence_quality: 'limited' },
    },
    maryland_level: 3,
    references: [
      'Piza, E. L., Welsh, B. C., Farrington, D. P. & Thomas, A. L. (2019). CCTV surveillance for crime prevention: a 40-year systematic review with meta-analysis. Criminology & Public Policy 18(1), 135–159.',
      'College of Policing, Crime Reduction Toolkit: CCTV.',
    ],
    cost: 'Cameras, monitoring staff, maintenance.',
  },
  {
    tactic_id: 'alley-gating',
    name: 'Alley gating',
    problem: 'Burglary through rear alleys of terraced housing.',
    mechanism: 'Lockable gates remove offenders\' access routes and increase residents\' control over the alley.',
    emmie: {
      effect: { summary: 'Reductions in burglary in gated areas, with diffusion of benefit to nearby areas more often than displacement.', evidence_quality: 'moderate' },
      mechanism: { summary: 'Access control and increased territoriality.', evidence_quality: 'limited' },
      moderators: { summary: 'Works where alleys are the main access route; resident support needed.', evidence_quality: 'limited' },
      implementation: { summary: 'Legal process to restrict rights of way, resident consent and key management.', evidence_quality: 'limited' },
      economic_cost: { summary: 'Gate installation and legal costs; some evaluations report favourable cost-benefit.', evidence_quality: 'limited' },
    },
    maryland_level: 3,
    references: [
      'Sidebottom, A., Tompson, L., Thornton, A., Bullock, K., Tilley, N., Bowers, K. & Johnson, S. D. (2018). Gating alleys to reduce crime: a meta-analysis and realist synthesis. Justice Quarterly 35(1), 55–86.',
      'College of Policing, Crime Reduction Toolkit: Alley gating.',
    ],
    cost: 'Gates, legal orders, keys (local authority and residents).',
  },
  {
    tactic_id: 'repeat-victimisation',
    name: 'Preventing repeat victimisation (cocooning)',
    problem: 'Burglary and other crime that recur against the same victims and their neighbours soon after a first offence.',
    mechanism: 'Target hardening and neighbour alerts at and around a victimised home during the short period of elevated risk.',
    emmie: {
      effect: { summary: 'Reductions in repeat victimisation in evaluated programmes; effects depend on how well the response is delivered.', evidence_quality: 'moderate' },
      mechanism: { summary: 'Reducing the opportunity that made the first offence possible, while risk is highest.', evidence_quality: 'moderate' },
      moderators: { summary: 'Speed of response after the first offence and the strength of the target hardening.', evidence_quality: 'limited' },
      implementation: { summary: 'Needs rapid notification of victimisations and resources to act within days.', evidence_quality: 'limited' },
      economic_cost: { summary: 'Low unit cost per household; few formal evaluations.', evidence_quality: 'very limited' },
    },
    maryland_level: 3,
    references: [
      'Grove, L. E., Farrell, G., Farrington, D. P. & Johnson, S. D. (2012). Preventing repeat victimization: a systematic review. Swedish National Council for Crime Prevention.',
      'College of Policing, Crime Reduction Toolkit: Repeat victimisation.',
    ],
    cost: 'Locks and target-hardening kits; officer or volunteer visits.',
  },
];
