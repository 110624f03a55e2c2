import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';

/** Generic access to one sealed column, by table and column name from the registry (never user input). */
export type SealedColumnRef = { table: string; column: string; extra: readonly string[] };

export async function countNotSealedWith(
  db: DbOrTx,
  ref: SealedColumnRef,
  activeKeyId: string,
): Promise<number> {
  const rows = (await db.execute(
    sql`select count(*)::int as n from ${sql.identifier(ref.table)} where ${sql.identifier(ref.column)} is not null and ${sql.identifier(ref.column)} not like ${`c1.${activeKeyId}.%`}`,
  )) as unknown as { rows: { n: number }[] };
  return rows.rows[0]?.n ?? 0;
}

export async function findNotSealedWith(
  db: DbOrTx,
  ref: SealedColumnRef,
  activeKeyId: string,
  afterId: string,
  limit: number,
) {
  const extras = ref.extra.map((c) => sql`, ${sql.identifier(c)}::text as ${sql.identifier(c)}`);
  const result = (await db.execute(sql`
    select id::text as id ${sql.join(extras, sql``)}, ${sql.identifier(ref.column)} as sealed
    from ${sql.identifier(ref.table)}
    where ${sql.identifier(ref.column)} is not null and ${sql.identifier(ref.column)} not like ${`c1.${activeKeyId}.%`}
      and id::text > ${afterId}
    order by id::text
    limit ${limit}`)) as unknown as { rows: Record<string, string>[] };
  return result.rows;
}

/** Compare-and-set: a value changed by the application meanwhile is left alone (it is already re-sealed). */
export async function replaceSealedValue(
  db: DbOrTx,
  ref: SealedColumnRef,
  id: string,
  previous: string,
  next: string,
): Promise<boolean> {
  const result = (await db.execute(sql`
    update ${sql.identifier(ref.table)} set ${sql.identifier(ref.column)} = ${next}
    where id::text = ${id} and ${sql.identifier(ref.column)} = ${previous}
    returning id`)) as unknown as { rows: unknown[] };
  return result.rows.length > 0;
}

export async function findSealedColumnNames(db: DbOrTx): Promise<{ table: string; column: string }[]> {
  const result = (await db.execute(sql`
    select table_name as table, column_name as column from information_schema.columns
    where table_schema = 'public' and column_name like '%\\_sealed' order by 1, 2`)) as unknown as {
    rows: { table: string; column: string }[];
  };
  return result.rows;
}
