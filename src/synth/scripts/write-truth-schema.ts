/** Writes docs/truth.schema.json from the zod schema in src/synth/truth-schema.ts. */
import { writeFileSync } from 'node:fs';
import { truthJsonSchema } from '../truth-schema.ts';

const path = process.argv[2] ?? 'docs/truth.schema.json';
writeFileSync(path, JSON.stringify(truthJsonSchema(), null, 2) + '\n');
console.log(`wrote ${path}`);
