-- clinical events (_clin)
SELECT e.person_id, cc.codelist_id, e.event_date AS day, e.value, NULL AS source_org
  FROM gp_event AS e
  JOIN codelist_code AS cc ON cc.code = e.code
  JOIN codelist AS cl ON cl.codelist_id = cc.codelist_id AND cl.coding_system = e.coding_system
  WHERE cc.codelist_id LIKE 'gm-sde/%' AND e.event_date <= DATE '2026-03-31' AND e.event_date > CAST((DATE '2026-03-31') + INTERVAL (-60) MONTH AS DATE)
  UNION ALL
  SELECT m.person_id, cc.codelist_id, m.issue_date, NULL, m.source_org
  FROM medication_issue AS m
  JOIN codelist_code AS cc ON cc.code = m.code
  JOIN codelist AS cl ON cl.codelist_id = cc.codelist_id AND cl.coding_system = m.coding_system
  WHERE m.issue_date <= DATE '2026-03-31' AND m.issue_date > CAST((DATE '2026-03-31') + INTERVAL (-12) MONTH AS DATE);

-- latest values (_latest)
SELECT person_id, codelist_id, day, value FROM (
  SELECT person_id, codelist_id, day, value,
  row_number() OVER (PARTITION BY person_id, codelist_id ORDER BY day DESC, value DESC) AS rn
  FROM _clin WHERE value IS NOT NULL) AS x
  WHERE rn = 1;

-- latest days (_days)
SELECT person_id, codelist_id, max(day) AS day FROM _clin GROUP BY person_id, codelist_id;

-- QRISK3 / QDiabetes inputs
SELECT b.person_id, b.age, p.sex, p.ethnicity_code, CAST(CASE WHEN rg.af THEN 1 ELSE 0 END
  + CASE WHEN rg.ckd THEN 2 ELSE 0 END
  + CASE WHEN rg.smi THEN 4 ELSE 0 END
  + CASE WHEN rg.ra THEN 8 ELSE 0 END
  + CASE WHEN rg.ld THEN 16 ELSE 0 END
  + CASE WHEN rg.cvd THEN 32 ELSE 0 END
  + CASE WHEN rg.hyp THEN 64 ELSE 0 END
  + CASE WHEN fl.sle THEN 128 ELSE 0 END
  + CASE WHEN fl.gdm THEN 256 ELSE 0 END
  + CASE WHEN fl.pcos THEN 512 ELSE 0 END
  + CASE WHEN fl.antipsychotics THEN 1024 ELSE 0 END
  + CASE WHEN fl.corticosteroids THEN 2048 ELSE 0 END
  + CASE WHEN fl.antihypertensives THEN 4096 ELSE 0 END
  + CASE WHEN fl.statins THEN 8192 ELSE 0 END AS INTEGER) AS flags,
  rg.diabetes, fl.smoking, lt.bmi, lt.sbp, lt.chol_ratio, lt.hba1c, sd.sbp_sd
  FROM _person_base AS b
  JOIN person AS p ON p.person_id = b.person_id
  LEFT JOIN (SELECT person_id, max(CASE WHEN register = 'AF' THEN 1 ELSE 0 END) = 1 AS af, max(CASE WHEN register = 'CKD' THEN 1 ELSE 0 END) = 1 AS ckd,
  max(CASE WHEN register = 'MH' THEN 1 ELSE 0 END) = 1 AS smi, max(CASE WHEN register = 'RA' THEN 1 ELSE 0 END) = 1 AS ra, max(CASE WHEN register = 'LD' THEN 1 ELSE 0 END) = 1 AS ld,
  max(CASE WHEN register = 'HYP' THEN 1 ELSE 0 END) = 1 AS hyp, max(CASE WHEN register IN ('CHD', 'STIA', 'PAD') THEN 1 ELSE 0 END) = 1 AS cvd,
  max(CASE WHEN register = 'DM' THEN subtype END) AS diabetes
  FROM register GROUP BY person_id) AS rg ON rg.person_id = b.person_id
  LEFT JOIN (SELECT person_id, max(CASE WHEN codelist_id = 'gm-sde/sle' THEN 1 ELSE 0 END) = 1 AS sle,
  max(CASE WHEN codelist_id = 'gm-sde/gestational-diabetes' THEN 1 ELSE 0 END) = 1 AS gdm, max(CASE WHEN codelist_id = 'gm-sde/polycystic-ovarian-syndrome' THEN 1 ELSE 0 END) = 1 AS pcos,
  max(CASE WHEN codelist_id = 'gm-sde/antipsychotics' AND day > CAST((DATE '2026-03-31') + INTERVAL (-6) MONTH AS DATE) THEN 1 ELSE 0 END) = 1 AS antipsychotics, max(CASE WHEN codelist_id = 'gm-sde/corticosteroid' AND day > CAST((DATE '2026-03-31') + INTERVAL (-6) MONTH AS DATE) THEN 1 ELSE 0 END) = 1 AS corticosteroids,
  max(CASE WHEN codelist_id = 'derived/antihypertensives' AND day > CAST((DATE '2026-03-31') + INTERVAL (-6) MONTH AS DATE) THEN 1 ELSE 0 END) = 1 AS antihypertensives, max(CASE WHEN codelist_id = 'derived/statins' AND day > CAST((DATE '2026-03-31') + INTERVAL (-6) MONTH AS DATE) THEN 1 ELSE 0 END) = 1 AS statins,
  CASE
  WHEN max(CASE WHEN codelist_id = 'gm-sde/smoking-status-current' THEN day END) >= coalesce(max(CASE WHEN codelist_id IN ('gm-sde/smoking-status-ex', 'gm-sde/smoking-status-never') THEN day END), DATE '1900-01-01') THEN 'current'
  WHEN max(CASE WHEN codelist_id = 'gm-sde/smoking-status-ex' THEN day END) >= coalesce(max(CASE WHEN codelist_id = 'gm-sde/smoking-status-never' THEN day END), DATE '1900-01-01') THEN 'ex'
  WHEN max(CASE WHEN codelist_id = 'gm-sde/smoking-status-never' THEN day END) IS NOT NULL THEN 'never'
  END AS smoking
  FROM _days GROUP BY person_id) AS fl ON fl.person_id = b.person_id
  LEFT JOIN (SELECT person_id, max(CASE WHEN codelist_id = 'gm-sde/bmi' AND day > CAST((DATE '2026-03-31') + INTERVAL (-60) MONTH AS DATE) THEN value END) AS bmi, max(CASE WHEN codelist_id = 'gm-sde/systolic-blood-pressure' AND day > CAST((DATE '2026-03-31') + INTERVAL (-60) MONTH AS DATE) THEN value END) AS sbp,
  max(CASE WHEN codelist_id = 'gm-sde/cholesterol-hdl-ratio' AND day > CAST((DATE '2026-03-31') + INTERVAL (-60) MONTH AS DATE) THEN value END) AS chol_ratio, max(CASE WHEN codelist_id = 'gm-sde/hba1c' AND day > CAST((DATE '2026-03-31') + INTERVAL (-24) MONTH AS DATE) THEN value END) AS hba1c
  FROM _latest GROUP BY person_id) AS lt ON lt.person_id = b.person_id
  LEFT JOIN (SELECT person_id, stddev_samp(value) AS sbp_sd FROM _clin
  WHERE codelist_id = 'gm-sde/systolic-blood-pressure' AND value IS NOT NULL GROUP BY person_id HAVING count(*) >= 2) AS sd
  ON sd.person_id = b.person_id
  WHERE b.registered AND b.age BETWEEN 25 AND 84;

-- diabetes care processes
INSERT INTO diabetes_care ("person_id", "hba1c", "blood_pressure", "cholesterol", "serum_creatinine", "urine_albumin", "foot_surveillance", "bmi", "smoking", "retinal_screening", "processes_8", "latest_hba1c", "latest_sbp", "latest_dbp", "hba1c_target", "bp_target", "statin", "all_three_targets")
  SELECT r.person_id, coalesce(c.hba1c, FALSE), coalesce(c.bp, FALSE), coalesce(c.chol, FALSE),
  coalesce(c.creat, FALSE), coalesce(c.uacr, FALSE), NULL, coalesce(c.bmi, FALSE), coalesce(c.smoking, FALSE), NULL,
  CAST(CASE WHEN c.hba1c THEN 1 ELSE 0 END + CASE WHEN c.bp THEN 1 ELSE 0 END + CASE WHEN c.chol THEN 1 ELSE 0 END
  + CASE WHEN c.creat THEN 1 ELSE 0 END + CASE WHEN c.uacr THEN 1 ELSE 0 END + CASE WHEN c.bmi THEN 1 ELSE 0 END
  + CASE WHEN c.smoking THEN 1 ELSE 0 END AS INTEGER),
  l.hba1c, l.sbp, l.dbp,
  coalesce(l.hba1c <= 58, FALSE),
  coalesce(l.sbp <= 140 AND l.dbp <= 80, FALSE),
  coalesce(c.statin, FALSE),
  coalesce(l.hba1c <= 58 AND l.sbp <= 140 AND l.dbp <= 80 AND c.statin, FALSE)
  FROM register AS r
  LEFT JOIN (SELECT person_id, max(CASE WHEN codelist_id IN ('gm-sde/hba1c') AND day > CAST((DATE '2026-03-31') + INTERVAL (-12) MONTH AS DATE) THEN 1 ELSE 0 END) = 1 AS hba1c, max(CASE WHEN codelist_id IN ('gm-sde/systolic-blood-pressure', 'gm-sde/diastolic-blood-pressure') AND day > CAST((DATE '2026-03-31') + INTERVAL (-12) MONTH AS DATE) THEN 1 ELSE 0 END) = 1 AS bp, max(CASE WHEN codelist_id IN ('gm-sde/cholesterol', 'gm-sde/cholesterol-hdl-ratio') AND day > CAST((DATE '2026-03-31') + INTERVAL (-12) MONTH AS DATE) THEN 1 ELSE 0 END) = 1 AS chol,
  max(CASE WHEN codelist_id IN ('gm-sde/creatinine', 'gm-sde/egfr') AND day > CAST((DATE '2026-03-31') + INTERVAL (-12) MONTH AS DATE) THEN 1 ELSE 0 END) = 1 AS creat, max(CASE WHEN codelist_id IN ('gm-sde/urinary-albumin-creatinine-ratio') AND day > CAST((DATE '2026-03-31') + INTERVAL (-12) MONTH AS DATE) THEN 1 ELSE 0 END) = 1 AS uacr, max(CASE WHEN codelist_id IN ('gm-sde/bmi') AND day > CAST((DATE '2026-03-31') + INTERVAL (-12) MONTH AS DATE) THEN 1 ELSE 0 END) = 1 AS bmi,
  max(CASE WHEN codelist_id IN ('gm-sde/smoking-status', 'gm-sde/smoking-status-current', 'gm-sde/smoking-status-ex', 'gm-sde/smoking-status-never') AND day > CAST((DATE '2026-03-31') + INTERVAL (-12) MONTH AS DATE) THEN 1 ELSE 0 END) = 1 AS smoking, max(CASE WHEN codelist_id IN ('derived/statins') AND day > CAST((DATE '2026-03-31') + INTERVAL (-12) MONTH AS DATE) THEN 1 ELSE 0 END) = 1 AS statin
  FROM _days GROUP BY person_id) AS c ON c.person_id = r.person_id
  LEFT JOIN (SELECT person_id, max(CASE WHEN codelist_id = 'gm-sde/hba1c' AND day > CAST((DATE '2026-03-31') + INTERVAL (-12) MONTH AS DATE) THEN value END) AS hba1c, max(CASE WHEN codelist_id = 'gm-sde/systolic-blood-pressure' AND day > CAST((DATE '2026-03-31') + INTERVAL (-12) MONTH AS DATE) THEN value END) AS sbp, max(CASE WHEN codelist_id = 'gm-sde/diastolic-blood-pressure' AND day > CAST((DATE '2026-03-31') + INTERVAL (-12) MONTH AS DATE) THEN value END) AS dbp
  FROM _latest GROUP BY person_id) AS l ON l.person_id = r.person_id
  WHERE r.register = 'DM';

-- practice diabetes care
INSERT INTO practice_diabetes_care ("practice_code", "register_count", "all_8_processes", "hba1c_target", "bp_target", "statin", "all_three_targets")
  SELECT p.practice_code, CAST(count(*) AS INTEGER), CAST(sum(CASE WHEN c.processes_8 = 8 THEN 1 ELSE 0 END) AS INTEGER), CAST(sum(CASE WHEN c.hba1c_target THEN 1 ELSE 0 END) AS INTEGER),
  CAST(sum(CASE WHEN c.bp_target THEN 1 ELSE 0 END) AS INTEGER), CAST(sum(CASE WHEN c.statin THEN 1 ELSE 0 END) AS INTEGER), CAST(sum(CASE WHEN c.all_three_targets THEN 1 ELSE 0 END) AS INTEGER)
  FROM diabetes_care AS c JOIN person_asof AS p ON p.person_id = c.person_id
  GROUP BY p.practice_code;

-- audit inhaler-duplication v1: Two or more different inhaler products containing the same ingredient class (inhaled corticosteroid, LABA or LAMA; dm+d lists in codelists/inhalers-dmd) issued in the 183 days to the as-of date.
INSERT INTO safety_audit_finding (audit_id, audit_version, person_id, detail)
  SELECT 'inhaler-duplication', '1', q.person_id, q.detail
  FROM (SELECT person_id, trim(max(CASE WHEN cls = 'ICS' THEN 'ICS ' ELSE '' END) || max(CASE WHEN cls = 'LABA' THEN 'LABA ' ELSE '' END) || max(CASE WHEN cls = 'LAMA' THEN 'LAMA ' ELSE '' END)) AS detail FROM (
  SELECT m.person_id, k.cls FROM medication_issue AS m
  JOIN codelist_code AS cc ON cc.code = m.code
  JOIN (VALUES ('inhalers-dmd/ics_asthma', 'ICS'), ('inhalers-dmd/laba_single_codelist', 'LABA'), ('inhalers-dmd/laba_ics_codelist', 'LABA'), ('inhalers-dmd/lama_laba_codelist', 'LABA'), ('inhalers-dmd/lama_triple_codelist', 'LABA'), ('inhalers-dmd/lama_single_codelist', 'LAMA'), ('inhalers-dmd/lama_multi_codelist', 'LAMA')) AS k(codelist_id, cls) ON k.codelist_id = cc.codelist_id
  WHERE m.coding_system = 'dmd' AND m.issue_date <= DATE '2026-03-31' AND m.issue_date > CAST((DATE '2026-03-31') + INTERVAL (-183) DAY AS DATE)
  GROUP BY m.person_id, k.cls HAVING count(DISTINCT m.code) >= 2) AS dup
  WHERE person_id IN (SELECT person_id FROM person_asof WHERE registered)
  GROUP BY person_id) AS q;

-- audit secondary-care-medicine-not-in-gp-record v1: Clozapine (GM-SDE clozapine set) issued by a mental-health trust in the 365 days to the as-of date, with no clozapine issue by any other organisation (the GP record) on or before it.
INSERT INTO safety_audit_finding (audit_id, audit_version, person_id, detail)
  SELECT 'secondary-care-medicine-not-in-gp-record', '1', q.person_id, q.detail
  FROM (SELECT DISTINCT t.person_id, 'clozapine' AS detail FROM (SELECT m.person_id, m.issue_date, o.org_type FROM medication_issue AS m
  JOIN codelist_code AS cc ON cc.code = m.code AND cc.codelist_id = 'gm-sde/clozapine'
  LEFT JOIN organisation AS o ON o.org_code = m.source_org
  WHERE m.coding_system = 'dmd' AND m.issue_date <= DATE '2026-03-31') AS t
  WHERE t.org_type = 'mental_health_trust' AND t.issue_date > CAST((DATE '2026-03-31') + INTERVAL (-365) DAY AS DATE)
  AND NOT EXISTS (SELECT 1 FROM (SELECT m.person_id, m.issue_date, o.org_type FROM medication_issue AS m
  JOIN codelist_code AS cc ON cc.code = m.code AND cc.codelist_id = 'gm-sde/clozapine'
  LEFT JOIN organisation AS o ON o.org_code = m.source_org
  WHERE m.coding_system = 'dmd' AND m.issue_date <= DATE '2026-03-31') AS g WHERE g.person_id = t.person_id
  AND (g.org_type IS NULL OR g.org_type <> 'mental_health_trust'))
  AND t.person_id IN (SELECT person_id FROM person_asof WHERE registered)) AS q;

-- audit elderly-diabetes-deprescribing v1: Aged 75+, on the diabetes register, latest HbA1c in the 365 days to the as-of date below 53 mmol/mol, and 10 or more different medicines issued in those days: candidates for a deprescribing review.
INSERT INTO safety_audit_finding (audit_id, audit_version, person_id, detail)
  SELECT 'elderly-diabetes-deprescribing', '1', q.person_id, q.detail
  FROM (SELECT p.person_id, CAST(m.n AS VARCHAR) || ' medicines' AS detail
  FROM person_asof AS p
  JOIN register AS r ON r.person_id = p.person_id AND r.register = 'DM'
  JOIN (SELECT person_id, value FROM (
  SELECT e.person_id, e.value, row_number() OVER (PARTITION BY e.person_id ORDER BY e.event_date DESC, e.value DESC) AS rn
  FROM gp_event AS e JOIN codelist_code AS cc ON cc.code = e.code AND cc.codelist_id = 'gm-sde/hba1c'
  WHERE e.coding_system = 'snomedct' AND e.value IS NOT NULL AND e.event_date <= DATE '2026-03-31' AND e.event_date > CAST((DATE '2026-03-31') + INTERVAL (-365) DAY AS DATE)) AS x
  WHERE rn = 1) AS h ON h.person_id = p.person_id
  JOIN (SELECT person_id, count(DISTINCT code) AS n FROM medication_issue
  WHERE issue_date <= DATE '2026-03-31' AND issue_date > CAST((DATE '2026-03-31') + INTERVAL (-365) DAY AS DATE) GROUP BY person_id) AS m ON m.person_id = p.person_id
  WHERE p.registered AND p.age >= 75 AND h.value < 53
  AND m.n >= 10) AS q;
