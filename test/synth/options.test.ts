/** Bad `peel synth` options fail fast with a bad_input PeelError naming the value; an occupied output folder is refused. */
import { mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isPeelError, TERRITORIAL_FORCE_IDS } from '../../src/standard/index.ts';
import { resolveSynthOptions, synthesize, SYNTH_DEFAULTS, type SynthOptions } from '../../src/synth/index.ts';
import { tempDir } from './helpers.ts';

function failure(o: SynthOptions): { code: string; message: string } {
  try {
    resolveSynthOptions(o);
  } catch (e) {
    if (isPeelError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error(`accepted ${JSON.stringify(o)}`);
}

describe('synth options', () => {
  const root = tempDir('synth-opts');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('defaults to all 43 forces, 36 months to 2024-12, scale 1', () => {
    const o = resolveSynthOptions({ out: 'x' });
    expect(o.forces).toEqual(TERRITORIAL_FORCE_IDS);
    expect(o.forces.length).toBe(43);
    expect([o.months, o.endMonth, o.scale, o.seed, o.narratives]).toEqual([36, '2024-12', 1, SYNTH_DEFAULTS.seed, SYNTH_DEFAULTS.narratives]);
  });

  it('puts forces in registry order whatever order they were named in', () => {
    expect(resolveSynthOptions({ out: 'x', forces: ['kent', 'dorset', 'kent'] }).forces).toEqual(['dorset', 'kent']);
  });

  it.each([
    [{ forces: ['gwnt'] }, '"gwnt"'],
    [{ forces: ['btp'] }, '"btp"'],
    [{ endMonth: '2024-13' }, '"2024-13"'],
    [{ months: 0 }, '"0"'],
    [{ scale: -1 }, '"-1"'],
    [{ seed: 1.5 }, '"1.5"'],
    [{ narratives: -3 }, '"-3"'],
  ] as Array<[Partial<SynthOptions>, string]>)('rejects %j naming %s', (bad, named) => {
    const f = failure({ out: 'x', ...bad } as SynthOptions);
    expect(f.code).toBe('bad_input');
    expect(f.message).toContain(named);
  });

  it('refuses a folder holding other files, and replaces only an earlier set with overwrite', async () => {
    const other = join(root, 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'notes.txt'), 'keep me');
    await expect(synthesize({ out: other, forces: ['gwent'], months: 1, scale: 0.01, narratives: 0 })).rejects.toMatchObject({ code: 'conflict' });
    await expect(synthesize({ out: other, forces: ['gwent'], months: 1, scale: 0.01, narratives: 0, overwrite: true })).rejects.toMatchObject({ code: 'conflict' });

    const set = join(root, 'set');
    await synthesize({ out: set, forces: ['gwent'], endMonth: '2024-06', months: 1, scale: 0.01, narratives: 0 });
    writeFileSync(join(set, 'notes.txt'), 'keep me');
    await synthesize({ out: set, forces: ['gwent'], endMonth: '2024-03', months: 1, scale: 0.01, narratives: 0, overwrite: true });
    expect(existsSync(join(set, '2024-06'))).toBe(false);
    expect(existsSync(join(set, '2024-03', '2024-03-gwent-street.csv'))).toBe(true);
    expect(existsSync(join(set, 'notes.txt'))).toBe(true);
  });
});
