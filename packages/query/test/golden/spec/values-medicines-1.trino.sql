SELECT b.person_id, b.practice_code, b.pcn_code, b.place_code, b.imd_quintile, b.age, b.sex, b.ethnicity_group, b.record_key
FROM (SELECT pa.person_id, pa.practice_code, pa.pcn_code, pa.place_code, pa.icb_code, pa.lsoa_code,
    pa.imd_decile, pa.imd_quintile, pa.sex, pa.ethnicity_group, pa.care_home, pa.learning_disability, pa.record_key,
    CAST(floor((year(CAST(? AS DATE)) * 12 + month(CAST(? AS DATE)) - year(p.birth_month) * 12 - month(p.birth_month) - CASE WHEN day(CAST(? AS DATE)) < 15 THEN 1 ELSE 0 END) / 12.0) AS INTEGER) AS age,
    (p.registration_start <= CAST(? AS DATE) AND (p.registration_end IS NULL OR p.registration_end > CAST(? AS DATE))
      AND (coalesce(p.death_date, x.death_date) IS NULL OR coalesce(p.death_date, x.death_date) > CAST(? AS DATE))) AS registered
  FROM person_asof AS pa
  JOIN person AS p ON p.person_id = pa.person_id
  LEFT JOIN death AS x ON x.person_id = pa.person_id
  WHERE p.birth_month <= CAST(? AS DATE)) AS b
WHERE b.registered
  AND b.person_id IN (SELECT v.person_id FROM (SELECT e.person_id, e.value, row_number() OVER (PARTITION BY e.person_id ORDER BY e.event_date DESC, e.value DESC) AS rn FROM gp_event AS e WHERE e.coding_system = ? AND e.code IN (?) AND e.event_date > date_add('month', -15, CAST(? AS DATE)) AND e.event_date <= CAST(? AS DATE) AND e.value IS NOT NULL) AS v WHERE v.rn = 1 AND v.value < ?)
-- params: ["2026-03-31","2026-03-31","2026-03-31","2026-03-31","2026-03-31","2026-03-31","2026-03-31","snomedct","1049301000000100","2026-03-31","2026-03-31",58]
