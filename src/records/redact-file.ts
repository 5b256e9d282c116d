/**
 * Redacts an NDJSON file of narrative records, streaming: one record in, one redacted record
 * and one line of proposed spans out, so memory stays flat however large the file.
 *
 * Input: any NDJSON whose lines are objects with a string `record_id` and a string `narrative`
 * (other fields are passed through untouched; validating them is ingest's job). A line that is
 * not such an object stops the run with an error naming the file, the line number and the value.
 *
 * Outputs: `out` gets each record with `narrative` redacted under the policy; `spansOut` gets
 * `{"record_id", "entities": [{"start", "end", "type", "text"}]}` per record: every personal-data
 * span found (kept or replaced), offsets into the original narrative, the shape of the labelled
 * set, so a reviewer can accept or change them before export.
 */
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { PeelError, type EntityType } from '../standard/index.ts';
import { createRedactor, type RedactionPolicy } from './redact.ts';

export interface RedactFileOptions {
  readonly in: string;
  readonly out?: string;
  readonly spansOut?: string;
  readonly policy?: RedactionPolicy;
  /** Called every 1,000 records with the count so far. */
  readonly onProgress?: (records: number) => void;
}

export interface RedactFileSummary {
  readonly records: number;
  readonly policy: RedactionPolicy;
  /** Spans found, per type. */
  readonly found: Partial<Record<EntityType, number>>;
  /** Spans replaced by a placeholder, per type. */
  readonly replaced: Partial<Record<EntityType, number>>;
  /** Distinct entities (placeholders issued), per type. */
  readonly distinct: Partial<Record<EntityType, number>>;
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 60)}...` : s;
}

async function write(ws: WriteStream | null, line: string): Promise<void> {
  if (ws && !ws.write(line)) await once(ws, 'drain');
}

async function close(ws: WriteStream | null): Promise<void> {
  if (!ws) return;
  ws.end();
  await once(ws, 'finish');
}

export async function redactFile(opts: RedactFileOptions): Promise<RedactFileSummary> {
  if (!opts.out && !opts.spansOut) throw new PeelError('bad_input', 'redact needs --out, --spans-out or both');
  const policy = opts.policy ?? 'disclosure';
  const redactor = createRedactor(policy);
  const input = createReadStream(opts.in, { encoding: 'utf8' });
  const opened = new Promise<void>((resolve, reject) => {
    input.once('open', () => resolve());
    input.once('error', (e) => reject(new PeelError('unreadable_input', `cannot read ${opts.in}: ${(e as Error).message}`)));
  });
  await opened;
  const out = opts.out ? createWriteStream(opts.out) : null;
  const spansOut = opts.spansOut ? createWriteStream(opts.spansOut) : null;
  const found: Partial<Record<EntityType, number>> = {};
  const replaced: Partial<Record<EntityType, number>> = {};
  let lineNo = 0;
  let records = 0;
  try {
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      lineNo++;
      if (!line.trim()) continue;
      let rec: unknown;
      try {
        rec = JSON.parse(line);
      } catch {
        throw new PeelError('bad_input', `line ${lineNo} of ${opts.in}: not JSON: "${clip(line)}"`);
      }
      if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) {
        throw new PeelError('bad_input', `line ${lineNo} of ${opts.in}: not a JSON object: "${clip(line)}"`);
      }
      const r = rec as Record<string, unknown>;
      if (typeof r.record_id !== 'string' || !r.record_id) {
        throw new PeelError('bad_input', `line ${lineNo} of ${opts.in}: record_id missing or not a string: ${clip(JSON.stringify(r.record_id) ?? 'undefined')}`);
      }
      if (typeof r.narrative !== 'string') {
        throw new PeelError('bad_input', `line ${lineNo} of ${opts.in}: narrative missing or not a string in record "${r.record_id}": ${clip(JSON.stringify(r.narrative) ?? 'undefined')}`);
      }
      const red = redactor.redact(r.narrative);
      for (const s of red.spans) {
        found[s.type] = (found[s.type] ?? 0) + 1;
        if (!s.kept) replaced[s.type] = (replaced[s.type] ?? 0) + 1;
      }
      await write(out, JSON.stringify({ ...r, narrative: red.text }) + '\n');
      await write(
        spansOut,
        JSON.stringify({ record_id: r.record_id, entities: red.spans.map(({ start, end, type, text }) => ({ start, end, type, text })) }) + '\n',
      );
      records++;
      if (opts.onProgress && records % 1000 === 0) opts.onProgress(records);
    }
  } finally {
    await close(out);
    await close(spansOut);
  }
  return { records, policy, found, replaced, distinct: redactor.counts() };
}
