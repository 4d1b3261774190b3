SELECT b.person_id,
    CAST(CASE WHEN b.age BETWEEN 0 AND 0 THEN 1 ELSE 0 END AS DOUBLE) AS "age_0",
    CAST(CASE WHEN b.age BETWEEN 1 AND 4 THEN 1 ELSE 0 END AS DOUBLE) AS "age_1_4",
    CAST(CASE WHEN b.age BETWEEN 5 AND 15 THEN 1 ELSE 0 END AS DOUBLE) AS "age_5_15",
    CAST(CASE WHEN b.age BETWEEN 16 AND 29 THEN 1 ELSE 0 END AS DOUBLE) AS "age_16_29",
    CAST(CASE WHEN b.age BETWEEN 45 AND 59 THEN 1 ELSE 0 END AS DOUBLE) AS "age_45_59",
    CAST(CASE WHEN b.age BETWEEN 60 AND 69 THEN 1 ELSE 0 END AS DOUBLE) AS "age_60_69",
    CAST(CASE WHEN b.age BETWEEN 70 AND 79 THEN 1 ELSE 0 END AS DOUBLE) AS "age_70_79",
    CAST(CASE WHEN b.age BETWEEN 80 AND 89 THEN 1 ELSE 0 END AS DOUBLE) AS "age_80_89",
    CAST(CASE WHEN b.age BETWEEN 90 AND 200 THEN 1 ELSE 0 END AS DOUBLE) AS "age_90_plus",
    CAST((b.age - 50) / 10.0 AS DOUBLE) AS "age_decades",
    CAST(CASE WHEN p.sex = 'F' THEN 1 ELSE 0 END AS DOUBLE) AS "female",
    CAST(coalesce((10 - l.imd_decile) / 9.0, 0.5) AS DOUBLE) AS "deprivation",
    CAST(CASE WHEN l.imd_decile IS NULL THEN 1 ELSE 0 END AS DOUBLE) AS "imd_unknown",
    CAST(coalesce(rg.r_af, 0) AS DOUBLE) AS "register_af",
    CAST(coalesce(rg.r_ast, 0) AS DOUBLE) AS "register_ast",
    CAST(coalesce(rg.r_chd, 0) AS DOUBLE) AS "register_chd",
    CAST(coalesce(rg.r_ckd, 0) AS DOUBLE) AS "register_ckd",
    CAST(coalesce(rg.r_copd, 0) AS DOUBLE) AS "register_copd",
    CAST(coalesce(rg.r_dem, 0) AS DOUBLE) AS "register_dem",
    CAST(coalesce(rg.r_dep, 0) AS DOUBLE) AS "register_dep",
    CAST(coalesce(rg.r_dm, 0) AS DOUBLE) AS "register_dm",
    CAST(coalesce(rg.r_ep, 0) AS DOUBLE) AS "register_ep",
    CAST(coalesce(rg.r_hf, 0) AS DOUBLE) AS "register_hf",
    CAST(coalesce(rg.r_hyp, 0) AS DOUBLE) AS "register_hyp",
    CAST(coalesce(rg.r_ld, 0) AS DOUBLE) AS "register_ld",
    CAST(coalesce(rg.r_mh, 0) AS DOUBLE) AS "register_mh",
    CAST(coalesce(rg.r_ost, 0) AS DOUBLE) AS "register_ost",
    CAST(coalesce(rg.r_pad, 0) AS DOUBLE) AS "register_pad",
    CAST(coalesce(rg.r_pc, 0) AS DOUBLE) AS "register_pc",
    CAST(coalesce(rg.r_ra, 0) AS DOUBLE) AS "register_ra",
    CAST(coalesce(rg.r_stia, 0) AS DOUBLE) AS "register_stia",
    CAST(coalesce(rg.r_can, 0) AS DOUBLE) AS "register_can",
    CAST(coalesce(rg.r_ndh, 0) AS DOUBLE) AS "register_ndh",
    CAST(coalesce(rg.multimorbidity, 0) AS DOUBLE) AS "multimorbidity",
    CAST(coalesce(fx.deficits, 0) AS DOUBLE) AS "efi_deficits_12m",
    CAST(coalesce(gp.frailty_ms, 0) AS DOUBLE) AS "frailty_moderate_severe_12m",
    CAST(coalesce(hs.emergency_admissions_3m, 0) AS DOUBLE) AS "emergency_admissions_3m",
    CAST(coalesce(hs.emergency_admissions_6m, 0) AS DOUBLE) AS "emergency_admissions_6m",
    CAST(coalesce(hs.emergency_admissions_12m, 0) AS DOUBLE) AS "emergency_admissions_12m",
    CAST(coalesce(hs.emergency_admissions_24m, 0) AS DOUBLE) AS "emergency_admissions_24m",
    CAST(coalesce(hs.emergency_bed_days_12m, 0) AS DOUBLE) AS "emergency_bed_days_12m",
    CAST(coalesce(hs.elective_admissions_12m, 0) AS DOUBLE) AS "elective_admissions_12m",
    CAST(coalesce(hs.elective_admissions_24m, 0) AS DOUBLE) AS "elective_admissions_24m",
    CAST(coalesce(ae.ae_attendances_3m, 0) AS DOUBLE) AS "ae_attendances_3m",
    CAST(coalesce(ae.ae_attendances_6m, 0) AS DOUBLE) AS "ae_attendances_6m",
    CAST(coalesce(ae.ae_attendances_12m, 0) AS DOUBLE) AS "ae_attendances_12m",
    CAST(coalesce(ae.ae_attendances_24m, 0) AS DOUBLE) AS "ae_attendances_24m",
    CAST(coalesce(op.outpatient_attendances_3m, 0) AS DOUBLE) AS "outpatient_attendances_3m",
    CAST(coalesce(op.outpatient_attendances_6m, 0) AS DOUBLE) AS "outpatient_attendances_6m",
    CAST(coalesce(op.outpatient_attendances_12m, 0) AS DOUBLE) AS "outpatient_attendances_12m",
    CAST(coalesce(op.outpatient_attendances_24m, 0) AS DOUBLE) AS "outpatient_attendances_24m",
    CAST(coalesce(op.dna_12m, 0) AS DOUBLE) AS "outpatient_dna_12m",
    CAST(coalesce(cc.contacts_12m, 0) AS DOUBLE) AS "community_contacts_12m",
    CAST(coalesce(mi.medicines, 0) AS DOUBLE) AS "medicines_12m",
    CAST(CASE WHEN mi.medicines >= 10 THEN 1 ELSE 0 END AS DOUBLE) AS "polypharmacy_10",
    CAST(CASE WHEN gp.hba1c >= 58 THEN 1 ELSE 0 END AS DOUBLE) AS "hba1c_58_plus",
    CAST(CASE WHEN gp.systolic >= 160 THEN 1 ELSE 0 END AS DOUBLE) AS "systolic_160_plus",
    CAST(CASE WHEN gp.egfr < 45 THEN 1 ELSE 0 END AS DOUBLE) AS "egfr_below_45",
    CAST(CASE WHEN gp.bmi >= 35 THEN 1 ELSE 0 END AS DOUBLE) AS "bmi_35_plus",
    CAST(CASE WHEN gp.bmi < 18.5 THEN 1 ELSE 0 END AS DOUBLE) AS "bmi_below_18_5",
    CAST(coalesce(gp.current_smoker, 0) AS DOUBLE) AS "current_smoker",
    CAST(CASE WHEN sc.care_home = 1 OR gp.care_home_code = 1 THEN 1 ELSE 0 END AS DOUBLE) AS "care_home",
    CAST(coalesce(sc.social_care, 0) AS DOUBLE) AS "social_care",
    CAST(coalesce(sc.bin, 0) AS DOUBLE) AS "assisted_bin_collection",
    CAST(coalesce(sc.blue_badge, 0) AS DOUBLE) AS "blue_badge",
    CAST(coalesce(hs.maternity_12m, 0) AS DOUBLE) AS maternity_12m,
    CASE WHEN coalesce(fo.emergency, 0) > 0 THEN 1.0 ELSE 0.0 END AS y_admission,
    CAST(coalesce(fo.emergency, 0) AS DOUBLE) AS emergency_admissions,
    CAST(coalesce(fo.spell_cost, 0) + coalesce(fa.cost, 0) + coalesce(fp.cost, 0) AS DOUBLE) AS spend,
    CASE WHEN coalesce(dx.death_date, p.death_date) > DATE '2025-03-31' AND coalesce(dx.death_date, p.death_date) <= CAST((DATE '2025-03-31') + INTERVAL (12) MONTH AS DATE) THEN 1.0 ELSE 0.0 END AS y_death
  FROM _risk_base AS b
  JOIN person AS p ON p.person_id = b.person_id
  LEFT JOIN lsoa AS l ON l.lsoa_code = p.lsoa_code
  LEFT JOIN death AS dx ON dx.person_id = b.person_id
  LEFT JOIN (SELECT person_id,
      count(*) FILTER (WHERE admission_method = 'emergency' AND admission_date > CAST((DATE '2025-03-31') + INTERVAL (-3) MONTH AS DATE)) AS emergency_admissions_3m,
      count(*) FILTER (WHERE admission_method = 'emergency' AND admission_date > CAST((DATE '2025-03-31') + INTERVAL (-6) MONTH AS DATE)) AS emergency_admissions_6m,
      count(*) FILTER (WHERE admission_method = 'emergency' AND admission_date > CAST((DATE '2025-03-31') + INTERVAL (-12) MONTH AS DATE)) AS emergency_admissions_12m,
      count(*) FILTER (WHERE admission_method = 'emergency' AND admission_date > CAST((DATE '2025-03-31') + INTERVAL (-24) MONTH AS DATE)) AS emergency_admissions_24m,
      count(*) FILTER (WHERE admission_method = 'elective' AND admission_date > CAST((DATE '2025-03-31') + INTERVAL (-12) MONTH AS DATE)) AS elective_admissions_12m,
      count(*) FILTER (WHERE admission_method = 'elective' AND admission_date > CAST((DATE '2025-03-31') + INTERVAL (-24) MONTH AS DATE)) AS elective_admissions_24m,
      count(*) FILTER (WHERE admission_method = 'maternity' AND admission_date > CAST((DATE '2025-03-31') + INTERVAL (-12) MONTH AS DATE)) AS maternity_12m,
      sum(length_of_stay) FILTER (WHERE admission_method = 'emergency' AND admission_date > CAST((DATE '2025-03-31') + INTERVAL (-12) MONTH AS DATE)) AS emergency_bed_days_12m
    FROM hospital_spell WHERE admission_date > CAST((DATE '2025-03-31') + INTERVAL (-24) MONTH AS DATE) AND admission_date <= DATE '2025-03-31' GROUP BY person_id) AS hs ON hs.person_id = b.person_id
  LEFT JOIN (SELECT person_id, count(*) FILTER (WHERE TRUE AND arrival_date > CAST((DATE '2025-03-31') + INTERVAL (-3) MONTH AS DATE)) AS ae_attendances_3m,
      count(*) FILTER (WHERE TRUE AND arrival_date > CAST((DATE '2025-03-31') + INTERVAL (-6) MONTH AS DATE)) AS ae_attendances_6m,
      count(*) FILTER (WHERE TRUE AND arrival_date > CAST((DATE '2025-03-31') + INTERVAL (-12) MONTH AS DATE)) AS ae_attendances_12m,
      count(*) FILTER (WHERE TRUE AND arrival_date > CAST((DATE '2025-03-31') + INTERVAL (-24) MONTH AS DATE)) AS ae_attendances_24m
    FROM ae_attendance WHERE arrival_date > CAST((DATE '2025-03-31') + INTERVAL (-24) MONTH AS DATE) AND arrival_date <= DATE '2025-03-31' GROUP BY person_id) AS ae ON ae.person_id = b.person_id
  LEFT JOIN (SELECT person_id, count(*) FILTER (WHERE attended AND appointment_date > CAST((DATE '2025-03-31') + INTERVAL (-3) MONTH AS DATE)) AS outpatient_attendances_3m,
      count(*) FILTER (WHERE attended AND appointment_date > CAST((DATE '2025-03-31') + INTERVAL (-6) MONTH AS DATE)) AS outpatient_attendances_6m,
      count(*) FILTER (WHERE attended AND appointment_date > CAST((DATE '2025-03-31') + INTERVAL (-12) MONTH AS DATE)) AS outpatient_attendances_12m,
      count(*) FILTER (WHERE attended AND appointment_date > CAST((DATE '2025-03-31') + INTERVAL (-24) MONTH AS DATE)) AS outpatient_attendances_24m,
      count(*) FILTER (WHERE NOT attended AND appointment_date > CAST((DATE '2025-03-31') + INTERVAL (-12) MONTH AS DATE)) AS dna_12m
    FROM outpatient_attendance WHERE appointment_date > CAST((DATE '2025-03-31') + INTERVAL (-24) MONTH AS DATE) AND appointment_date <= DATE '2025-03-31' GROUP BY person_id) AS op ON op.person_id = b.person_id
  LEFT JOIN (SELECT person_id, count(*) AS contacts_12m FROM community_contact
    WHERE contact_date > CAST((DATE '2025-03-31') + INTERVAL (-12) MONTH AS DATE) AND contact_date <= DATE '2025-03-31' GROUP BY person_id) AS cc ON cc.person_id = b.person_id
  LEFT JOIN (SELECT person_id, count(DISTINCT code) AS medicines FROM medication_issue
    WHERE issue_date > CAST((DATE '2025-03-31') + INTERVAL (-12) MONTH AS DATE) AND issue_date <= DATE '2025-03-31' GROUP BY person_id) AS mi ON mi.person_id = b.person_id
  LEFT JOIN (SELECT e.person_id, count(DISTINCT x.deficit) AS deficits FROM gp_event AS e
    JOIN _risk_efi_code AS x ON x.code = e.code
    WHERE e.coding_system = 'snomedct' AND e.event_date > CAST((DATE '2025-03-31') + INTERVAL (-12) MONTH AS DATE) AND e.event_date <= DATE '2025-03-31' GROUP BY e.person_id) AS fx ON fx.person_id = b.person_id
  LEFT JOIN (SELECT person_id,
      max(CASE WHEN code = '999791000000106' THEN value END) AS hba1c,
      max(CASE WHEN code = '72313002' THEN value END) AS systolic,
      max(CASE WHEN code = '1011481000000105' THEN value END) AS egfr,
      max(CASE WHEN code = '60621009' THEN value END) AS bmi,
      max(CASE WHEN code IN ('77176002', '160617001', '266919005') THEN CASE WHEN code = '77176002' THEN 1 ELSE 0 END END) AS current_smoker,
      max(CASE WHEN code IN ('925831000000107', '925861000000102') AND event_date > CAST((DATE '2025-03-31') + INTERVAL (-12) MONTH AS DATE) THEN 1 ELSE 0 END) AS frailty_ms,
      max(CASE WHEN code = '160734000' AND event_date > CAST((DATE '2025-03-31') + INTERVAL (-12) MONTH AS DATE) THEN 1 ELSE 0 END) AS care_home_code
    FROM (SELECT person_id, code, value, event_date,
        row_number() OVER (PARTITION BY person_id, CASE WHEN code IN ('77176002', '160617001', '266919005') THEN 'smoking' ELSE code END ORDER BY event_date DESC, code, value DESC) AS k
      FROM gp_event
      WHERE coding_system = 'snomedct' AND event_date <= DATE '2025-03-31'
        AND (code IN ('77176002', '160617001', '266919005')
          OR (code IN ('999791000000106', '72313002', '1011481000000105', '60621009', '925831000000107', '925861000000102', '160734000')
            AND event_date > CAST((DATE '2025-03-31') + INTERVAL (-12) MONTH AS DATE)))) AS latest
    WHERE k = 1 GROUP BY person_id) AS gp ON gp.person_id = b.person_id
  LEFT JOIN (SELECT person_id,
      max(CASE WHEN service_type IN ('residential_care', 'nursing_care') THEN 1 ELSE 0 END) AS care_home,
      max(CASE WHEN service_type IN ('home_care', 'reablement', 'meals') THEN 1 ELSE 0 END) AS social_care,
      max(CASE WHEN service_type = 'assisted_bin_collection' THEN 1 ELSE 0 END) AS bin,
      max(CASE WHEN service_type = 'blue_badge' THEN 1 ELSE 0 END) AS blue_badge
    FROM social_care_service WHERE start_date <= DATE '2025-03-31' AND (end_date IS NULL OR end_date > DATE '2025-03-31')
    GROUP BY person_id) AS sc ON sc.person_id = b.person_id
  LEFT JOIN (SELECT person_id, max(CASE WHEN register = 'AF' THEN 1 ELSE 0 END) AS r_af, max(CASE WHEN register = 'AST' THEN 1 ELSE 0 END) AS r_ast, max(CASE WHEN register = 'CHD' THEN 1 ELSE 0 END) AS r_chd, max(CASE WHEN register = 'CKD' THEN 1 ELSE 0 END) AS r_ckd, max(CASE WHEN register = 'COPD' THEN 1 ELSE 0 END) AS r_copd, max(CASE WHEN register = 'DEM' THEN 1 ELSE 0 END) AS r_dem, max(CASE WHEN register = 'DEP' THEN 1 ELSE 0 END) AS r_dep, max(CASE WHEN register = 'DM' THEN 1 ELSE 0 END) AS r_dm, max(CASE WHEN register = 'EP' THEN 1 ELSE 0 END) AS r_ep, max(CASE WHEN register = 'HF' THEN 1 ELSE 0 END) AS r_hf, max(CASE WHEN register = 'HYP' THEN 1 ELSE 0 END) AS r_hyp, max(CASE WHEN register = 'LD' THEN 1 ELSE 0 END) AS r_ld, max(CASE WHEN register = 'MH' THEN 1 ELSE 0 END) AS r_mh, max(CASE WHEN register = 'OST' THEN 1 ELSE 0 END) AS r_ost, max(CASE WHEN register = 'PAD' THEN 1 ELSE 0 END) AS r_pad, max(CASE WHEN register = 'PC' THEN 1 ELSE 0 END) AS r_pc, max(CASE WHEN register = 'RA' THEN 1 ELSE 0 END) AS r_ra, max(CASE WHEN register = 'STIA' THEN 1 ELSE 0 END) AS r_stia, max(CASE WHEN register = 'CAN' THEN 1 ELSE 0 END) AS r_can, max(CASE WHEN register = 'NDH' THEN 1 ELSE 0 END) AS r_ndh,
      count(*) FILTER (WHERE register IN ('AF', 'AST', 'CHD', 'CKD', 'COPD', 'DEM', 'DEP', 'DM', 'EP', 'HF', 'HYP', 'MH', 'OST', 'PAD', 'RA', 'STIA', 'CAN')) AS multimorbidity
    FROM _risk_register GROUP BY person_id) AS rg ON rg.person_id = b.person_id
  LEFT JOIN (SELECT person_id, count(*) FILTER (WHERE admission_method = 'emergency') AS emergency, sum(cost) AS spell_cost
    FROM hospital_spell WHERE admission_date > DATE '2025-03-31' AND admission_date <= CAST((DATE '2025-03-31') + INTERVAL (12) MONTH AS DATE) GROUP BY person_id) AS fo ON fo.person_id = b.person_id
  LEFT JOIN (SELECT person_id, sum(cost) AS cost FROM ae_attendance
    WHERE arrival_date > DATE '2025-03-31' AND arrival_date <= CAST((DATE '2025-03-31') + INTERVAL (12) MONTH AS DATE) GROUP BY person_id) AS fa ON fa.person_id = b.person_id
  LEFT JOIN (SELECT person_id, sum(cost) AS cost FROM outpatient_attendance
    WHERE attended AND appointment_date > DATE '2025-03-31' AND appointment_date <= CAST((DATE '2025-03-31') + INTERVAL (12) MONTH AS DATE) GROUP BY person_id) AS fp ON fp.person_id = b.person_id
  WHERE b.registered
