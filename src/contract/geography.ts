/** Force boundaries as the API serves them: one GeoJSON feature per force area. */
import { z } from 'zod';
import { Area, featureCollectionOf, featureOf } from './geojson.ts';

export const BoundaryProperties = z.object({
  force_id: z.string().describe('data.police.uk force slug'),
  pfa_code: z.string().describe('ONS Police Force Area code, e.g. E23000001'),
  name: z.string().nullable().describe('the area name in the boundaries file'),
});

export const BoundaryFeature = featureOf(Area, BoundaryProperties);
export type BoundaryFeature = z.infer<typeof BoundaryFeature>;

export const ForceBoundaries = featureCollectionOf(BoundaryFeature);
export type ForceBoundaries = z.infer<typeof ForceBoundaries>;
