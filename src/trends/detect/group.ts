/**
 * Grouping detections into alerts, the priority score, and stable alert ids.
 *
 * Two detections of the same category and month belong to one alert when their places overlap or
 * touch: they share an H3 resolution-8 cell, a cell of one is next to a cell of the other (ring 1,
 * about 0.5 km), or they cover the same whole force. Groups are the connected components of that
 * relation. The alert takes its numbers from its lead member (highest priority, then lowest q) and
 * lists every member in its evidence, so a rise seen by Farrington on an LSOA, by Gi* and by the
 * scan, or two scan clusters side by side in one city centre, is one alert, not three.
 *
 * Priority (see docs/detect.md#priority) weighs harm, size and confidence together:
 *
 *   priority = harm × √excess × log2(observed / expected) × confidence
 *
 * harm: the category's weight (1–10, `DEFAULT_HARM_WEIGHTS`); excess = observed − expected (at
 * least 0); log2 of the ratio (expected at least 0.5): 1 for a doubling, 0 for no rise; confidence =
 * min(1, −log10(q) / 3): 0 at q = 1, 1 at q ≤ 0.001. The square root keeps a large count at a small
 * ratio (1.8 times over a busy city centre) from outranking a tripling on a smaller count, and the
 * ratio keeps a many-fold rise on a handful of crimes from outranking both.
 */
import { createHash } from 'node:crypto';
import { gridDisk, isValidCell } from 'h3-js';
import type { CrimeCategory } from '../../standard/index.ts';
import type { AlertMember, NewAlert } from '../../store/index.ts';
import type { Detection } from './detection.ts';
import { explainDetection, methodInWords, placeInWords } from './explain.ts';

export function priorityOf(d: Pick<Detection, 'observed' | 'expected' | 'q' | 'category'>, weights: Readonly<Record<CrimeCategory, number>>): number {
  const excess = Math.max(0, d.observed - d.expected);
  const ratio = Math.max(0, Math.log2(Math.max(d.observed, 0) / Math.max(d.expected, 0.5)));
  const confidence = Math.max(0, Math.min(1, -Math.log10(Math.max(d.q, 1e-300)) / 3));
  return Math.round(weights[d.category] * Math.sqrt(excess) * ratio * confidence * 100) / 100;
}

/** A stable id from what was found: the same finding in a re-run gets the same id. */
export function alertId(month: string, d: Pick<Detection, 'category' | 'kind' | 'force_ids' | 'area_type' | 'area_ids'>): string {
  const key = [month, d.category, d.kind, [...d.force_ids].sort().join(','), d.area_type, [...d.area_ids].sort().join(',')].join('|');
  return `a${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}

/** Evidence numbers as people read them: relative risk 2.94, not 2.94270761603085. */
const round2 = (x: number): number => Math.round(x * 100) / 100;

function member(d: Detection): AlertMember {
  return { kind: d.kind, method: d.method, area_type: d.area_type, area_ids: d.area_ids, observed: d.observed, expected: d.expected, threshold: d.threshold, p: d.p, q: d.q };
}

function notes(d: Detection): Record<string, string | number | boolean | null> {
  switch (d.kind) {
    case 'exceedance': return { baseline: d.baseline, history: d.history, level: d.level };
    case 'hot_spot': return { z: round2(d.z) };
    case 'emerging_hot_spot': return { ehsa_class: d.ehsaClass, z: round2(d.z) };
    case 'space_time_cluster': return { relative_risk: round2(d.relativeRisk), llr: round2(d.llr), months: d.months };
    default: {
      const never: never = d;
      throw new Error(`unknown detection ${JSON.stringify(never)}`);
    }
  }
}

/** Groups overlapping detections of one month into alerts, highest priority first. */
export function groupDetections(month: string, detections: readonly Detection[], weights: Readonly<Record<CrimeCategory, number>>): NewAlert[] {
  const n = detections.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const owner = new Map<string, number>();
  detections.forEach((d, i) => {
    const keys = d.area_type === 'force' ? d.force_ids.map((f) => `force:${f}`) : d.h3_cells.map((c) => `cell:${c}`);
    for (const k of keys) {
      const key = `${d.category}|${k}`;
      const j = owner.get(key);
      if (j === undefined) owner.set(key, i);
      else union(i, j);
    }
  });
  // Places that touch: a neighbouring cell (ring 1) held by another detection of the category.
  const ring = new Map<string, string[]>();
  detections.forEach((d, i) => {
    if (d.area_type === 'force') return;
    for (const c of d.h3_cells) {
      if (!isValidCell(c)) continue;
      let near = ring.get(c);
      if (!near) ring.set(c, (near = gridDisk(c, 1)));
      for (const n of near) {
        const j = owner.get(`${d.category}|cell:${n}`);
        if (j !== undefined) union(i, j);
      }
    }
  });
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  }
  const alerts: NewAlert[] = [];
  for (const idx of groups.values()) {
    const members = idx.map((i) => detections[i]).sort((a, b) => priorityOf(b, weights) - priorityOf(a, weights) || a.q - b.q || a.method.localeCompare(b.method));
    const lead = members[0];
    const sameType = members.filter((m) => m.area_type === lead.area_type);
    const areaIds = [...new Set(sameType.flatMap((m) => m.area_ids))].sort();
    const forceIds = [...new Set(members.flatMap((m) => m.force_ids))];
    forceIds.sort((a, b) => (a === lead.force_ids[0] ? -1 : b === lead.force_ids[0] ? 1 : a.localeCompare(b)));
    const cells = [...new Set(members.flatMap((m) => m.h3_cells))].sort();
    const names = [...new Set(sameType.flatMap((m) => m.areaNames ?? []))];
    const districts = [...new Set(members.flatMap((m) => m.districts ?? []))];
    const grouped: Detection = {
      ...lead, force_ids: forceIds, area_ids: areaIds, h3_cells: cells,
      ...(names.length ? { areaNames: names } : {}), ...(districts.length ? { districts } : {}),
    };
    const others = [...new Set(members.slice(1).map((m) => methodInWords(m.method)))];
    const also = others.length ? ` Also found by ${others.length > 1 ? `${others.slice(0, -1).join(', ')} and ${others.at(-1)}` : others[0]}.` : '';
    alerts.push({
      alert_id: alertId(month, grouped),
      kind: lead.kind,
      force_ids: forceIds,
      category: lead.category,
      area_type: lead.area_type,
      area_ids: areaIds,
      h3_cells: cells,
      period_start: lead.period_start,
      period_end: lead.period_end,
      observed: lead.observed,
      expected: Math.round(lead.expected * 100) / 100,
      threshold: lead.threshold === null ? null : Math.round(lead.threshold * 100) / 100,
      p: lead.p,
      q: lead.q,
      priority: priorityOf(lead, weights),
      method: lead.method,
      params: lead.params,
      evidence: { series: lead.series, members: members.map(member), significant_last_month: lead.significantLastMonth, notes: notes(lead) },
      explanation: explainDetection(grouped) + also,
      place: placeInWords(grouped),
      review: 'inbox',
      review_rank: 0,
      recording_change: null,
    });
  }
  return alerts.sort((a, b) => b.priority - a.priority || a.alert_id.localeCompare(b.alert_id));
}
