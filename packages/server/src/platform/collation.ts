/**
 * Portuguese ordering for names shown to people. Databases here sort text by their collation, which
 * is "C" on PGlite and may be anything on a server ("Ácido" after "Zinco" under "C"); lists of
 * products, treatments and clinics are sorted with this collator after reading instead.
 */
const collator = new Intl.Collator('pt-BR', { sensitivity: 'base', numeric: true });

export const comparePtBr = (a: string, b: string): number => collator.compare(a, b);

/** Sorts a copy by the given keys in order: text keys with pt-BR rules, others with < and >. */
export function sortPtBr<T>(items: readonly T[], ...keys: ((item: T) => string | number)[]): T[] {
  return [...items].sort((x, y) => {
    for (const key of keys) {
      const a = key(x);
      const b = key(y);
      const c =
        typeof a === 'string' && typeof b === 'string' ? comparePtBr(a, b) : a < b ? -1 : a > b ? 1 : 0;
      if (c !== 0) return c;
    }
    return 0;
  });
}
