// Each person's status at the as-of date. Portable SQL: dates through the dialect.
import { personAsOf } from "@bevan/domain";
import type { Dialect } from "@bevan/engine";

/** Whole years from a birth month (taken as the 15th) to the as-of date. */
export function ageSql(birthMonth: string, asOfSql: string): string {
  return `CAST(floor((year(${asOfSql}) * 12 + month(${asOfSql}) - year(${birthMonth}) * 12 - month(${birthMonth}) - CASE WHEN day(${asOfSql}) < 15 THEN 1 ELSE 0 END) / 12.0) AS INTEGER)`;
}

export function ageBandSql(age: string): string {
  return `CASE WHEN ${age} >= 90 THEN '90+' ELSE CAST(${age} - ${age} % 5 AS VARCHAR) || '-' || CAST(${age} - ${age} % 5 + 4 AS VARCHAR) END`;
}

/** Record keys are whole numbers in [0, 2^16) (RECORD_KEY_RANGE in @bevan/query). */
export const RECORD_KEY_BITS = 16;

export function personBaseSql(d: Dialect, asOf: string): string {
  const a = d.dateLiteral(asOf);
  return `SELECT p.person_id, ${ageSql("p.birth_month", a)} AS age,
      (p.registration_start <= ${a}
        AND (p.registration_end IS NULL OR p.registration_end > ${a})
        AND (coalesce(p.death_date, x.death_date) IS NULL OR coalesce(p.death_date, x.death_date) > ${a})) AS registered,
      coalesce(coalesce(p.death_date, x.death_date) <= ${a}, FALSE) AS deceased
    FROM person AS p LEFT JOIN death AS x ON x.person_id = p.person_id
    WHERE p.birth_month <= ${a}`;
}

/**
 * Rows are written in organisation order, so each row group holds few practices: the scope
 * predicate every API query carries (place, PCN or practice) then skips most of the table by
 * its min/max statistics instead of testing every row.
 */
export function personAsOfInsertSql(d: Dialect, asOf: string, recordKeySecret: string): string {
  const a = d.dateLiteral(asOf);
  const cols = personAsOf.columns.map((c) => d.quoteIdent(c.name)).join(", ");
  return `INSERT INTO ${personAsOf.name} (${cols})
    SELECT p.person_id, b.age, ${ageBandSql("b.age")}, p.sex, p.ethnicity_group, p.lsoa_code,
      l.imd_decile, l.imd_quintile, p.practice_code, pcn.org_code, place.org_code, icb.org_code,
      b.registered, b.deceased, p.care_home,
      EXISTS (SELECT 1 FROM register AS r WHERE r.person_id = p.person_id AND r.register = 'LD'),
      ${d.keyedBits("p.person_id", recordKeySecret, RECORD_KEY_BITS)},
      EXISTS (SELECT 1 FROM opt_out AS o WHERE o.person_id = p.person_id AND (o.type1_opt_out OR o.national_data_opt_out))
    FROM person AS p
    JOIN _person_base AS b ON b.person_id = p.person_id
    LEFT JOIN lsoa AS l ON l.lsoa_code = p.lsoa_code
    LEFT JOIN organisation AS prac ON prac.org_code = p.practice_code
    LEFT JOIN organisation AS pcn ON pcn.org_code = prac.parent_code AND pcn.org_type = 'pcn'
    LEFT JOIN organisation AS place ON place.org_code = pcn.parent_code AND place.org_type = 'place'
    LEFT JOIN organisation AS icb ON icb.org_code = place.parent_code AND icb.org_type = 'icb'
    WHERE p.birth_month <= ${a}
    ORDER BY icb.org_code, place.org_code, pcn.org_code, p.practice_code, p.person_id`;
}
