/**
 * The audit log's closed list of actions. Each maps to the processing operation of the Data
 * Protection Act 2018 s.62(1) it records (collection, alteration, consultation, disclosure,
 * combination, erasure), or to `security` for the events the Act does not list but a controller
 * must keep to show its controls work (sign-ins, lockouts, permission changes, denials).
 */
export const AUDIT_ACTIONS = {
  collection: { s62: 'collection', justification: false, recipient: false },
  alteration: { s62: 'alteration', justification: false, recipient: false },
  consultation: { s62: 'consultation', justification: true, recipient: false },
  disclosure: { s62: 'disclosure', justification: true, recipient: true },
  combination: { s62: 'combination', justification: true, recipient: false },
  erasure: { s62: 'erasure', justification: true, recipient: false },
  audit_consulted: { s62: 'consultation', justification: false, recipient: false },
  sign_in: { s62: 'security', justification: false, recipient: false },
  sign_in_failed: { s62: 'security', justification: false, recipient: false },
  locked_out: { s62: 'security', justification: false, recipient: false },
  sign_out: { s62: 'security', justification: false, recipient: false },
  session_expired: { s62: 'security', justification: false, recipient: false },
  access_denied: { s62: 'security', justification: false, recipient: false },
  user_added: { s62: 'security', justification: false, recipient: false },
  user_changed: { s62: 'security', justification: false, recipient: false },
  password_changed: { s62: 'security', justification: false, recipient: false },
  grant_added: { s62: 'security', justification: false, recipient: false },
  grant_revoked: { s62: 'security', justification: false, recipient: false },
  token_created: { s62: 'security', justification: false, recipient: false },
  token_revoked: { s62: 'security', justification: false, recipient: false },
} as const satisfies Record<string, {
  readonly s62: 'collection' | 'alteration' | 'consultation' | 'disclosure' | 'combination' | 'erasure' | 'security';
  readonly justification: boolean;
  readonly recipient: boolean;
}>;
export type AuditAction = keyof typeof AUDIT_ACTIONS;
export const AUDIT_ACTION_NAMES = Object.keys(AUDIT_ACTIONS) as AuditAction[];

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export function isAuditAction(v: string): v is AuditAction {
  return Object.prototype.hasOwnProperty.call(AUDIT_ACTIONS, v);
}
