/**
 * Record linkage's part of the API contract: the same person under other spellings, across the
 * forces the caller may link, with why each pair was linked (src/linkage, docs/linkage.md).
 */
import { z } from 'zod';
import { Problem } from './schemas.ts';

export { Problem };

export const LinkedPersonsParams = z.object({ name: z.string().trim().min(2).max(200).describe('a person\'s name as written, e.g. "Wayne Kershaw" or "KERSHAW, Wayne"') });

export const PersonLink = z.object({
  force_id_a: z.string(), record_id_a: z.string(), person_a: z.string(),
  force_id_b: z.string(), record_id_b: z.string(), person_b: z.string(),
  probability: z.number(), weight: z.number().describe('match weight, log2 of the odds'),
  why: z.array(z.string()).describe('the waterfall: prior, each field\'s contribution, the total'),
});

export const LinkedPerson = z.object({
  entity_id: z.string(),
  spellings: z.array(z.string()), dates_of_birth: z.array(z.string()), forces: z.array(z.string()),
  members: z.array(z.object({ force_id: z.string(), record_id: z.string(), person_value: z.string(), name_text: z.string(), dob_text: z.string().nullable() })),
  links: z.array(PersonLink),
  connections: z.array(z.object({ type: z.string(), value: z.string(), records: z.array(z.string()) }))
    .describe('vehicles, phones, addresses, postcodes and e-mails named in the person\'s records, with the records (force/record id)'),
});
export type LinkedPerson = z.infer<typeof LinkedPerson>;

export const LinkedPersons = z.object({
  name: z.string(),
  persons: z.array(LinkedPerson).describe('entities holding this name, with every member and link in the forces you may link'),
  run: z.object({ run_id: z.string(), finished_at: z.string(), persons: z.number(), links: z.number() }).nullable().describe('the linking run these come from (peel link-persons); null when none has run'),
});
export type LinkedPersons = z.infer<typeof LinkedPersons>;
