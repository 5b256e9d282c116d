/**
 * GeoJSON (RFC 7946) pieces the API serves: polygon geometries and feature collections with typed
 * properties. The inferred types are assignable to `@types/geojson`'s, so the dashboard hands them
 * to the map without casts.
 */
import { z } from 'zod';

/** [longitude, latitude] (optionally altitude) in WGS 84. */
export const Position = z.array(z.number()).min(2).max(3);

export const Polygon = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(z.array(Position)).describe('linear rings, the first the outer edge; each closed'),
});
export type Polygon = z.infer<typeof Polygon>;

export const MultiPolygon = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(z.array(Position))),
});
export type MultiPolygon = z.infer<typeof MultiPolygon>;

/** An area: one polygon or several. */
export const Area = z.discriminatedUnion('type', [Polygon, MultiPolygon]);
export type Area = z.infer<typeof Area>;

/** A Feature with the given geometry and properties; `id` when the feature has a natural one. */
export function featureOf<G extends z.ZodType, P extends z.ZodType>(geometry: G, properties: P) {
  return z.object({
    type: z.literal('Feature'),
    id: z.string().optional(),
    geometry,
    properties,
  });
}

/** A FeatureCollection of one kind of feature. */
export function featureCollectionOf<F extends z.ZodType>(feature: F) {
  return z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(feature),
  });
}
