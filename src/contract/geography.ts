/** Force boundaries as the API serves them: one GeoJSON feature per force area. */
import { z } from 'zod';
import { Area, MultiPolygon, featureCollectionOf, featureOf } from './geojson.ts';

export const BoundaryProperties = z.object({
  force_id: z.string().describe('data.police.uk force slug'),
  pfa_code: z.string().describe('ONS Police Force Area code, e.g. E23000001'),
  name: z.string().nullable().describe('the area name in the boundaries file'),
});

export const BoundaryFeature = featureOf(Area, BoundaryProperties);
export type BoundaryFeature = z.infer<typeof BoundaryFeature>;

export const ForceBoundaries = featureCollectionOf(BoundaryFeature);
export type ForceBoundaries = z.infer<typeof ForceBoundaries>;

/** A GeoJSON Point: [longitude, latitude]. */
export const Point = z.object({ type: z.literal('Point'), coordinates: z.array(z.number()).min(2).max(3) });

/** A local authority district drawn inside a force (from the LSOA points; edges stepped at under 1 km). */
export const DistrictFeature = featureOf(MultiPolygon, z.object({
  kind: z.literal('district'),
  lad_code: z.string().describe('ONS local authority district code'),
  name: z.string().describe('the district by name'),
  force_id: z.string(),
  lsoas: z.number().int().describe('LSOAs of the force in the district'),
}));

/** One label point per district, where its name is written on the map. */
export const DistrictLabel = featureOf(Point, z.object({ kind: z.literal('label'), lad_code: z.string(), name: z.string() }));

export const ForceDistricts = z.object({
  type: z.literal('FeatureCollection'),
  force_id: z.string(),
  features: z.array(z.union([DistrictFeature, DistrictLabel])).describe('district areas first, then one label point per district'),
  reason: z.string().optional().describe('why there are none, when the geography loaded cannot draw them'),
});
export type ForceDistricts = z.infer<typeof ForceDistricts>;
