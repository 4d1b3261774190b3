-- AF: Atrial fibrillation code (AFIB_COD) ever recorded.
SELECT person_id, min(first_date) AS first_date, max(latest_date) AS latest_date FROM _coded WHERE codelist_id IN ('nhsd-qof/afib_cod') GROUP BY person_id;

-- AST: Aged 6+, asthma code (AST_COD) ever, and an asthma inhaler (PRIMIS ASTRXM1 or a SABA) issued in the last 12 months.
SELECT c.person_id, c.first_date, c.latest_date FROM _coded AS c
  WHERE c.codelist_id = 'nhsd-qof/ast_cod' AND EXISTS (
  SELECT 1 FROM _issued AS i WHERE i.person_id = c.person_id AND i.codelist_id IN ('primis/astrxm1', 'inhalers-dmd/saba')
  AND i.latest_date > date_add('month', -12, DATE '2026-03-31'));

-- CHD: Coronary heart disease code (CHD_COD) ever recorded.
SELECT person_id, min(first_date) AS first_date, max(latest_date) AS latest_date FROM _coded WHERE codelist_id IN ('nhsd-qof/chd_cod') GROUP BY person_id;

-- CKD: Aged 18+, the latest CKD code is stage 3–5 (CKD_COD), not stage 1–2 (CKD1AND2_COD), and later than any CKD-resolved code (CKDRES_COD).
SELECT c.person_id, c.first_date, c.latest_date FROM _coded AS c
  LEFT JOIN _coded AS e ON e.person_id = c.person_id AND e.codelist_id = 'nhsd-qof/ckd1and2_cod'
  LEFT JOIN _coded AS r ON r.person_id = c.person_id AND r.codelist_id = 'nhsd-qof-resolved/ckdres_cod'
  WHERE c.codelist_id = 'nhsd-qof/ckd_cod' AND (e.latest_date IS NULL OR c.latest_date >= e.latest_date)
  AND (r.latest_date IS NULL OR c.latest_date > r.latest_date);

-- COPD: The latest COPD code (COPD_COD) is later than any COPD-resolved code (COPDRES_COD).
SELECT c.person_id, c.first_date, c.latest_date FROM _coded AS c
  LEFT JOIN _coded AS r ON r.person_id = c.person_id AND r.codelist_id = 'nhsd-qof-resolved/copdres_cod'
  WHERE c.codelist_id = 'nhsd-qof/copd_cod' AND (r.latest_date IS NULL OR c.latest_date > r.latest_date);

-- DEM: Dementia code (DEM_COD) ever recorded.
SELECT person_id, min(first_date) AS first_date, max(latest_date) AS latest_date FROM _coded WHERE codelist_id IN ('nhsd-qof/dem_cod') GROUP BY person_id;

-- DEP: Aged 18+, with a depression code (DEPR_COD) on or after 1 April 2006.
SELECT person_id, first_date, latest_date FROM _coded WHERE codelist_id = 'nhsd-qof/depr_cod' AND latest_date >= DATE '2006-04-01';

-- DM: Aged 17+, and the latest diabetes code (DM_COD) is later than any diabetes-resolved code (DMRES_COD). Subtype type1 when the latest type-specific code is DMTYPE1_COD, else type2.
SELECT c.person_id, c.first_date, c.latest_date FROM _coded AS c
  LEFT JOIN _coded AS r ON r.person_id = c.person_id AND r.codelist_id = 'primis/dmres'
  WHERE c.codelist_id = 'nhsd-qof/dm_cod' AND (r.latest_date IS NULL OR c.latest_date > r.latest_date);

-- EP: Aged 18+, and the latest epilepsy code (EPIL_COD) is later than any epilepsy-resolved code (EPILRES_COD).
SELECT c.person_id, c.first_date, c.latest_date FROM _coded AS c
  LEFT JOIN _coded AS r ON r.person_id = c.person_id AND r.codelist_id = 'nhsd-qof-resolved/epilres_cod'
  WHERE c.codelist_id = 'nhsd-qof/epil_cod' AND (r.latest_date IS NULL OR c.latest_date > r.latest_date);

-- HF: The latest heart failure code (HF_COD) is later than any heart-failure-resolved code (HFRES_COD).
SELECT c.person_id, c.first_date, c.latest_date FROM _coded AS c
  LEFT JOIN _coded AS r ON r.person_id = c.person_id AND r.codelist_id = 'nhsd-qof-resolved/hfres_cod'
  WHERE c.codelist_id = 'nhsd-qof/hf_cod' AND (r.latest_date IS NULL OR c.latest_date > r.latest_date);

-- HYP: The latest hypertension code (HYP_COD) is later than any hypertension-resolved code (HYPRES_COD).
SELECT c.person_id, c.first_date, c.latest_date FROM _coded AS c
  LEFT JOIN _coded AS r ON r.person_id = c.person_id AND r.codelist_id = 'nhsd-qof-resolved/hypres_cod'
  WHERE c.codelist_id = 'nhsd-qof/hyp_cod' AND (r.latest_date IS NULL OR c.latest_date > r.latest_date);

-- LD: Learning disability code (LD_COD) ever recorded.
SELECT person_id, min(first_date) AS first_date, max(latest_date) AS latest_date FROM _coded WHERE codelist_id IN ('nhsd-qof/ld_cod') GROUP BY person_id;

-- MH: Schizophrenia, bipolar or other psychosis code (MH_COD) later than any remission code (SMHRES_COD).
SELECT c.person_id, c.first_date, c.latest_date FROM _coded AS c
  LEFT JOIN _coded AS r ON r.person_id = c.person_id AND r.codelist_id = 'primis/smhres'
  WHERE c.codelist_id = 'nhsd-qof/mh_cod' AND (r.latest_date IS NULL OR c.latest_date > r.latest_date);

-- OST: Aged 50+, with an osteoporosis code (OSTEO_COD) ever recorded.
SELECT person_id, min(first_date) AS first_date, max(latest_date) AS latest_date FROM _coded WHERE codelist_id IN ('nhsd-qof/osteo_cod') GROUP BY person_id;

-- PAD: Peripheral arterial disease code (PAD_COD) ever recorded.
SELECT person_id, min(first_date) AS first_date, max(latest_date) AS latest_date FROM _coded WHERE codelist_id IN ('nhsd-qof/pad_cod') GROUP BY person_id;

-- PC: Palliative care code (PALCARE_COD) on or after 1 April 2008, later than any 'palliative care not indicated' code (PALCARENI_COD).
SELECT c.person_id, c.first_date, c.latest_date FROM _coded AS c
  LEFT JOIN _coded AS r ON r.person_id = c.person_id AND r.codelist_id = 'nhsd-qof/palcareni_cod'
  WHERE c.codelist_id = 'nhsd-qof/palcare_cod' AND c.latest_date >= DATE '2008-04-01'
  AND (r.latest_date IS NULL OR c.latest_date > r.latest_date);

-- RA: Aged 16+, with a rheumatoid arthritis code (RARTH_COD) ever recorded.
SELECT person_id, min(first_date) AS first_date, max(latest_date) AS latest_date FROM _coded WHERE codelist_id IN ('nhsd-qof/rarth_cod') GROUP BY person_id;

-- STIA: Stroke (STRK_COD) or transient ischaemic attack (TIA_COD) code ever recorded.
SELECT person_id, min(first_date) AS first_date, max(latest_date) AS latest_date FROM _coded WHERE codelist_id IN ('nhsd-qof/strk_cod', 'nhsd-qof/tia_cod') GROUP BY person_id;

-- CAN: First cancer diagnosis (C19CAN_COD or C19HAEMCAN_COD) on or after 1 April 2003.
SELECT * FROM (SELECT person_id, min(first_date) AS first_date, max(latest_date) AS latest_date FROM _coded WHERE codelist_id IN ('nhsd-qof/c19can_cod', 'nhsd-qof/c19haemcan_cod') GROUP BY person_id) AS x WHERE first_date >= DATE '2003-04-01';

-- NDH: Aged 18+, with a non-diabetic hyperglycaemia code (NDH_COD) ever, and not on the diabetes register.
SELECT person_id, first_date, latest_date FROM _coded WHERE codelist_id = 'nhsd-qof/ndh_cod'
  AND person_id NOT IN (SELECT person_id FROM register WHERE register = 'DM');

-- the build's statement 1: AF, AST, CHD, CKD, COPD, DEM, DEP, DM, EP, HF, HYP, LD, MH, OST, PAD, PC, RA, STIA, CAN
SELECT r.person_id, r.register, r.first_date, r.latest_date, CASE WHEN r.register = 'DM' THEN
  CASE WHEN dt.type1_date IS NOT NULL AND (dt.type2_date IS NULL OR dt.type2_date <= dt.type1_date)
  THEN 'type1' ELSE 'type2' END END AS subtype
  FROM (SELECT person_id, 'AF' AS register, first_date, latest_date, 0 AS min_age
  FROM (SELECT person_id, min(first_date) AS first_date, max(latest_date) AS latest_date FROM _coded WHERE codelist_id IN ('nhsd-qof/afib_cod') GROUP BY person_id) AS q
  UNION ALL SELECT person_id, 'AST' AS register, first_date, latest_date, 6 AS min_age
  FROM (SELECT c.person_id, c.first_date, c.latest_date FROM _coded AS c
  WHERE c.codelist_id = 'nhsd-qof/ast_cod' AND EXISTS (
  SELECT 1 FROM _issued AS i WHERE i.person_id = c.person_id AND i.codelist_id IN ('primis/astrxm1', 'inhalers-dmd/saba')
  AND i.latest_date > date_add('month', -12, DATE '2026-03-31'))) AS q
  UNION ALL SELECT person_id, 'CHD' AS register, first_date, latest_date, 0 AS min_age
  FROM (SELECT person_id, min(first_date) AS first_date, max(latest_date) AS latest_date FROM _coded WHERE codelist_id IN ('nhsd-qof/chd_cod') GROUP BY person_id) AS q
  UNION ALL SELECT person_id, 'CKD' AS register, first_date, latest_date, 18 AS min_age
  FROM (SELECT c.person_id, c.first_date, c.latest_date FROM _coded AS c
  LEFT JOIN _coded AS e ON e.person_id = c.person_id AND e.codelist_id = 'nhsd-qof/ckd1and2_cod'
  LEFT JOIN _coded AS r ON r.person_id = c.person_id AND r.codelist_id = 'nhsd-qof-resolved/ckdres_cod'
  WHERE c.codelist_id = 'nhsd-qof/ckd_cod' AND (e.latest_date IS NULL OR c.latest_date >= e.latest_date)
  AND (r.latest_date IS NULL OR c.latest_date > r.latest_date)) AS q
  UNION ALL SELECT person_id, 'COPD' AS register, first_date, latest_date, 0 AS min_age
  FROM (SELECT c.person_id, c.first_date, c.latest_date FROM _coded AS c
  LEFT JOIN _coded AS r ON r.person_id = c.person_id AND r.codelist_id = 'nhsd-qof-resolved/copdres_cod'
  WHERE c.codelist_id = 'nhsd-qof/copd_cod' AND (r.latest_date IS NULL OR c.latest_date > r.latest_date)) AS q
  UNION ALL SELECT person_id, 'DEM' AS register, first_date, latest_date, 0 AS min_age
  FROM (SELECT person_id, min(first_date) AS first_date, max(latest_date) AS latest_date FROM _coded WHERE codelist_id IN ('nhsd-qof/dem_cod') GROUP BY person_id) AS q
  UNION ALL SELECT person_id, 'DEP' AS register, first_date, latest_date, 18 AS min_age
  FROM (SELECT person_id, first_date, latest_date FROM _coded WHERE codelist_id = 'nhsd-qof/depr_cod' AND latest_date >= DATE '2006-04-01') AS q
  UNION ALL SELECT person_id, 'DM' AS register, first_date, latest_date, 17 AS min_age
  FROM (SELECT c.person_id, c.first_date, c.latest_date FROM _coded AS c
  LEFT JOIN _coded AS r ON r.person_id = c.person_id AND r.codelist_id = 'primis/dmres'
  WHERE c.codelist_id = 'nhsd-qof/dm_cod' AND (r.latest_date IS NULL OR c.latest_date > r.latest_date)) AS q
  UNION ALL SELECT person_id, 'EP' AS register, first_date, latest_date, 18 AS min_age
  FROM (SELECT c.person_id, c.first_date, c.latest_date FROM _coded AS c
  LEFT JOIN _coded AS r ON r.person_id = c.person_id AND r.codelist_id = 'nhsd-qof-resolved/epilres_cod'
  WHERE c.codelist_id = 'nhsd-qof/epil_cod' AND (r.latest_date IS NULL OR c.latest_date > r.latest_date)) AS q
  UNION ALL SELECT person_id, 'HF' AS register, first_date, latest_date, 0 AS min_age
  FROM (SELECT c.person_id, c.first_date, c.latest_date FROM _coded AS c
  LEFT JOIN _coded AS r ON r.person_id = c.person_id AND r.codelist_id = 'nhsd-qof-resolved/hfres_cod'
  WHERE c.codelist_id = 'nhsd-qof/hf_cod' AND (r.latest_date IS NULL OR c.latest_date > r.latest_date)) AS q
  UNION ALL SELECT person_id, 'HYP' AS register, first_date, latest_date, 0 AS min_age
  FROM (SELECT c.person_id, c.first_date, c.latest_date FROM _coded AS c
  LEFT JOIN _coded AS r ON r.person_id = c.person_id AND r.codelist_id = 'nhsd-qof-resolved/hypres_cod'
  WHERE c.codelist_id = 'nhsd-qof/hyp_cod' AND (r.latest_date IS NULL OR c.latest_date > r.latest_date)) AS q
  UNION ALL SELECT person_id, 'LD' AS register, first_date, latest_date, 0 AS min_age
  FROM (SELECT person_id, min(first_date) AS first_date, max(latest_date) AS latest_date FROM _coded WHERE codelist_id IN ('nhsd-qof/ld_cod') GROUP BY person_id) AS q
  UNION ALL SELECT person_id, 'MH' AS register, first_date, latest_date, 0 AS min_age
  FROM (SELECT c.person_id, c.first_date, c.latest_date FROM _coded AS c
  LEFT JOIN _coded AS r ON r.person_id = c.person_id AND r.codelist_id = 'primis/smhres'
  WHERE c.codelist_id = 'nhsd-qof/mh_cod' AND (r.latest_date IS NULL OR c.latest_date > r.latest_date)) AS q
  UNION ALL SELECT person_id, 'OST' AS register, first_date, latest_date, 50 AS min_age
  FROM (SELECT person_id, min(first_date) AS first_date, max(latest_date) AS latest_date FROM _coded WHERE codelist_id IN ('nhsd-qof/osteo_cod') GROUP BY person_id) AS q
  UNION ALL SELECT person_id, 'PAD' AS register, first_date, latest_date, 0 AS min_age
  FROM (SELECT person_id, min(first_date) AS first_date, max(latest_date) AS latest_date FROM _coded WHERE codelist_id IN ('nhsd-qof/pad_cod') GROUP BY person_id) AS q
  UNION ALL SELECT person_id, 'PC' AS register, first_date, latest_date, 0 AS min_age
  FROM (SELECT c.person_id, c.first_date, c.latest_date FROM _coded AS c
  LEFT JOIN _coded AS r ON r.person_id = c.person_id AND r.codelist_id = 'nhsd-qof/palcareni_cod'
  WHERE c.codelist_id = 'nhsd-qof/palcare_cod' AND c.latest_date >= DATE '2008-04-01'
  AND (r.latest_date IS NULL OR c.latest_date > r.latest_date)) AS q
  UNION ALL SELECT person_id, 'RA' AS register, first_date, latest_date, 16 AS min_age
  FROM (SELECT person_id, min(first_date) AS first_date, max(latest_date) AS latest_date FROM _coded WHERE codelist_id IN ('nhsd-qof/rarth_cod') GROUP BY person_id) AS q
  UNION ALL SELECT person_id, 'STIA' AS register, first_date, latest_date, 0 AS min_age
  FROM (SELECT person_id, min(first_date) AS first_date, max(latest_date) AS latest_date FROM _coded WHERE codelist_id IN ('nhsd-qof/strk_cod', 'nhsd-qof/tia_cod') GROUP BY person_id) AS q
  UNION ALL SELECT person_id, 'CAN' AS register, first_date, latest_date, 0 AS min_age
  FROM (SELECT * FROM (SELECT person_id, min(first_date) AS first_date, max(latest_date) AS latest_date FROM _coded WHERE codelist_id IN ('nhsd-qof/c19can_cod', 'nhsd-qof/c19haemcan_cod') GROUP BY person_id) AS x WHERE first_date >= DATE '2003-04-01') AS q) AS r
  JOIN _person_base AS b ON b.person_id = r.person_id
  LEFT JOIN (SELECT person_id,
  max(CASE WHEN codelist_id = 'nhsd-qof/dmtype1_cod' THEN latest_date END) AS type1_date,
  max(CASE WHEN codelist_id = 'nhsd-qof/dmtype2_cod' THEN latest_date END) AS type2_date
  FROM _coded WHERE codelist_id IN ('nhsd-qof/dmtype1_cod', 'nhsd-qof/dmtype2_cod') GROUP BY person_id) AS dt
  ON dt.person_id = r.person_id AND r.register = 'DM'
  WHERE b.registered AND b.age >= r.min_age;

-- the build's statement 2: NDH
SELECT r.person_id, r.register, r.first_date, r.latest_date, CAST(NULL AS VARCHAR) AS subtype
  FROM (SELECT person_id, 'NDH' AS register, first_date, latest_date, 18 AS min_age
  FROM (SELECT person_id, first_date, latest_date FROM _coded WHERE codelist_id = 'nhsd-qof/ndh_cod'
  AND person_id NOT IN (SELECT person_id FROM register WHERE register = 'DM')) AS q) AS r
  JOIN _person_base AS b ON b.person_id = r.person_id
  WHERE b.registered AND b.age >= r.min_age;
