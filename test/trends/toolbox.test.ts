import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { latLngToCell, gridDisk, gridDistance } from 'h3-js';
import { describeShared, REPO_ROOT, SHARED_REFERENCE } from '../helpers/shared.ts';
import { parseMonthlySeriesCsv, parseFarringtonControl, analyseFarrington, parseCubeCsv, parseScanCsv, parseCsv } from '../../src/trends/index.ts';

const PEEL = resolve(REPO_ROOT, 'bin/peel.mjs');
const dir = mkdtempSync(join(tmpdir(), 'peel-toolbox-'));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
function peelJson(args: string[]): unknown {
  return JSON.parse(execFileSync('node', [PEEL, 'analyse', ...args, '--json'], { encoding: 'utf8' }));
}

interface RefCase { series_id: string; config: string; months: string[]; alarm: boolean[]; upperbound: (number | null)[] }

describeShared('peel analyse farrington on the shared monthly series', () => {
  it('monitors every month from index 12b + w + 1 and gives R\'s answers for the given --control', () => {
    const ref = JSON.parse(readFileSync(resolve(SHARED_REFERENCE, 'farrington.json'), 'utf8')) as { configs: Record<string, object>; cases: RefCase[] };
    const rows = peelJson(['farrington', '--in', resolve(SHARED_REFERENCE, 'monthly_series.csv'), '--control', JSON.stringify(ref.configs.noufaily)]) as {
      series_id: string; month: string; alarm: boolean; upperbound: number | null;
    }[];
    const cases = ref.cases.filter((c) => c.config === 'noufaily');
    expect(rows.length).toBe(cases.reduce((n, c) => n + c.months.length, 0));
    for (const c of cases)
      c.months.forEach((m, t) => {
        const row = rows.find((r) => r.series_id === c.series_id && r.month === m);
        expect(row, `${c.series_id} ${m}`).toBeDefined();
        expect(row!.alarm).toBe(c.alarm[t]);
        if (c.upperbound[t] === null) expect(row!.upperbound).toBeNull();
        else expect(Math.abs(row!.upperbound! - c.upperbound[t]!)).toBeLessThan(1e-6 * c.upperbound[t]!);
      });
  });
  it('uses surveillance defaults (b = 5, w = 3) for keys not given, so short series yield no rows', () => {
    const series = parseMonthlySeriesCsv(readFileSync(resolve(SHARED_REFERENCE, 'monthly_series.csv'), 'utf8'), 'monthly_series.csv');
    expect(analyseFarrington(series, parseFarringtonControl('{}'))).toEqual([]);
    expect(analyseFarrington(series, parseFarringtonControl('{"b":1,"w":1}'), '2022-09').every((r) => r.month === '2022-09')).toBe(true);
  });
});

describe('toolbox input checking', () => {
  it('names the file, line and value of a bad row', () => {
    expect(() => parseMonthlySeriesCsv('series_id,month,count\na,2020-01,3\na,2020-02,x\n', 'f.csv')).toThrow('f.csv line 3: count "x" is not a non-negative whole number');
    expect(() => parseMonthlySeriesCsv('series_id,month,count\na,2020-01,3\na,2020-03,1\n', 'f.csv')).toThrow(/line 3: month "2020-03" .* expected 2020-02/);
    expect(() => parseMonthlySeriesCsv('series_id,month\n', 'f.csv')).toThrow('f.csv line 1: missing column "count"');
    expect(() => parseFarringtonControl('{"bee":2}')).toThrow(/unknown key "bee"/);
    expect(() => parseCubeCsv('cell,period,count\nzz,1,1\n', 'c.csv')).toThrow('c.csv line 2: cell "zz" is not an H3 cell index');
    expect(() => parseScanCsv('id,x,y,period,count\na,0,0,1,1\na,1,0,2,1\n', 's.csv')).toThrow(/line 3: location "a" is at \(1, 0\)/);
  });
  it('reads quoted fields, CRLF and a BOM', () => {
    const recs = parseCsv('\ufeffid,p\r\n"a, ""b""",0.5\r\n', 'q.csv', ['id', 'p']);
    expect(recs).toEqual([{ line: 2, fields: { id: 'a, "b"', p: '0.5' } }]);
  });
  it('exits 2 with one line naming the problem', () => {
    const bad = file('bad.csv', 'id,x,y,value\na,0,0,1\nb,1,zz,2\n');
    const r = spawnSync('node', [PEEL, 'analyse', 'gistar', '--in', bad, '--knn', '1'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(`peel: ${bad} line 3: y "zz" is not a number`);
  });
});

describe('peel analyse ehsa and scan on small files', () => {
  it('ehsa classes the centre of a cluster that appears in the last month as a new hot spot', () => {
    const centre = latLngToCell(51.5155, -0.0922, 9);
    const lines = ['cell,period,count'];
    const months = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06', '2024-07', '2024-08', '2024-09', '2024-10'];
    gridDisk(centre, 4).forEach((c, i) =>
      months.forEach((m, t) => lines.push(`${c},${m},${t === months.length - 1 && gridDistance(centre, c) <= 1 ? 30 : 2 + ((i + t) % 3)}`)),
    );
    const rows = peelJson(['ehsa', '--in', file('cube.csv', lines.join('\n'))]) as { cell: string; class: string }[];
    expect(rows.find((r) => r.cell === centre)!.class).toBe('new hot spot');
  });
  it('scan reports the injected cluster first with its period labels', () => {
    const lines = ['id,x,y,period,count'];
    for (let i = 0; i < 8; i++)
      for (let j = 0; j < 8; j++)
        for (let t = 1; t <= 10; t++) lines.push(`L${i}${j},${i * 100},${j * 100},${t},${i < 2 && j < 2 && t >= 9 ? 25 : 4 + ((i * 3 + j + t) % 3)}`);
    const rows = peelJson(['scan', '--in', file('scan.csv', lines.join('\n')), '--replications', '99', '--max-share', '0.1', '--workers', '0']) as {
      locations: string[]; start: string; end: string; p: number;
    }[];
    expect(rows[0].end).toBe('10');
    expect(rows[0].start).toBe('9');
    expect(new Set(rows[0].locations)).toEqual(new Set(['L00', 'L01', 'L10', 'L11']));
    expect(rows[0].p).toBe(0.01);
  });
});
