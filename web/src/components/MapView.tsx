/**
 * A MapLibre map that needs nothing from the internet: a plain background, force and district
 * boundaries when the hub has them, and GeoJSON polygon layers (H3 cells, alert areas). No symbol
 * layers, so no glyphs are fetched: place names are HTML (district labels as markers, and the
 * hover label, which names every described layer under the pointer, topmost first).
 */
import { useEffect, useRef } from 'react';
import type { Map as MlMap, Marker, GeoJSONSource, LngLatBoundsLike, MapLayerMouseEvent } from 'maplibre-gl';
import type { StyleSpecification, ExpressionSpecification } from '@maplibre/maplibre-gl-style-spec';
import 'maplibre-gl/dist/maplibre-gl.css';
// MapLibre looks for its worker beside its own module, which a bundle moves: point it at the
// worker file Vite emits (same origin, so the CSP's worker-src 'self' allows it).
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

// MapLibre is most of the dashboard's code. It is its own chunk, fetched as soon as this module
// runs, so the page's first requests go out while it downloads and compiles, not after.
const maplibre = import('maplibre-gl').then((ml) => {
  ml.setWorkerUrl(workerUrl);
  return ml;
});

export interface MapLayer {
  id: string;
  data: GeoJSON.FeatureCollection;
  /**
   * density: cells coloured by count; outline: red edges; area: one shaded place (cells drawn as one);
   * boundary: force areas; district: local authority edges (dashed), named on hover; labels: points
   * whose `name` is written on the map.
   */
  kind: 'density' | 'outline' | 'area' | 'boundary' | 'district' | 'labels';
  /** For density layers: the value that gets the darkest colour. */
  max?: number;
  /** What the map says on hover over a feature of this layer (a place's name, a count); none when absent. */
  describe?: (properties: Record<string, unknown>) => string | null;
}

const ENGLAND_AND_WALES: LngLatBoundsLike = [[-5.9, 49.9], [1.9, 55.9]];

const STYLE: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#e8eef3' } }],
};

function boundsOf(fc: GeoJSON.FeatureCollection): LngLatBoundsLike | null {
  let w = 180, s = 90, e = -180, n = -90;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [x, y] = c as number[];
      w = Math.min(w, x); e = Math.max(e, x); s = Math.min(s, y); n = Math.max(n, y);
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  for (const f of fc.features) if (f.geometry && 'coordinates' in f.geometry) visit(f.geometry.coordinates);
  return w <= e ? [[w, s], [e, n]] : null;
}

export function MapView({ layers, label, height = 420, fitTo, onSelect }: {
  layers: MapLayer[];
  label: string;
  height?: number;
  /** Id of the layer whose extent the map fits; England and Wales when absent or empty. */
  fitTo?: string;
  onSelect?: (feature: { layer: string; id: string | number | undefined; properties: Record<string, unknown> }) => void;
}) {
  const el = useRef<HTMLDivElement>(null);
  const tip = useRef<HTMLDivElement>(null);
  const map = useRef<MlMap | null>(null);
  const describers = useRef(new Map<string, NonNullable<MapLayer['describe']>>());
  describers.current = new Map(layers.flatMap((l) => (l.describe ? [[l.id, l.describe] as const] : [])));
  const ready = useRef<Promise<MlMap | null> | null>(null);
  const markers = useRef(new Map<string, Marker[]>());
  const ml = useRef<typeof import('maplibre-gl') | null>(null);
  const selectRef = useRef(onSelect);
  selectRef.current = onSelect;

  useEffect(() => {
    const container = el.current;
    if (!container) return;
    let removed = false;
    ready.current = maplibre.then((lib) => {
      if (removed) return null;
      ml.current = lib;
      const m = new lib.Map({
        container, style: STYLE, bounds: ENGLAND_AND_WALES, attributionControl: false,
        dragRotate: false, pitchWithRotate: false, maxZoom: 14, fadeDuration: 0,
      });
      m.addControl(new lib.NavigationControl({ showCompass: false }), 'top-right');
      m.keyboard.enable();
      map.current = m;
      // Hover names: an HTML label (no glyphs to fetch), from every layer under the pointer that describes its feature.
      m.on('mousemove', (e) => {
        const t = tip.current;
        if (!t) return;
        const ids = [...describers.current.keys()].flatMap((id) => [`${id}-fill`, `${id}-line`]).filter((id) => m.getLayer(id));
        const hit = ids.length ? m.queryRenderedFeatures(e.point, { layers: ids }) : [];
        // Every described layer under the pointer, topmost first, once each, leaving out what an upper one
        // already says: "Newport 018D in Newport (Drugs alert) · Gwent Police".
        const parts: string[] = [];
        const seen = new Set<string>();
        for (const f of hit) {
          const layer = f.layer.id.replace(/-(fill|line)$/, '');
          if (seen.has(layer)) continue;
          seen.add(layer);
          const d = describers.current.get(layer)?.(f.properties as Record<string, unknown>);
          if (d && !parts.some((p) => p.includes(d))) parts.push(d);
        }
        const text = parts.join(' · ');
        t.hidden = !text;
        if (text) {
          t.textContent = text;
          // Beside the pointer, kept inside the map: to its left when it would run off the right edge.
          const room = (el.current?.clientWidth ?? Infinity) - e.point.x - 24;
          t.style.left = `${room < t.offsetWidth ? Math.max(0, e.point.x - 12 - t.offsetWidth) : e.point.x + 12}px`;
          t.style.top = `${e.point.y + 12}px`;
        }
      });
      m.on('mouseout', () => tip.current && (tip.current.hidden = true));
      return new Promise<MlMap>((res) => m.once('load', () => res(m)));
    });
    return () => {
      removed = true;
      for (const ms of markers.current.values()) for (const mk of ms) mk.remove();
      markers.current.clear();
      map.current?.remove();
      map.current = null;
    };
  }, []);

  useEffect(() => {
    if (!ready.current) return;
    let cancelled = false;
    // Layers go in after the browser has painted the frame that brought their data, so the page's
    // numbers and tables show before MapLibre parses and tiles thousands of polygons.
    void ready.current.then(afterPaint).then((m) => {
      if (cancelled || !m || map.current !== m) return;
      const wanted = new Set(layers.map((l) => l.id));
      for (const [id, ms] of markers.current) if (!wanted.has(id)) (ms.forEach((mk) => mk.remove()), markers.current.delete(id));
      for (const l of m.getStyle().layers ?? []) {
        const base = l.id.replace(/-(fill|line|dot)$/, '');
        if (l.id !== 'background' && !wanted.has(base)) m.removeLayer(l.id);
      }
      for (const id of Object.keys(m.getStyle().sources ?? {})) if (!wanted.has(id.replace(/-pts$/, ''))) m.removeSource(id);
      for (const [i, l] of layers.entries()) {
        if (l.kind === 'labels') {
          // Names as HTML markers (no glyphs to fetch), redrawn with their data.
          markers.current.get(l.id)?.forEach((mk) => mk.remove());
          const lib = ml.current!;
          markers.current.set(l.id, l.data.features.flatMap((f) => {
            if (f.geometry?.type !== 'Point' || typeof f.properties?.name !== 'string') return [];
            const div = document.createElement('div');
            div.className = 'map-label';
            div.textContent = f.properties.name;
            div.setAttribute('aria-hidden', 'true');
            return [new lib.Marker({ element: div }).setLngLat(f.geometry.coordinates as [number, number]).addTo(m)];
          }));
          continue;
        }
        const src = m.getSource(l.id) as GeoJSONSource | undefined;
        if (src) src.setData(l.data);
        else m.addSource(l.id, { type: 'geojson', data: l.data, promoteId: l.kind === 'boundary' ? undefined : 'h3' });
        if (l.kind === 'density') {
          const pts = m.getSource(`${l.id}-pts`) as GeoJSONSource | undefined;
          if (pts) pts.setData(centroids(l.data));
          else m.addSource(`${l.id}-pts`, { type: 'geojson', data: centroids(l.data) });
        }
        if (m.getLayer(`${l.id}-fill`) || m.getLayer(`${l.id}-line`)) {
          if (l.kind === 'density' && m.getLayer(`${l.id}-fill`)) {
            m.setPaintProperty(`${l.id}-fill`, 'fill-color', densityColour(l.max ?? 1));
            m.setPaintProperty(`${l.id}-dot`, 'circle-color', densityColour(l.max ?? 1));
          }
          continue;
        }
        // Drawn in the order given, whatever order the data arrives in: a layer whose data comes late
        // (districts) goes under the layers after it in the list that are already drawn.
        const later = new Set(layers.slice(i + 1).map((x) => x.id));
        const under = (m.getStyle().layers ?? []).find((x) => later.has(x.id.replace(/-(fill|line|dot)$/, '')))?.id;
        switch (l.kind) {
          case 'boundary': {
            // Boundaries go under whatever is already drawn.
            const below = (m.getStyle().layers ?? []).find((x) => x.id !== 'background')?.id;
            m.addLayer({ id: `${l.id}-fill`, type: 'fill', source: l.id, paint: { 'fill-color': '#ffffff', 'fill-opacity': 0.9 } }, below);
            m.addLayer({ id: `${l.id}-line`, type: 'line', source: l.id, paint: { 'line-color': '#5b6770', 'line-width': 0.8 } }, below);
            break;
          }
          case 'district':
            // An all but clear fill, so the hover finds the district anywhere inside it; dashed edges.
            m.addLayer({ id: `${l.id}-fill`, type: 'fill', source: l.id, paint: { 'fill-color': '#ffffff', 'fill-opacity': 0.01 } }, under);
            m.addLayer({ id: `${l.id}-line`, type: 'line', source: l.id, paint: { 'line-color': '#6f777b', 'line-width': 1.2, 'line-dasharray': [3, 2] } }, under);
            break;
          case 'density':
            m.addLayer({ id: `${l.id}-fill`, type: 'fill', source: l.id, paint: { 'fill-color': densityColour(l.max ?? 1), 'fill-opacity': 0.85, 'fill-outline-color': '#ffffff' } }, under);
            // Cells are under a kilometre across: at national zoom they are drawn as dots, fading into the hexagons.
            m.addLayer({ id: `${l.id}-dot`, type: 'circle', source: `${l.id}-pts`, paint: {
              'circle-color': densityColour(l.max ?? 1),
              'circle-radius': ['interpolate', ['linear'], ['zoom'], 5, 2.5, 8, 4, 11, 5],
              'circle-opacity': ['interpolate', ['linear'], ['zoom'], 10, 0.9, 11.5, 0],
              'circle-stroke-color': '#5b1a00', 'circle-stroke-width': 0.4,
              'circle-stroke-opacity': ['interpolate', ['linear'], ['zoom'], 10, 0.9, 11.5, 0],
            } }, under);
            m.on('click', `${l.id}-fill`, (e: MapLayerMouseEvent) => {
              const f = e.features?.[0];
              if (f) selectRef.current?.({ layer: l.id, id: f.id, properties: f.properties as Record<string, unknown> });
            });
            break;
          case 'outline':
            m.addLayer({ id: `${l.id}-line`, type: 'line', source: l.id, paint: { 'line-color': '#b00020', 'line-width': 2.5 } }, under);
            break;
          case 'area':
            // One shade with no edges between cells: neighbouring cells read as one place, not a honeycomb.
            m.addLayer({ id: `${l.id}-fill`, type: 'fill', source: l.id, paint: { 'fill-color': '#b00020', 'fill-opacity': 0.45, 'fill-antialias': false } }, under);
            break;
        }
      }
      const fit = layers.find((l) => l.id === fitTo);
      const b = fit && fit.data.features.length ? boundsOf(fit.data) : null;
      m.fitBounds(b ?? ENGLAND_AND_WALES, { padding: 30, duration: 0, maxZoom: 12 });
    });
    return () => void (cancelled = true);
  }, [layers, fitTo]);

  return (
    <div className="map-wrap" style={{ position: 'relative' }}>
      <div ref={el} className="map" style={{ height }} role="region" aria-label={label} tabIndex={0} data-testid="map" />
      <div ref={tip} className="map-tip" hidden aria-hidden="true" data-testid="map-tip" />
    </div>
  );
}

function afterPaint<T>(v: T): Promise<T> {
  return new Promise((res) => requestAnimationFrame(() => setTimeout(() => res(v), 0)));
}

/** One point per polygon (the mean of its ring), carrying the polygon's properties. */
function centroids(fc: GeoJSON.FeatureCollection): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: fc.features.flatMap((f) => {
      if (f.geometry?.type !== 'Polygon') return [];
      const ring = f.geometry.coordinates[0].slice(0, -1);
      const [x, y] = ring.reduce(([a, b], [px, py]) => [a + px / ring.length, b + py / ring.length], [0, 0]);
      return [{ type: 'Feature' as const, properties: f.properties, geometry: { type: 'Point' as const, coordinates: [x, y] } }];
    }),
  };
}

/** Light yellow to dark red by count (sequential, readable on the pale background). */
export function densityColour(max: number): ExpressionSpecification {
  const m = Math.max(max, 1);
  return ['interpolate', ['linear'], ['get', 'n'], 0, '#fff3b0', m * 0.25, '#fdb863', m * 0.5, '#e66101', m, '#7f0000'];
}

export function DensityLegend({ max, caption }: { max: number; caption: string }) {
  return (
    <div className="legend" aria-hidden="true">
      <span>{caption}</span>
      <span className="legend-ramp" />
      <span>0</span><span>{max.toLocaleString('en-GB')}</span>
    </div>
  );
}
