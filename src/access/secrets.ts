/**
 * Passwords and bearer secrets.
 *
 * Passwords: argon2id (`@node-rs/argon2` defaults: m = 19 MiB, t = 2, p = 1, the OWASP
 * minimum), PHC strings with a per-hash random salt. Policy follows NCSC guidance: length over
 * composition rules — at least 12 characters, at most 256, not the account name.
 *
 * Session ids, CSRF tokens and API token secrets are 256-bit random values; the store keeps only
 * their sha256 (a fast hash is enough for secrets with that much entropy, and lets a request be
 * authenticated without an argon2 computation).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { PeelError } from '../standard/index.ts';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

/** Refuses a password that breaks the policy, saying which rule. */
export function checkPasswordPolicy(password: string, name: string): void {
  if (password.length < PASSWORD_MIN) throw new PeelError('bad_input', `the password must be at least ${PASSWORD_MIN} characters`);
  if (password.length > PASSWORD_MAX) throw new PeelError('bad_input', `the password must be at most ${PASSWORD_MAX} characters`);
  if (password.toLowerCase().includes(name.toLowerCase())) throw new PeelError('bad_input', 'the password must not contain the account name');
}

/** An argon2id PHC string (`$argon2id$v=19$m=19456,t=2,p=1$...`). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await verify(phc, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Spends the same time as a real check, so an unknown account name is not revealed by timing. */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummy ??= hashPassword(randomSecret());
  await verifyPassword(await dummy, password);
  return false;
}

/** 256 random bits, base64url. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** A random password for a demo or reset account: 24 base64url characters (144 bits). */
export function randomPassword(): string {
  return randomBytes(18).toString('base64url');
}

export function sha256Hex(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/** Constant-time comparison of two hex digests. */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
