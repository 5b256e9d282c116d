/**
 * The search index file, written beside the store so a server opens it at start instead of
 * rebuilding the index.
 *
 * File layout (little-endian): "PEELIDX2", uint32 header length, a small header JSON (counts, the
 * force / kind / category names, section offsets), then 8-byte aligned sections:
 * - held in memory after opening (about 60 bytes a record and 20 a term): the vocabulary as one
 *   UTF-8 string in sorted order (term id = rank) with UTF-16 offsets, posting offsets per term,
 *   per-document force, kind, category (uint8), day (int32) and length (uint16), the record keys'
 *   hashes sorted with their documents, and the documents' byte offsets;
 * - read on demand with positioned reads (the operating system's page cache keeps the hot parts):
 *   posting document ids (int32, ascending within a term), posting term frequencies (uint8), and
 *   the documents as UTF-8 JSON arrays.
 * So opening reads a few tens of megabytes whatever the size of the postings and texts.
 */
import { closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { PeelError } from '../../standard/index.ts';
import type { LazyBytes, Parts } from './parts.ts';
import type { SearchIndex } from './types.ts';

const RESIDENT = ['vocabText', 'vocabOffsets', 'postOffsets', 'force', 'kind', 'category', 'day', 'len', 'keyHash', 'keyDoc', 'textOffsets'] as const;
const LAZY = ['postDocs', 'postTfs', 'text'] as const;
type Resident = (typeof RESIDENT)[number];
type Lazy = (typeof LAZY)[number];
type SectionName = Resident | Lazy;
const CTORS = {
  vocabText: Uint8Array, vocabOffsets: Uint32Array, postOffsets: Float64Array, force: Uint8Array, kind: Uint8Array, category: Uint8Array,
  day: Int32Array, len: Uint16Array, keyHash: Uint32Array, keyDoc: Int32Array, textOffsets: Float64Array,
} as const satisfies Record<Resident, unknown>;
const MAGIC = 'PEELIDX2';
const CHUNK = 1 << 26;

interface Header {
  version: 2;
  forces: string[];
  kinds: string[];
  categories: string[];
  avgLen: number;
  maxDay: number;
  sections: { name: SectionName; offset: number; bytes: number }[];
}

/** Writes an index's parts to `path` in the layout above. */
export function saveParts(p: Parts, path: string): void {
  const vocabBytes = Buffer.from(p.vocabText, 'utf8');
  const resident = (name: Resident): Uint8Array => {
    const a = name === 'vocabText' ? vocabBytes : p[name];
    return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  };
  const sizeOf = (name: SectionName): number => ((LAZY as readonly string[]).includes(name) ? p[name as Lazy].byteLength : resident(name as Resident).byteLength);
  const base = { version: 2 as const, forces: p.forces, kinds: p.kinds, categories: p.categories, avgLen: p.avgLen, maxDay: p.maxDay };
  // Two passes: the header's size fixes where the sections start.
  let header: Header = { ...base, sections: [] };
  let start = 0;
  for (let pass = 0; pass < 2; pass++) {
    start = Math.ceil((12 + Buffer.byteLength(JSON.stringify(header)) + 64) / 8) * 8; // slack so the second pass fits
    let at = start;
    const sections: Header['sections'] = [];
    for (const name of [...RESIDENT, ...LAZY]) {
      sections.push({ name, offset: at, bytes: sizeOf(name) });
      at = Math.ceil((at + sizeOf(name)) / 8) * 8;
    }
    header = { ...base, sections };
  }
  const json = JSON.stringify(header);
  const fd = openSync(path, 'w');
  try {
    const head = Buffer.alloc(start);
    head.write(MAGIC, 0, 'latin1');
    head.writeUInt32LE(Buffer.byteLength(json), 8);
    head.write(json, 12, 'utf8');
    writeSync(fd, head);
    let pos = start;
    for (const s of header.sections) {
      if (s.offset > pos) writeSync(fd, Buffer.alloc(s.offset - pos));
      if ((LAZY as readonly string[]).includes(s.name)) {
        const lazy = p[s.name as Lazy];
        for (let a = 0; a < s.bytes; a += CHUNK) writeSync(fd, lazy.read(a, Math.min(s.bytes, a + CHUNK)));
      } else {
        const bytes = resident(s.name as Resident);
        for (let a = 0; a < bytes.length; a += CHUNK) writeSync(fd, bytes.subarray(a, Math.min(bytes.length, a + CHUNK)));
      }
      pos = s.offset + s.bytes;
    }
  } finally {
    closeSync(fd);
  }
}

function readFully(fd: number, into: Uint8Array, position: number): void {
  for (let got = 0; got < into.length; ) {
    const n = readSync(fd, into, got, into.length - got, position + got);
    if (n === 0) throw new Error(`search index ends early (wanted ${into.length} bytes at ${position})`);
    got += n;
  }
}

/**
 * Opens an index written by `save`: one read of the resident sections (vocabulary, per-document
 * arrays, key table), typed-array views over them; postings and texts are read when a query needs
 * them. The file stays open for the life of the process.
 */
export function loadIndexFile(path: string, make: (p: Parts) => SearchIndex): SearchIndex {
  if (!existsSync(path)) throw new PeelError('not_found', `no search index at ${path} (build one with: peel records index --in FILE.ndjson)`);
  const fd = openSync(path, 'r');
  const state = { fd, open: true };
  try {
    return openIndex(path, fd, state, make);
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

function openIndex(path: string, fd: number, state: { fd: number; open: boolean }, make: (p: Parts) => SearchIndex): SearchIndex {
  const head = Buffer.alloc(12);
  readFully(fd, head, 0);
  const magic = head.toString('latin1', 0, 8);
  if (magic === 'PEELIDX1') throw new Error(`${path} is a search index in the old format; rebuild it (peel records index --in FILE.ndjson)`);
  if (magic !== MAGIC) throw new Error(`${path} is not a Peel search index (bad magic)`);
  const hb = Buffer.alloc(head.readUInt32LE(8));
  readFully(fd, hb, 12);
  const header = JSON.parse(hb.toString('utf8')) as Header;
  const section = (name: SectionName) => {
    const s = header.sections.find((x) => x.name === name);
    if (!s) throw new Error(`${path}: section ${name} missing`);
    return s;
  };
  const first = section(RESIDENT[0]).offset;
  const last = section(RESIDENT[RESIDENT.length - 1]);
  const buf = new Uint8Array(last.offset + last.bytes - first);
  readFully(fd, buf, first);
  const view = <N extends Resident>(name: N): InstanceType<(typeof CTORS)[N]> => {
    const s = section(name);
    const C = CTORS[name] as unknown as new (b: ArrayBufferLike, o: number, l: number) => InstanceType<(typeof CTORS)[N]>;
    return new C(buf.buffer, buf.byteOffset + s.offset - first, s.bytes / C.prototype.BYTES_PER_ELEMENT);
  };
  const lazy = (name: Lazy): LazyBytes => {
    const s = section(name);
    return {
      byteLength: s.bytes,
      read(from, to, into) {
        if (!state.open) throw new Error(`search index ${path} is closed`);
        const out = into ?? new Uint8Array(to - from);
        readFully(fd, out, s.offset + from);
        return out;
      },
    };
  };
  const close = () => {
    if (state.open) closeSync(fd);
    state.open = false;
  };
  const index = make({
    forces: header.forces, kinds: header.kinds, categories: header.categories, avgLen: header.avgLen, maxDay: header.maxDay,
    vocabText: new TextDecoder().decode(view('vocabText')), vocabOffsets: view('vocabOffsets'), postOffsets: view('postOffsets'),
    force: view('force'), kind: view('kind'), category: view('category'), day: view('day'), len: view('len'),
    keyHash: view('keyHash'), keyDoc: view('keyDoc'), textOffsets: view('textOffsets'),
    postDocs: lazy('postDocs'), postTfs: lazy('postTfs'), text: lazy('text'), close,
  });
  // A server that swaps in a rebuilt index and drops the old one should not leak its descriptor.
  closeOnCollect.register(index, state);
  return index;
}

const closeOnCollect = new FinalizationRegistry<{ fd: number; open: boolean }>((state) => {
  if (!state.open) return;
  state.open = false;
  closeSync(state.fd);
});

/** Writes an index file to a temporary name and renames it, so a reader never sees half a file. */
export function writeIndexFile(index: SearchIndex, path: string): void {
  const tmp = `${path}.tmp`;
  mkdirSync(dirname(path), { recursive: true });
  index.save(tmp);
  renameSync(tmp, path);
}
