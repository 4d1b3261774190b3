-- clinical events (_clin)
SELECT e.person_id, cc.codelist_id, e.event_date AS day, e.value, NULL AS source_org
  FROM gp_event AS e
  JOIN codelist_code AS cc ON cc.code = e.code AND cc.codelist_id IN ('gm-sde/sle', 'gm-sde/gestational-diabetes', 'gm-sde/polycystic-ovarian-syndrome', 'gm-sde/cholesterol-hdl-ratio', 'gm-sde/systolic-blood-pressure', 'gm-sde/diastolic-blood-pressure', 'gm-sde/hba1c', 'gm-sde/cholesterol', 'gm-sde/creatinine', 'gm-sde/egfr', 'gm-sde/urinary-albumin-creatinine-ratio', 'gm-sde/bmi', 'gm-sde/smoking-status', 'gm-sde/smoking-status-current', 'gm-sde/smoking-status-ex', 'gm-sde/smoking-status-never')
  JOIN codelist AS cl ON cl.codelist_id = cc.codelist_id AND cl.coding_system = e.coding_system
  WHERE e.event_date <= DATE '2026-03-31' AND e.event_date > date_add('month', -60, DATE '2026-03-31')
  UNION ALL
  SELECT m.person_id, cc.codelist_id, m.issue_date, NULL, m.source_org
  FROM medication_issue AS m
  JOIN codelist_code AS cc ON cc.code = m.code AND cc.codelist_id IN ('gm-sde/antipsychotics', 'gm-sde/corticosteroid', 'gm-sde/clozapine', 'derived/statins', 'derived/antihypertensives', 'inhalers-dmd/ics_asthma', 'inhalers-dmd/laba_single_codelist', 'inhalers-dmd/laba_ics_codelist', 'inhalers-dmd/lama_laba_codelist', 'inhalers-dmd/lama_single_codelist', 'inhalers-dmd/lama_multi_codelist', 'inhalers-dmd/lama_triple_codelist')
  JOIN codelist AS cl ON cl.codelist_id = cc.codelist_id AND cl.coding_system = m.coding_system
  WHERE m.issue_date <= DATE '2026-03-31' AND m.issue_date > date_add('month', -12, DATE '2026-03-31');

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
  max(CASE WHEN codelist_id = 'gm-sde/antipsychotics' AND day > date_add('month', -6, DATE '2026-03-31') THEN 1 ELSE 0 END) = 1 AS antipsychotics, max(CASE WHEN codelist_id = 'gm-sde/corticosteroid' AND day > date_add('month', -6, DATE '2026-03-31') THEN 1 ELSE 0 END) = 1 AS corticosteroids,
  max(CASE WHEN codelist_id = 'derived/antihypertensives' AND day > date_add('month', -6, DATE '2026-03-31') THEN 1 ELSE 0 END) = 1 AS antihypertensives, max(CASE WHEN codelist_id = 'derived/statins' AND day > date_add('month', -6, DATE '2026-03-31') THEN 1 ELSE 0 END) = 1 AS statins,
  CASE
  WHEN max(CASE WHEN codelist_id = 'gm-sde/smoking-status-current' THEN day END) >= coalesce(max(CASE WHEN codelist_id IN ('gm-sde/smoking-status-ex', 'gm-sde/smoking-status-never') THEN day END), DATE '1900-01-01') THEN 'current'
  WHEN max(CASE WHEN codelist_id = 'gm-sde/smoking-status-ex' THEN day END) >= coalesce(max(CASE WHEN codelist_id = 'gm-sde/smoking-status-never' THEN day END), DATE '1900-01-01') THEN 'ex'
  WHEN max(CASE WHEN codelist_id = 'gm-sde/smoking-status-never' THEN day END) IS NOT NULL THEN 'never'
  END AS smoking
  FROM _days GROUP BY person_id) AS fl ON fl.person_id = b.person_id
  LEFT JOIN (SELECT person_id, max(CASE WHEN codelist_id = 'gm-sde/bmi' AND day > date_add('month', -60, DATE '2026-03-31') THEN value END) AS bmi, max(CASE WHEN codelist_id = 'gm-sde/systolic-blood-pressure' AND day > date_add('month', -60, DATE '2026-03-31') THEN value END) AS sbp,
  max(CASE WHEN codelist_id = 'gm-sde/cholesterol-hdl-ratio' AND day > date_add('month', -60, DATE '2026-03-31') THEN value END) AS chol_ratio, max(CASE WHEN codelist_id = 'gm-sde/hba1c' AND day > date_add('month', -24, DATE '2026-03-31') THEN value END) AS hba1c
  FROM _latest GROUP BY person_id) AS lt ON lt.person_id = b.person_id
  LEFT JOIN (SELECT person_id, stddev_samp(value) AS sbp_sd FROM _clin
  WHERE codelist_id = 'gm-sde/systolic-blood-pressure' AND value IS NOT NULL GROUP BY person_id HAVING count(*) >= 2) AS sd
  ON sd.person_id = b.person_id
  WHERE b.registered AND b.age BETWEEN 25 AND 84;

-- eFI (two deficit sets shown)
SELECT b.person_id,
  CAST(coalesce(df.n, 0) + CASE WHEN coalesce(md.n, 0) >= 5 THEN 1 ELSE 0 END AS DOUBLE) / 36 AS efi
  FROM (SELECT person_id FROM _person_base WHERE registered AND age >= 65) AS b
  LEFT JOIN (SELECT e.person_id, count(DISTINCT x.deficit) AS n FROM gp_event AS e
  JOIN codelist_code AS cc ON cc.code = e.code
  JOIN (VALUES ('gm-sde/efi-falls', 10), ('gm-sde/efi-mobility', 20)) AS x(codelist_id, deficit) ON x.codelist_id = cc.codelist_id
  WHERE e.coding_system = 'snomedct' AND e.event_date <= DATE '2026-03-31' AND e.person_id IN (SELECT person_id FROM _person_base WHERE registered AND age >= 65)
  GROUP BY e.person_id) AS df ON df.person_id = b.person_id
  LEFT JOIN (SELECT m.person_id, count(DISTINCT m.code) AS n FROM medication_issue AS m
  WHERE m.issue_date <= DATE '2026-03-31' AND m.issue_date > date_add('month', -12, DATE '2026-03-31') AND m.person_id IN (SELECT person_id FROM _person_base WHERE registered AND age >= 65)
  GROUP BY m.person_id) AS md ON md.person_id = b.person_id;

-- eFI band
SELECT CASE WHEN efi IS NULL THEN NULL WHEN efi <= CAST(0.12 AS DOUBLE) THEN 'fit' WHEN efi <= CAST(0.24 AS DOUBLE) THEN 'mild' WHEN efi <= CAST(0.36 AS DOUBLE) THEN 'moderate' ELSE 'severe' END;

-- HFRS
SELECT c.person_id, floor(CAST(sum(h.points) AS DOUBLE) * 10 + 0.5) / 10 AS hfrs FROM (
  SELECT DISTINCT x.person_id, substr(x.code, 1, 3) AS code3 FROM hospital_diagnosis AS x
  JOIN hospital_spell AS s ON s.spell_id = x.spell_id
  WHERE s.admission_date <= DATE '2026-03-31' AND s.admission_date > date_add('month', -24, DATE '2026-03-31')) AS c
  JOIN (VALUES ('F00', 7.1), ('G81', 4.4), ('G30', 4.0), ('I69', 3.7), ('R29', 3.6), ('N39', 3.2), ('F05', 3.2), ('W19', 3.2), ('S00', 3.2), ('R31', 3.0), ('B96', 2.9), ('R41', 2.7), ('R26', 2.6), ('I67', 2.6), ('R56', 2.6), ('R40', 2.5), ('T83', 2.4), ('S06', 2.4), ('S42', 2.3), ('E87', 2.3), ('M25', 2.3), ('E86', 2.3), ('R54', 2.2), ('Z50', 2.1), ('F03', 2.1), ('W18', 2.1), ('Z75', 2.0), ('F01', 2.0), ('S80', 2.0), ('L03', 2.0), ('H54', 1.9), ('E53', 1.9), ('Z60', 1.8), ('G20', 1.8), ('R55', 1.8), ('S22', 1.8), ('K59', 1.8), ('N17', 1.8), ('L89', 1.7), ('Z22', 1.7), ('B95', 1.7), ('L97', 1.6), ('R44', 1.6), ('K26', 1.6), ('I95', 1.6), ('N19', 1.6), ('A41', 1.6), ('Z87', 1.5), ('J96', 1.5), ('X59', 1.5), ('M19', 1.5), ('G40', 1.5), ('M81', 1.4), ('S72', 1.4), ('S32', 1.4), ('E16', 1.4), ('R94', 1.4), ('N18', 1.4), ('R33', 1.3), ('R69', 1.3), ('N28', 1.3), ('R32', 1.2), ('G31', 1.2), ('Y95', 1.2), ('S09', 1.2), ('R45', 1.2), ('G45', 1.2), ('Z74', 1.1), ('M79', 1.1), ('W06', 1.1), ('S01', 1.1), ('A04', 1.1), ('A09', 1.1), ('J18', 1.1), ('J69', 1.0), ('R47', 1.0), ('E55', 1.0), ('Z93', 1.0), ('R02', 1.0), ('R63', 0.9), ('H91', 0.9), ('W10', 0.9), ('W01', 0.9), ('E05', 0.9), ('M41', 0.9), ('R13', 0.8), ('Z99', 0.8), ('U80', 0.8), ('M80', 0.8), ('K92', 0.8), ('I63', 0.8), ('N20', 0.7), ('F10', 0.7), ('Y84', 0.7), ('R00', 0.7), ('J22', 0.7), ('Z73', 0.6), ('R79', 0.6), ('Z91', 0.5), ('S51', 0.5), ('F32', 0.5), ('M48', 0.5), ('E83', 0.4), ('M15', 0.4), ('D64', 0.4), ('L08', 0.4), ('R11', 0.3), ('K52', 0.3), ('R50', 0.1)) AS h(code3, points) ON h.code3 = c.code3
  GROUP BY c.person_id;

-- HFRS band
SELECT CASE WHEN hfrs IS NULL THEN NULL WHEN hfrs < CAST(5 AS DOUBLE) THEN 'low'
  WHEN hfrs <= CAST(15 AS DOUBLE) THEN 'intermediate' ELSE 'high' END;

-- Charlson
SELECT person_id, CAST(sum(weight) - CASE WHEN max(CASE WHEN domain = 'msld' THEN 1 ELSE 0 END) = 1 AND max(CASE WHEN domain = 'mld' THEN 1 ELSE 0 END) = 1 THEN 2 ELSE 0 END - CASE WHEN max(CASE WHEN domain = 'diabwc' THEN 1 ELSE 0 END) = 1 AND max(CASE WHEN domain = 'diab' THEN 1 ELSE 0 END) = 1 THEN 0 ELSE 0 END - CASE WHEN max(CASE WHEN domain = 'metacanc' THEN 1 ELSE 0 END) = 1 AND max(CASE WHEN domain = 'canc' THEN 1 ELSE 0 END) = 1 THEN 2 ELSE 0 END AS INTEGER) AS charlson FROM (
  SELECT DISTINCT person_id, domain, weight FROM (SELECT x.person_id, m.domain, m.weight FROM hospital_diagnosis AS x
  JOIN hospital_spell AS s ON s.spell_id = x.spell_id
  JOIN (VALUES ('mi', 'I21', 0), ('mi', 'I22', 0), ('chf', 'I43', 2), ('chf', 'I50', 2), ('pvd', 'I70', 0), ('pvd', 'I71', 0), ('cevd', 'G45', 0), ('cevd', 'G46', 0), ('cevd', 'I60', 0), ('cevd', 'I61', 0), ('cevd', 'I62', 0), ('cevd', 'I63', 0), ('cevd', 'I64', 0), ('cevd', 'I65', 0), ('cevd', 'I66', 0), ('cevd', 'I67', 0), ('cevd', 'I68', 0), ('cevd', 'I69', 0), ('dementia', 'F00', 2), ('dementia', 'F01', 2), ('dementia', 'F02', 2), ('dementia', 'F03', 2), ('dementia', 'G30', 2), ('cpd', 'J40', 1), ('cpd', 'J41', 1), ('cpd', 'J42', 1), ('cpd', 'J43', 1), ('cpd', 'J44', 1), ('cpd', 'J45', 1), ('cpd', 'J46', 1), ('cpd', 'J47', 1), ('cpd', 'J60', 1), ('cpd', 'J61', 1), ('cpd', 'J62', 1), ('cpd', 'J63', 1), ('cpd', 'J64', 1), ('cpd', 'J65', 1), ('cpd', 'J66', 1), ('cpd', 'J67', 1), ('rheumd', 'M05', 1), ('rheumd', 'M06', 1), ('rheumd', 'M32', 1), ('rheumd', 'M33', 1), ('rheumd', 'M34', 1), ('pud', 'K25', 0), ('pud', 'K26', 0), ('pud', 'K27', 0), ('pud', 'K28', 0), ('mld', 'B18', 2), ('mld', 'K73', 2), ('mld', 'K74', 2), ('hp', 'G81', 2), ('hp', 'G82', 2), ('rend', 'N18', 1), ('rend', 'N19', 1), ('canc', 'C00', 2), ('canc', 'C01', 2), ('canc', 'C02', 2), ('canc', 'C03', 2), ('canc', 'C04', 2), ('canc', 'C05', 2), ('canc', 'C06', 2), ('canc', 'C07', 2), ('canc', 'C08', 2), ('canc', 'C09', 2), ('canc', 'C10', 2), ('canc', 'C11', 2), ('canc', 'C12', 2), ('canc', 'C13', 2), ('canc', 'C14', 2), ('canc', 'C15', 2), ('canc', 'C16', 2), ('canc', 'C17', 2), ('canc', 'C18', 2), ('canc', 'C19', 2), ('canc', 'C20', 2), ('canc', 'C21', 2), ('canc', 'C22', 2), ('canc', 'C23', 2), ('canc', 'C24', 2), ('canc', 'C25', 2), ('canc', 'C26', 2), ('canc', 'C30', 2), ('canc', 'C31', 2), ('canc', 'C32', 2), ('canc', 'C33', 2), ('canc', 'C34', 2), ('canc', 'C37', 2), ('canc', 'C38', 2), ('canc', 'C39', 2), ('canc', 'C40', 2), ('canc', 'C41', 2), ('canc', 'C43', 2), ('canc', 'C45', 2), ('canc', 'C46', 2), ('canc', 'C47', 2), ('canc', 'C48', 2), ('canc', 'C49', 2), ('canc', 'C50', 2), ('canc', 'C51', 2), ('canc', 'C52', 2), ('canc', 'C53', 2), ('canc', 'C54', 2), ('canc', 'C55', 2), ('canc', 'C56', 2), ('canc', 'C57', 2), ('canc', 'C58', 2), ('canc', 'C60', 2), ('canc', 'C61', 2), ('canc', 'C62', 2), ('canc', 'C63', 2), ('canc', 'C64', 2), ('canc', 'C65', 2), ('canc', 'C66', 2), ('canc', 'C67', 2), ('canc', 'C68', 2), ('canc', 'C69', 2), ('canc', 'C70', 2), ('canc', 'C71', 2), ('canc', 'C72', 2), ('canc', 'C73', 2), ('canc', 'C74', 2), ('canc', 'C75', 2), ('canc', 'C76', 2), ('canc', 'C81', 2), ('canc', 'C82', 2), ('canc', 'C83', 2), ('canc', 'C84', 2), ('canc', 'C85', 2), ('canc', 'C88', 2), ('canc', 'C90', 2), ('canc', 'C91', 2), ('canc', 'C92', 2), ('canc', 'C93', 2), ('canc', 'C94', 2), ('canc', 'C95', 2), ('canc', 'C96', 2), ('canc', 'C97', 2), ('metacanc', 'C77', 6), ('metacanc', 'C78', 6), ('metacanc', 'C79', 6), ('metacanc', 'C80', 6), ('aids', 'B20', 4), ('aids', 'B21', 4), ('aids', 'B22', 4), ('aids', 'B24', 4)) AS m(domain, prefix, weight) ON substr(x.code, 1, 3) = m.prefix
  WHERE s.admission_date <= DATE '2026-03-31' UNION ALL SELECT x.person_id, m.domain, m.weight FROM hospital_diagnosis AS x
  JOIN hospital_spell AS s ON s.spell_id = x.spell_id
  JOIN (VALUES ('mi', 'I252', 0), ('chf', 'I099', 2), ('chf', 'I110', 2), ('chf', 'I130', 2), ('chf', 'I132', 2), ('chf', 'I255', 2), ('chf', 'I420', 2), ('chf', 'I425', 2), ('chf', 'I426', 2), ('chf', 'I427', 2), ('chf', 'I428', 2), ('chf', 'I429', 2), ('chf', 'P290', 2), ('pvd', 'I731', 0), ('pvd', 'I738', 0), ('pvd', 'I739', 0), ('pvd', 'I771', 0), ('pvd', 'I790', 0), ('pvd', 'I792', 0), ('pvd', 'K551', 0), ('pvd', 'K558', 0), ('pvd', 'K559', 0), ('pvd', 'Z958', 0), ('pvd', 'Z959', 0), ('cevd', 'H340', 0), ('dementia', 'F051', 2), ('dementia', 'G311', 2), ('cpd', 'I278', 1), ('cpd', 'I279', 1), ('cpd', 'J684', 1), ('cpd', 'J701', 1), ('cpd', 'J703', 1), ('rheumd', 'M315', 1), ('rheumd', 'M351', 1), ('rheumd', 'M353', 1), ('rheumd', 'M360', 1), ('mld', 'K700', 2), ('mld', 'K701', 2), ('mld', 'K702', 2), ('mld', 'K703', 2), ('mld', 'K709', 2), ('mld', 'K713', 2), ('mld', 'K714', 2), ('mld', 'K715', 2), ('mld', 'K717', 2), ('mld', 'K760', 2), ('mld', 'K762', 2), ('mld', 'K763', 2), ('mld', 'K764', 2), ('mld', 'K768', 2), ('mld', 'K769', 2), ('mld', 'Z944', 2), ('diab', 'E100', 0), ('diab', 'E101', 0), ('diab', 'E106', 0), ('diab', 'E108', 0), ('diab', 'E109', 0), ('diab', 'E110', 0), ('diab', 'E111', 0), ('diab', 'E116', 0), ('diab', 'E118', 0), ('diab', 'E119', 0), ('diab', 'E120', 0), ('diab', 'E121', 0), ('diab', 'E126', 0), ('diab', 'E128', 0), ('diab', 'E129', 0), ('diab', 'E130', 0), ('diab', 'E131', 0), ('diab', 'E136', 0), ('diab', 'E138', 0), ('diab', 'E139', 0), ('diab', 'E140', 0), ('diab', 'E141', 0), ('diab', 'E146', 0), ('diab', 'E148', 0), ('diab', 'E149', 0), ('diabwc', 'E102', 1), ('diabwc', 'E103', 1), ('diabwc', 'E104', 1), ('diabwc', 'E105', 1), ('diabwc', 'E107', 1), ('diabwc', 'E112', 1), ('diabwc', 'E113', 1), ('diabwc', 'E114', 1), ('diabwc', 'E115', 1), ('diabwc', 'E117', 1), ('diabwc', 'E122', 1), ('diabwc', 'E123', 1), ('diabwc', 'E124', 1), ('diabwc', 'E125', 1), ('diabwc', 'E127', 1), ('diabwc', 'E132', 1), ('diabwc', 'E133', 1), ('diabwc', 'E134', 1), ('diabwc', 'E135', 1), ('diabwc', 'E137', 1), ('diabwc', 'E142', 1), ('diabwc', 'E143', 1), ('diabwc', 'E144', 1), ('diabwc', 'E145', 1), ('diabwc', 'E147', 1), ('hp', 'G041', 2), ('hp', 'G114', 2), ('hp', 'G801', 2), ('hp', 'G802', 2), ('hp', 'G830', 2), ('hp', 'G831', 2), ('hp', 'G832', 2), ('hp', 'G833', 2), ('hp', 'G834', 2), ('hp', 'G839', 2), ('rend', 'I120', 1), ('rend', 'I131', 1), ('rend', 'N032', 1), ('rend', 'N033', 1), ('rend', 'N034', 1), ('rend', 'N035', 1), ('rend', 'N036', 1), ('rend', 'N037', 1), ('rend', 'N052', 1), ('rend', 'N053', 1), ('rend', 'N054', 1), ('rend', 'N055', 1), ('rend', 'N056', 1), ('rend', 'N057', 1), ('rend', 'N250', 1), ('rend', 'Z490', 1), ('rend', 'Z491', 1), ('rend', 'Z492', 1), ('rend', 'Z940', 1), ('rend', 'Z992', 1), ('msld', 'I850', 4), ('msld', 'I859', 4), ('msld', 'I864', 4), ('msld', 'I982', 4), ('msld', 'K704', 4), ('msld', 'K711', 4), ('msld', 'K721', 4), ('msld', 'K729', 4), ('msld', 'K765', 4), ('msld', 'K766', 4), ('msld', 'K767', 4)) AS m(domain, prefix, weight) ON substr(x.code, 1, 4) = m.prefix
  WHERE s.admission_date <= DATE '2026-03-31') AS u) AS pd
  GROUP BY person_id;

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
  LEFT JOIN (SELECT person_id, max(CASE WHEN codelist_id IN ('gm-sde/hba1c') AND day > date_add('month', -12, DATE '2026-03-31') THEN 1 ELSE 0 END) = 1 AS hba1c, max(CASE WHEN codelist_id IN ('gm-sde/systolic-blood-pressure', 'gm-sde/diastolic-blood-pressure') AND day > date_add('month', -12, DATE '2026-03-31') THEN 1 ELSE 0 END) = 1 AS bp, max(CASE WHEN codelist_id IN ('gm-sde/cholesterol', 'gm-sde/cholesterol-hdl-ratio') AND day > date_add('month', -12, DATE '2026-03-31') THEN 1 ELSE 0 END) = 1 AS chol,
  max(CASE WHEN codelist_id IN ('gm-sde/creatinine', 'gm-sde/egfr') AND day > date_add('month', -12, DATE '2026-03-31') THEN 1 ELSE 0 END) = 1 AS creat, max(CASE WHEN codelist_id IN ('gm-sde/urinary-albumin-creatinine-ratio') AND day > date_add('month', -12, DATE '2026-03-31') THEN 1 ELSE 0 END) = 1 AS uacr, max(CASE WHEN codelist_id IN ('gm-sde/bmi') AND day > date_add('month', -12, DATE '2026-03-31') THEN 1 ELSE 0 END) = 1 AS bmi,
  max(CASE WHEN codelist_id IN ('gm-sde/smoking-status', 'gm-sde/smoking-status-current', 'gm-sde/smoking-status-ex', 'gm-sde/smoking-status-never') AND day > date_add('month', -12, DATE '2026-03-31') THEN 1 ELSE 0 END) = 1 AS smoking, max(CASE WHEN codelist_id IN ('derived/statins') AND day > date_add('month', -12, DATE '2026-03-31') THEN 1 ELSE 0 END) = 1 AS statin
  FROM _days GROUP BY person_id) AS c ON c.person_id = r.person_id
  LEFT JOIN (SELECT person_id, max(CASE WHEN codelist_id = 'gm-sde/hba1c' AND day > date_add('month', -12, DATE '2026-03-31') THEN value END) AS hba1c, max(CASE WHEN codelist_id = 'gm-sde/systolic-blood-pressure' AND day > date_add('month', -12, DATE '2026-03-31') THEN value END) AS sbp, max(CASE WHEN codelist_id = 'gm-sde/diastolic-blood-pressure' AND day > date_add('month', -12, DATE '2026-03-31') THEN value END) AS dbp
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
  WHERE m.coding_system = 'dmd' AND m.issue_date <= DATE '2026-03-31' AND m.issue_date > date_add('day', -183, DATE '2026-03-31')
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
  WHERE t.org_type = 'mental_health_trust' AND t.issue_date > date_add('day', -365, DATE '2026-03-31')
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
  WHERE e.coding_system = 'snomedct' AND e.value IS NOT NULL AND e.event_date <= DATE '2026-03-31' AND e.event_date > date_add('day', -365, DATE '2026-03-31')) AS x
  WHERE rn = 1) AS h ON h.person_id = p.person_id
  JOIN (SELECT person_id, count(DISTINCT code) AS n FROM medication_issue
  WHERE issue_date <= DATE '2026-03-31' AND issue_date > date_add('day', -365, DATE '2026-03-31') GROUP BY person_id) AS m ON m.person_id = p.person_id
  WHERE p.registered AND p.age >= 75 AND h.value < 53
  AND m.n >= 10) AS q;
