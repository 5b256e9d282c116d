/**
 * What the PostgreSQL store does not serve yet fails loudly: a namespace not ported answers every
 * call with a PeelError naming it and the method (never a silent wrong answer), and a namespace
 * ported in part serves its ported methods and fails the same way for the rest.
 */
import { PeelError } from '../../standard/index.ts';

/** A namespace every call of which fails, naming it: for what is not yet ported. */
export function notYetAvailable<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get(_t, prop) {
      if (prop === 'then' || typeof prop === 'symbol') return undefined;
      return () => {
        throw new PeelError('not_available', `${name} (${String(prop)}) is not yet available on the PostgreSQL store; use the embedded store (a .duckdb file) for it`);
      };
    },
  });
}

/**
 * A namespace of which only some methods are ported: those are `ported`'s, every other call fails
 * naming the namespace and the method.
 */
export function partlyAvailable<T extends object>(name: string, ported: Partial<T>): T {
  const missing = notYetAvailable<T>(name);
  return new Proxy(ported as T, {
    get(target, prop, receiver) {
      if (prop in target) return Reflect.get(target, prop, receiver);
      return (missing as Record<string | symbol, unknown>)[prop];
    },
  });
}

