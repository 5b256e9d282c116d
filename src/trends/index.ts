/**
 * The statistics library: pure, typed detection statistics with reference-exact answers.
 * Other folders import only this file. See docs/trends.md for definitions and references.
 */
export {
  farringtonFlexible,
  farringtonControl,
  FARRINGTON_DEFAULTS,
  POWER_TRANSFORMS,
  THRESHOLD_METHODS,
  type FarringtonControl,
  type FarringtonOptions,
  type FarringtonResult,
  type PowerTransform,
  type ThresholdMethod,
} from './farrington.ts';
// The shared statistics these detectors use live in src/stats/; re-exported for callers of trends/.
export { mannKendall, benjaminiHochberg, seededRng, type MannKendallResult, type Rng } from '../stats/index.ts';
export {
  localG,
  spatialNeighbours,
  WEIGHT_STYLES,
  type LocalGOptions,
  type LocalGResult,
  type NeighbourSpec,
  type Neighbours,
  type WeightStyle,
} from './gistar.ts';
export {
  emergingHotSpots,
  classifyEmergingHotSpot,
  spaceTimeNeighbours,
  EHSA_CLASSES,
  type EhsaClass,
  type EhsaCell,
  type EhsaOptions,
  type SpaceTimeCube,
  type TrendDirection,
} from './ehsa.ts';
export {
  spaceTimeScan,
  type ScanCluster,
  type ScanInput,
  type ScanLocation,
  type ScanOptions,
  type ScanResult,
} from './scan.ts';
export {
  parseCsv,
  parseMonthlySeriesCsv,
  parseFarringtonControl,
  parsePointsCsv,
  parseTimeSeriesCsv,
  parsePValuesCsv,
  parseCubeCsv,
  parseScanCsv,
  analyseFarrington,
  analyseGiStar,
  analyseMannKendall,
  analyseBenjaminiHochberg,
  analyseEmergingHotSpots,
  analyseScan,
  type FarringtonRow,
  type GiStarRow,
  type MonthlySeries,
  type PointValues,
} from './toolbox.ts';
export {
  detectEmergingTrends,
  latestCompleteMonth,
  listAlerts,
  getAlert,
  setAlertStatus,
  baselineTest,
  shortHistoryTest,
  groupDetections,
  priorityOf,
  alertId,
  explainDetection,
  resolveDetectOptions,
  DEFAULT_HARM_WEIGHTS,
  NOUFAILY_MONTHLY,
  DETECT_METHODS,
  parseScanLocations,
  type DetectRun,
  type DetectOptions,
  type DetectMethod,
  type ResolvedDetectOptions,
  type BaselineTest,
  type BaselineMethod,
  type Detection,
} from './detect/index.ts';
