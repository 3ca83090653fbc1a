// The measurement catalog: types, the list, lookups, selections and extraction from documents.
export { MEASUREMENT_CATALOG } from "./catalog/index.ts";
export { extractMeasurements } from "./extract.ts";
export { MEASUREMENT_NAMES, measurementByCode, measurementByName, measurementsOfModel } from "./lookup.ts";
export {
  README_TABLE_END,
  README_TABLE_START,
  renderCatalogJson,
  renderCatalogTable,
  withCatalogTable,
} from "./render.ts";
export {
  ALL_MEASUREMENTS,
  DEFAULT_MEASUREMENTS,
  type MeasurementSelection,
  MeasurementSelectionError,
  measurementSelection,
  NO_MEASUREMENTS,
  parseMeasurementSelection,
} from "./select.ts";
export { formatOffset, parseTimestamp, type WallClockTime } from "./time.ts";
export * from "./types.ts";
