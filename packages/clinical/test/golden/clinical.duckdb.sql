-- clinical events (_clin)
SELECT e.person_id, cc.codelist_id, e.event_date AS day, e.value, NULL AS source_org
  FROM gp_event AS e
  JOIN codelist_code AS cc ON cc.code = e.code AND cc.codelist_id IN ('gm-sde/sle', 'gm-sde/gestational-diabetes', 'gm-sde/polycystic-ovarian-syndrome', 'gm-sde/cholesterol-hdl-ratio', 'gm-sde/systolic-blood-pressure', 'gm-sde/diastolic-blood-pressure', 'gm-sde/hba1c', 'gm-sde/cholesterol', 'gm-sde/creatinine', 'gm-sde/egfr', 'gm-sde/urinary-albumin-creatinine-ratio', 'gm-sde/bmi', 'gm-sde/smoking-status', 'gm-sde/smoking-status-current', 'gm-sde/smoking-status-ex', 'gm-sde/smoking-status-never', 'derived/diabetes-foot-examination', 'derived/diabetes-retinal-screening')
  JOIN codelist AS cl ON cl.codelist_id = cc.codelist_id AND cl.coding_system = e.coding_system
  WHERE e.event_date <= DATE '2026-03-31' AND e.event_date > CAST((DATE '2026-03-31') + INTERVAL (-60) MONTH AS DATE)
  UNION ALL
  SELECT m.person_id, cc.codelist_id, m.issue_date, NULL, m.source_org
  FROM medication_issue AS m
  JOIN codelist_code AS cc ON cc.code = m.code AND cc.codelist_id IN ('gm-sde/antipsychotics', 'gm-sde/corticosteroid', 'gm-sde/clozapine', 'derived/statins', 'derived/antihypertensives', 'inhalers-dmd/ics_asthma', 'inhalers-dmd/laba_single_codelist', 'inhalers-dmd/laba_ics_codelist', 'inhalers-dmd/lama_laba_codelist', 'inhalers-dmd/lama_single_codelist', 'inhalers-dmd/lama_multi_codelist', 'inhalers-dmd/lama_triple_codelist')
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
SELECT b.person_id, b.age, p.sex, p.ethnicity_code, rg.af, rg.ckd, rg.smi, rg.ra, rg.ld, rg.cvd,
  rg.hyp AS hypertension, rg.diabetes, fl.sle, fl.gdm, fl.pcos, fl.antipsychotics, fl.corticosteroids,
  fl.antihypertensives, fl.statins, fl.smoking, lt.bmi, lt.sbp, sd.sbp_sd, lt.chol_ratio, lt.hba1c,
  l.townsend
  FROM _person_base AS b
  JOIN person AS p ON p.person_id = b.person_id
  LEFT JOIN lsoa AS l ON l.lsoa_code = p.lsoa_code
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

-- QRISK3 / QDiabetes from the inputs (imputation, model choice, equations)
SELECT person_id, CASE WHEN q_sex = 'female' THEN 100 * (1 - power(CAST('0.988876402378082' AS DOUBLE), exp(CASE q_ethnicity WHEN 0 THEN CAST('0' AS DOUBLE) WHEN 1 THEN CAST('0' AS DOUBLE) WHEN 2 THEN CAST('0.28040314332995425' AS DOUBLE) WHEN 3 THEN CAST('0.562989941420754' AS DOUBLE) WHEN 4 THEN CAST('0.29590000851116516' AS DOUBLE) WHEN 5 THEN CAST('0.07278537987798255' AS DOUBLE) WHEN 6 THEN CAST('-0.17072135508857317' AS DOUBLE) WHEN 7 THEN CAST('-0.3937104331487497' AS DOUBLE) WHEN 8 THEN CAST('-0.3263249528353027' AS DOUBLE) WHEN 9 THEN CAST('-0.17127056883241784' AS DOUBLE) ELSE 0 END
  + CASE q_smoking WHEN 0 THEN CAST('0' AS DOUBLE) WHEN 1 THEN CAST('0.13386833786546262' AS DOUBLE) WHEN 2 THEN CAST('0.5620085801243854' AS DOUBLE) WHEN 3 THEN CAST('0.6674959337750255' AS DOUBLE) WHEN 4 THEN CAST('0.8494817764483085' AS DOUBLE) ELSE 0 END
  + CAST('-8.138810924772619' AS DOUBLE) * _q_age_1
  + CAST('0.797333766896991' AS DOUBLE) * _q_age_2
  + CAST('0.2923609227546005' AS DOUBLE) * _q_bmi_1
  + CAST('-4.1513300213837665' AS DOUBLE) * _q_bmi_2
  + CAST('0.15338035820802554' AS DOUBLE) * _q_rati
  + CAST('0.013131488407103424' AS DOUBLE) * _q_sbp
  + CAST('0.00788945410145861' AS DOUBLE) * _q_sbps5
  + CAST('0.07722379058859011' AS DOUBLE) * _q_town
  + CAST('1.5923354969269663' AS DOUBLE) * _q_b_af
  + CAST('0.25237642070115557' AS DOUBLE) * _q_b_atypicalantipsy
  + CAST('0.5952072530460185' AS DOUBLE) * _q_b_corticosteroids
  + CAST('0.301267260870345' AS DOUBLE) * _q_b_migraine
  + CAST('0.21364803435181942' AS DOUBLE) * _q_b_ra
  + CAST('0.6519456949384583' AS DOUBLE) * _q_b_renal
  + CAST('0.12555308058820178' AS DOUBLE) * _q_b_semi
  + CAST('0.7588093865426769' AS DOUBLE) * _q_b_sle
  + CAST('0.50931593683423' AS DOUBLE) * _q_b_treatedhyp
  + CAST('1.7267977510537347' AS DOUBLE) * _q_b_type1
  + CAST('1.0688773244615468' AS DOUBLE) * _q_b_type2
  + CAST('0.45445319020896213' AS DOUBLE) * _q_fh_cvd
  + CAST('-4.705716178585189' AS DOUBLE) * _q_age_1 * _q_smoke_cat_1
  + CAST('-2.7430383403573337' AS DOUBLE) * _q_age_1 * _q_smoke_cat_2
  + CAST('-0.8660808882939218' AS DOUBLE) * _q_age_1 * _q_smoke_cat_3
  + CAST('0.9024156236971065' AS DOUBLE) * _q_age_1 * _q_smoke_cat_4
  + CAST('19.93803488954656' AS DOUBLE) * _q_age_1 * _q_b_af
  + CAST('-0.9840804523593628' AS DOUBLE) * _q_age_1 * _q_b_corticosteroids
  + CAST('1.7634979587872999' AS DOUBLE) * _q_age_1 * _q_b_migraine
  + CAST('-3.5874047731694114' AS DOUBLE) * _q_age_1 * _q_b_renal
  + CAST('19.690303738638292' AS DOUBLE) * _q_age_1 * _q_b_sle
  + CAST('11.872809733921812' AS DOUBLE) * _q_age_1 * _q_b_treatedhyp
  + CAST('-1.2444332714320747' AS DOUBLE) * _q_age_1 * _q_b_type1
  + CAST('6.86523420000096' AS DOUBLE) * _q_age_1 * _q_b_type2
  + CAST('23.80262341214174' AS DOUBLE) * _q_age_1 * _q_bmi_1
  + CAST('-71.18494769208701' AS DOUBLE) * _q_age_1 * _q_bmi_2
  + CAST('0.9946780794043513' AS DOUBLE) * _q_age_1 * _q_fh_cvd
  + CAST('0.034131842338615485' AS DOUBLE) * _q_age_1 * _q_sbp
  + CAST('-1.0301180802035639' AS DOUBLE) * _q_age_1 * _q_town
  + CAST('-0.07558924464319303' AS DOUBLE) * _q_age_2 * _q_smoke_cat_1
  + CAST('-0.11951192874867074' AS DOUBLE) * _q_age_2 * _q_smoke_cat_2
  + CAST('-0.10366306397571923' AS DOUBLE) * _q_age_2 * _q_smoke_cat_3
  + CAST('-0.1399185359171839' AS DOUBLE) * _q_age_2 * _q_smoke_cat_4
  + CAST('-0.0761826510111625' AS DOUBLE) * _q_age_2 * _q_b_af
  + CAST('-0.12005364946742472' AS DOUBLE) * _q_age_2 * _q_b_corticosteroids
  + CAST('-0.06558691789869986' AS DOUBLE) * _q_age_2 * _q_b_migraine
  + CAST('-0.22688873086442507' AS DOUBLE) * _q_age_2 * _q_b_renal
  + CAST('0.07734794967901627' AS DOUBLE) * _q_age_2 * _q_b_sle
  + CAST('0.0009685782358817444' AS DOUBLE) * _q_age_2 * _q_b_treatedhyp
  + CAST('-0.2872406462448895' AS DOUBLE) * _q_age_2 * _q_b_type1
  + CAST('-0.09711225259069549' AS DOUBLE) * _q_age_2 * _q_b_type2
  + CAST('0.5236995893366443' AS DOUBLE) * _q_age_2 * _q_bmi_1
  + CAST('0.04574419012232376' AS DOUBLE) * _q_age_2 * _q_bmi_2
  + CAST('-0.07688505169842304' AS DOUBLE) * _q_age_2 * _q_fh_cvd
  + CAST('-0.0015082501423272358' AS DOUBLE) * _q_age_2 * _q_sbp
  + CAST('-0.03159341467496233' AS DOUBLE) * _q_age_2 * _q_town)))
  WHEN q_sex = 'male' THEN 100 * (1 - power(CAST('0.977268040180206' AS DOUBLE), exp(CASE q_ethnicity WHEN 0 THEN CAST('0' AS DOUBLE) WHEN 1 THEN CAST('0' AS DOUBLE) WHEN 2 THEN CAST('0.2771924876030828' AS DOUBLE) WHEN 3 THEN CAST('0.4744636071493127' AS DOUBLE) WHEN 4 THEN CAST('0.5296172991968937' AS DOUBLE) WHEN 5 THEN CAST('0.03510015918629902' AS DOUBLE) WHEN 6 THEN CAST('-0.3580789966932792' AS DOUBLE) WHEN 7 THEN CAST('-0.4005648523216514' AS DOUBLE) WHEN 8 THEN CAST('-0.41522792889830173' AS DOUBLE) WHEN 9 THEN CAST('-0.26321348134749967' AS DOUBLE) ELSE 0 END
  + CASE q_smoking WHEN 0 THEN CAST('0' AS DOUBLE) WHEN 1 THEN CAST('0.19128222863388983' AS DOUBLE) WHEN 2 THEN CAST('0.5524158819264555' AS DOUBLE) WHEN 3 THEN CAST('0.6383505302750607' AS DOUBLE) WHEN 4 THEN CAST('0.7898381988185802' AS DOUBLE) ELSE 0 END
  + CAST('-17.839781666005575' AS DOUBLE) * _q_age_1
  + CAST('0.002296488060576549' AS DOUBLE) * _q_age_2
  + CAST('2.456277666053636' AS DOUBLE) * _q_bmi_1
  + CAST('-8.301112231471135' AS DOUBLE) * _q_bmi_2
  + CAST('0.1734019685632711' AS DOUBLE) * _q_rati
  + CAST('0.012910126542553305' AS DOUBLE) * _q_sbp
  + CAST('0.010251914291290456' AS DOUBLE) * _q_sbps5
  + CAST('0.033268201277287295' AS DOUBLE) * _q_town
  + CAST('0.8820923692805466' AS DOUBLE) * _q_b_af
  + CAST('0.13046879855173513' AS DOUBLE) * _q_b_atypicalantipsy
  + CAST('0.45485399750445543' AS DOUBLE) * _q_b_corticosteroids
  + CAST('0.22251859086705383' AS DOUBLE) * _q_b_impotence2
  + CAST('0.25584178074159913' AS DOUBLE) * _q_b_migraine
  + CAST('0.20970658013956567' AS DOUBLE) * _q_b_ra
  + CAST('0.7185326128827438' AS DOUBLE) * _q_b_renal
  + CAST('0.12133039882047164' AS DOUBLE) * _q_b_semi
  + CAST('0.4401572174457522' AS DOUBLE) * _q_b_sle
  + CAST('0.5165987108269547' AS DOUBLE) * _q_b_treatedhyp
  + CAST('1.2343425521675175' AS DOUBLE) * _q_b_type1
  + CAST('0.8594207143093222' AS DOUBLE) * _q_b_type2
  + CAST('0.5405546900939016' AS DOUBLE) * _q_fh_cvd
  + CAST('-0.21011133933516346' AS DOUBLE) * _q_age_1 * _q_smoke_cat_1
  + CAST('0.7526867644750319' AS DOUBLE) * _q_age_1 * _q_smoke_cat_2
  + CAST('0.9931588755640579' AS DOUBLE) * _q_age_1 * _q_smoke_cat_3
  + CAST('2.1331163414389076' AS DOUBLE) * _q_age_1 * _q_smoke_cat_4
  + CAST('3.4896675530623207' AS DOUBLE) * _q_age_1 * _q_b_af
  + CAST('1.1708133653489108' AS DOUBLE) * _q_age_1 * _q_b_corticosteroids
  + CAST('-1.506400985745431' AS DOUBLE) * _q_age_1 * _q_b_impotence2
  + CAST('2.349115987140244' AS DOUBLE) * _q_age_1 * _q_b_migraine
  + CAST('-0.5065671632722369' AS DOUBLE) * _q_age_1 * _q_b_renal
  + CAST('6.511458109853267' AS DOUBLE) * _q_age_1 * _q_b_treatedhyp
  + CAST('5.337986487800653' AS DOUBLE) * _q_age_1 * _q_b_type1
  + CAST('3.646181740622131' AS DOUBLE) * _q_age_1 * _q_b_type2
  + CAST('31.004952956033886' AS DOUBLE) * _q_age_1 * _q_bmi_1
  + CAST('-111.29157184391643' AS DOUBLE) * _q_age_1 * _q_bmi_2
  + CAST('2.7808628508531887' AS DOUBLE) * _q_age_1 * _q_fh_cvd
  + CAST('0.018858524469865853' AS DOUBLE) * _q_age_1 * _q_sbp
  + CAST('-0.1007554870063731' AS DOUBLE) * _q_age_1 * _q_town
  + CAST('-0.0004985487027532612' AS DOUBLE) * _q_age_2 * _q_smoke_cat_1
  + CAST('-0.0007987563331738541' AS DOUBLE) * _q_age_2 * _q_smoke_cat_2
  + CAST('-0.000837061842662513' AS DOUBLE) * _q_age_2 * _q_smoke_cat_3
  + CAST('-0.0007840031915563729' AS DOUBLE) * _q_age_2 * _q_smoke_cat_4
  + CAST('-0.0003499560834063605' AS DOUBLE) * _q_age_2 * _q_b_af
  + CAST('-0.0002496045095297166' AS DOUBLE) * _q_age_2 * _q_b_corticosteroids
  + CAST('-0.0011058218441227373' AS DOUBLE) * _q_age_2 * _q_b_impotence2
  + CAST('0.0001989644604147863' AS DOUBLE) * _q_age_2 * _q_b_migraine
  + CAST('-0.0018325930166498813' AS DOUBLE) * _q_age_2 * _q_b_renal
  + CAST('0.0006383805310416501' AS DOUBLE) * _q_age_2 * _q_b_treatedhyp
  + CAST('0.0006409780808752897' AS DOUBLE) * _q_age_2 * _q_b_type1
  + CAST('-0.00024695695588868315' AS DOUBLE) * _q_age_2 * _q_b_type2
  + CAST('0.005038010235632203' AS DOUBLE) * _q_age_2 * _q_bmi_1
  + CAST('-0.013074483002524319' AS DOUBLE) * _q_age_2 * _q_bmi_2
  + CAST('-0.0002479180990739604' AS DOUBLE) * _q_age_2 * _q_fh_cvd
  + CAST('-0.00001271874191588457' AS DOUBLE) * _q_age_2 * _q_sbp
  + CAST('-0.00009329964232327289' AS DOUBLE) * _q_age_2 * _q_town))) END AS qrisk3_10y_percent, qrisk3_imputed,
  CASE WHEN qdiabetes_model = 'A' AND d_sex = 'female' THEN 100 * (1 - power(CAST('0.98622727394104' AS DOUBLE), exp(CASE d_ethnicity WHEN 0 THEN CAST('0' AS DOUBLE) WHEN 1 THEN CAST('0' AS DOUBLE) WHEN 2 THEN CAST('1.0695857881565456' AS DOUBLE) WHEN 3 THEN CAST('1.3430172097414006' AS DOUBLE) WHEN 4 THEN CAST('1.8029022579794518' AS DOUBLE) WHEN 5 THEN CAST('1.127465451770802' AS DOUBLE) WHEN 6 THEN CAST('0.421463149023991' AS DOUBLE) WHEN 7 THEN CAST('0.2850919645908353' AS DOUBLE) WHEN 8 THEN CAST('0.88151087975892' AS DOUBLE) WHEN 9 THEN CAST('0.3660573343168487' AS DOUBLE) ELSE 0 END
  + CASE d_smoking WHEN 0 THEN CAST('0' AS DOUBLE) WHEN 1 THEN CAST('0.06560169017505905' AS DOUBLE) WHEN 2 THEN CAST('0.28450988673698374' AS DOUBLE) WHEN 3 THEN CAST('0.3567664381700702' AS DOUBLE) WHEN 4 THEN CAST('0.5359517110678775' AS DOUBLE) ELSE 0 END
  + CAST('4.340085269913928' AS DOUBLE) * _d_age_1
  + CAST('-0.004877170269615888' AS DOUBLE) * _d_age_2
  + CAST('2.9320361259524925' AS DOUBLE) * _d_bmi_1
  + CAST('-0.04740020587484349' AS DOUBLE) * _d_bmi_2
  + CAST('0.03734056961804915' AS DOUBLE) * _d_tds
  + CAST('0.5526764611098438' AS DOUBLE) * _d_apsy
  + CAST('0.267922336806746' AS DOUBLE) * _d_ster
  + CAST('0.1779722905458669' AS DOUBLE) * _d_cvd
  + CAST('1.5248871531467574' AS DOUBLE) * _d_gdm
  + CAST('0.27835143587172717' AS DOUBLE) * _d_learn
  + CAST('0.2618085210917906' AS DOUBLE) * _d_psy
  + CAST('0.3406173988206666' AS DOUBLE) * _d_pcos
  + CAST('0.6590728773280822' AS DOUBLE) * _d_stat
  + CAST('0.4394758285813712' AS DOUBLE) * _d_htn
  + CAST('0.5313359456558734' AS DOUBLE) * _d_fhdm
  + CAST('-0.8031518398316395' AS DOUBLE) * _d_age_1 * _d_apsy
  + CAST('0.000468404118102105' AS DOUBLE) * _d_age_2 * _d_apsy
  + CAST('-0.8641596002882057' AS DOUBLE) * _d_age_1 * _d_learn
  + CAST('0.000672496880895336' AS DOUBLE) * _d_age_2 * _d_learn
  + CAST('-1.9757776696583935' AS DOUBLE) * _d_age_1 * _d_stat
  + CAST('0.0023750534194347966' AS DOUBLE) * _d_age_2 * _d_stat
  + CAST('0.6553138757562945' AS DOUBLE) * _d_age_1 * _d_bmi_1
  + CAST('-0.004471966244526305' AS DOUBLE) * _d_age_2 * _d_bmi_1
  + CAST('-0.03620965720163018' AS DOUBLE) * _d_age_1 * _d_bmi_2
  + CAST('0.0001185479967753342' AS DOUBLE) * _d_age_2 * _d_bmi_2
  + CAST('-0.2641171450558896' AS DOUBLE) * _d_age_1 * _d_fhdm
  + CAST('0.00041610258289047683' AS DOUBLE) * _d_age_2 * _d_fhdm)))
  WHEN qdiabetes_model = 'A' AND d_sex = 'male' THEN 100 * (1 - power(CAST('0.978732228279114' AS DOUBLE), exp(CASE d_ethnicity WHEN 0 THEN CAST('0' AS DOUBLE) WHEN 1 THEN CAST('0' AS DOUBLE) WHEN 2 THEN CAST('1.1000230829124793' AS DOUBLE) WHEN 3 THEN CAST('1.290384012614721' AS DOUBLE) WHEN 4 THEN CAST('1.6740908848727458' AS DOUBLE) WHEN 5 THEN CAST('1.1400446789147816' AS DOUBLE) WHEN 6 THEN CAST('0.46824681690655806' AS DOUBLE) WHEN 7 THEN CAST('0.6990564996301545' AS DOUBLE) WHEN 8 THEN CAST('0.6894365712711157' AS DOUBLE) WHEN 9 THEN CAST('0.4172222846773821' AS DOUBLE) ELSE 0 END
  + CASE d_smoking WHEN 0 THEN CAST('0' AS DOUBLE) WHEN 1 THEN CAST('0.16387409105485573' AS DOUBLE) WHEN 2 THEN CAST('0.3185144911395898' AS DOUBLE) WHEN 3 THEN CAST('0.3220726656778343' AS DOUBLE) WHEN 4 THEN CAST('0.4505243716340953' AS DOUBLE) ELSE 0 END
  + CAST('4.464232438869135' AS DOUBLE) * _d_age_1
  + CAST('-0.004075010801925557' AS DOUBLE) * _d_age_2
  + CAST('0.9512902786712067' AS DOUBLE) * _d_bmi_1
  + CAST('-0.14352488277885475' AS DOUBLE) * _d_bmi_2
  + CAST('0.025918182067678725' AS DOUBLE) * _d_tds
  + CAST('0.42101092346005436' AS DOUBLE) * _d_apsy
  + CAST('0.22183580932925384' AS DOUBLE) * _d_ster
  + CAST('0.2026960575629002' AS DOUBLE) * _d_cvd
  + CAST('0.2331532140798696' AS DOUBLE) * _d_learn
  + CAST('0.22770449520517727' AS DOUBLE) * _d_psy
  + CAST('0.5849007543114134' AS DOUBLE) * _d_stat
  + CAST('0.3337939218350108' AS DOUBLE) * _d_htn
  + CAST('0.6479928489936954' AS DOUBLE) * _d_fhdm
  + CAST('-0.9463772226853415' AS DOUBLE) * _d_age_1 * _d_apsy
  + CAST('-0.0000519927442172335' AS DOUBLE) * _d_age_2 * _d_apsy
  + CAST('-0.9384237552649983' AS DOUBLE) * _d_age_1 * _d_learn
  + CAST('0.0007102643855968814' AS DOUBLE) * _d_age_2 * _d_learn
  + CAST('-1.74790706530033' AS DOUBLE) * _d_age_1 * _d_stat
  + CAST('0.001350836459953167' AS DOUBLE) * _d_age_2 * _d_stat
  + CAST('0.45147599241879766' AS DOUBLE) * _d_age_1 * _d_bmi_1
  + CAST('-0.001179772239456031' AS DOUBLE) * _d_age_2 * _d_bmi_1
  + CAST('-0.10795481262776381' AS DOUBLE) * _d_age_1 * _d_bmi_2
  + CAST('0.0002147150913931929' AS DOUBLE) * _d_age_2 * _d_bmi_2
  + CAST('-0.601185304293012' AS DOUBLE) * _d_age_1 * _d_fhdm
  + CAST('0.0004914185594087803' AS DOUBLE) * _d_age_2 * _d_fhdm)))
  WHEN qdiabetes_model = 'C' AND d_sex = 'female' THEN 100 * (1 - power(CAST('0.988788545131683' AS DOUBLE), exp(CASE d_ethnicity WHEN 0 THEN CAST('0' AS DOUBLE) WHEN 1 THEN CAST('0' AS DOUBLE) WHEN 2 THEN CAST('0.599095159929154' AS DOUBLE) WHEN 3 THEN CAST('0.7832030965635389' AS DOUBLE) WHEN 4 THEN CAST('1.1947351247960103' AS DOUBLE) WHEN 5 THEN CAST('0.7141744699168143' AS DOUBLE) WHEN 6 THEN CAST('0.11953284683887688' AS DOUBLE) WHEN 7 THEN CAST('0.013668872878490427' AS DOUBLE) WHEN 8 THEN CAST('0.5709226537693946' AS DOUBLE) WHEN 9 THEN CAST('0.17091076281069292' AS DOUBLE) ELSE 0 END
  + CASE d_smoking WHEN 0 THEN CAST('0' AS DOUBLE) WHEN 1 THEN CAST('0.06584825851000067' AS DOUBLE) WHEN 2 THEN CAST('0.1458413689734224' AS DOUBLE) WHEN 3 THEN CAST('0.15258642474801187' AS DOUBLE) WHEN 4 THEN CAST('0.30787416796613976' AS DOUBLE) ELSE 0 END
  + CAST('3.565521489194772' AS DOUBLE) * _d_age_1
  + CAST('-0.0056158243572733135' AS DOUBLE) * _d_age_2
  + CAST('2.504302887454484' AS DOUBLE) * _d_bmi_1
  + CAST('-0.04287580189269046' AS DOUBLE) * _d_bmi_2
  + CAST('8.736803130736218' AS DOUBLE) * _d_hba1c_1
  + CAST('-0.07823138666994997' AS DOUBLE) * _d_hba1c_2
  + CAST('0.035866822056348294' AS DOUBLE) * _d_tds
  + CAST('0.54976333110422' AS DOUBLE) * _d_apsy
  + CAST('0.16872205506389704' AS DOUBLE) * _d_ster
  + CAST('0.16443300362739344' AS DOUBLE) * _d_cvd
  + CAST('1.125009810517114' AS DOUBLE) * _d_gdm
  + CAST('0.2891205831073966' AS DOUBLE) * _d_learn
  + CAST('0.31825122490684077' AS DOUBLE) * _d_psy
  + CAST('0.33806444140981745' AS DOUBLE) * _d_pcos
  + CAST('0.45593968473811164' AS DOUBLE) * _d_stat
  + CAST('0.4040022295023758' AS DOUBLE) * _d_htn
  + CAST('0.4428015404826032' AS DOUBLE) * _d_fhdm
  + CAST('-0.8125434197162131' AS DOUBLE) * _d_age_1 * _d_apsy
  + CAST('0.0004665611306005428' AS DOUBLE) * _d_age_2 * _d_apsy
  + CAST('-0.9084665765269808' AS DOUBLE) * _d_age_1 * _d_learn
  + CAST('0.0008518980139928006' AS DOUBLE) * _d_age_2 * _d_learn
  + CAST('-1.8557960585560658' AS DOUBLE) * _d_age_1 * _d_stat
  + CAST('0.0022627250963352537' AS DOUBLE) * _d_age_2 * _d_stat
  + CAST('0.6023218765235252' AS DOUBLE) * _d_age_1 * _d_bmi_1
  + CAST('-0.0043386645663133425' AS DOUBLE) * _d_age_2 * _d_bmi_1
  + CAST('-0.03449503839680447' AS DOUBLE) * _d_age_1 * _d_bmi_2
  + CAST('0.0001162778561671209' AS DOUBLE) * _d_age_2 * _d_bmi_2
  + CAST('25.441203322736715' AS DOUBLE) * _d_age_1 * _d_hba1c_1
  + CAST('-0.05225413558859252' AS DOUBLE) * _d_age_2 * _d_hba1c_1
  + CAST('-6.807608042155611' AS DOUBLE) * _d_age_1 * _d_hba1c_2
  + CAST('0.014054825906114453' AS DOUBLE) * _d_age_2 * _d_hba1c_2
  + CAST('-0.2727571351506187' AS DOUBLE) * _d_age_1 * _d_fhdm
  + CAST('0.0004354519795220775' AS DOUBLE) * _d_age_2 * _d_fhdm)))
  WHEN qdiabetes_model = 'C' AND d_sex = 'male' THEN 100 * (1 - power(CAST('0.981181740760803' AS DOUBLE), exp(CASE d_ethnicity WHEN 0 THEN CAST('0' AS DOUBLE) WHEN 1 THEN CAST('0' AS DOUBLE) WHEN 2 THEN CAST('0.675712070549878' AS DOUBLE) WHEN 3 THEN CAST('0.8314732504966346' AS DOUBLE) WHEN 4 THEN CAST('1.0969133802228563' AS DOUBLE) WHEN 5 THEN CAST('0.7682244636456048' AS DOUBLE) WHEN 6 THEN CAST('0.20897529259108502' AS DOUBLE) WHEN 7 THEN CAST('0.3809159378197058' AS DOUBLE) WHEN 8 THEN CAST('0.34235836796612695' AS DOUBLE) WHEN 9 THEN CAST('0.22046477853433083' AS DOUBLE) ELSE 0 END
  + CASE d_smoking WHEN 0 THEN CAST('0' AS DOUBLE) WHEN 1 THEN CAST('0.11592891206878651' AS DOUBLE) WHEN 2 THEN CAST('0.1462418263763327' AS DOUBLE) WHEN 3 THEN CAST('0.10781424112493142' AS DOUBLE) WHEN 4 THEN CAST('0.19848629163668474' AS DOUBLE) ELSE 0 END
  + CAST('4.019343562397803' AS DOUBLE) * _d_age_1
  + CAST('-0.004839644230627824' AS DOUBLE) * _d_age_2
  + CAST('0.8182916890534933' AS DOUBLE) * _d_bmi_1
  + CAST('-0.12558808701359642' AS DOUBLE) * _d_bmi_2
  + CAST('8.051164223885793' AS DOUBLE) * _d_hba1c_1
  + CAST('-0.14652346893914495' AS DOUBLE) * _d_hba1c_2
  + CAST('0.025229965184900727' AS DOUBLE) * _d_tds
  + CAST('0.455415252201733' AS DOUBLE) * _d_apsy
  + CAST('0.13816187686823922' AS DOUBLE) * _d_ster
  + CAST('0.14546988896239518' AS DOUBLE) * _d_cvd
  + CAST('0.2596046658040857' AS DOUBLE) * _d_learn
  + CAST('0.28523788490585894' AS DOUBLE) * _d_psy
  + CAST('0.42551951901185525' AS DOUBLE) * _d_stat
  + CAST('0.3316943000645931' AS DOUBLE) * _d_htn
  + CAST('0.5661232594368062' AS DOUBLE) * _d_fhdm
  + CAST('-1.0013331909079835' AS DOUBLE) * _d_age_1 * _d_apsy
  + CAST('0.00022455973985742407' AS DOUBLE) * _d_age_2 * _d_apsy
  + CAST('-0.8916465737221593' AS DOUBLE) * _d_age_1 * _d_learn
  + CAST('0.0006604436076569648' AS DOUBLE) * _d_age_2 * _d_learn
  + CAST('-1.7074561167819817' AS DOUBLE) * _d_age_1 * _d_stat
  + CAST('0.0013873509357389619' AS DOUBLE) * _d_age_2 * _d_stat
  + CAST('0.45074527472672443' AS DOUBLE) * _d_age_1 * _d_bmi_1
  + CAST('-0.0012224736160287865' AS DOUBLE) * _d_age_2 * _d_bmi_1
  + CAST('-0.10851859809165601' AS DOUBLE) * _d_age_1 * _d_bmi_2
  + CAST('0.0002266731010346126' AS DOUBLE) * _d_age_2 * _d_bmi_2
  + CAST('27.670593827146565' AS DOUBLE) * _d_age_1 * _d_hba1c_1
  + CAST('-0.05920145812475433' AS DOUBLE) * _d_age_2 * _d_hba1c_1
  + CAST('-7.400613484678543' AS DOUBLE) * _d_age_1 * _d_hba1c_2
  + CAST('0.015592089485149988' AS DOUBLE) * _d_age_2 * _d_hba1c_2
  + CAST('-0.6141009388709716' AS DOUBLE) * _d_age_1 * _d_fhdm
  + CAST('0.0005060258289477209' AS DOUBLE) * _d_age_2 * _d_fhdm))) END AS qdiabetes_10y_percent, qdiabetes_model
  FROM (SELECT *, CASE WHEN q_sex = 'female' THEN power((CAST(q_age AS DOUBLE) / CAST('10' AS DOUBLE)), CAST('-2' AS DOUBLE)) - CAST('0.053274843841791' AS DOUBLE) WHEN q_sex = 'male' THEN power((CAST(q_age AS DOUBLE) / CAST('10' AS DOUBLE)), CAST('-1' AS DOUBLE)) - CAST('0.234766781330109' AS DOUBLE) END AS _q_age_1,
  CASE WHEN q_sex = 'female' THEN (CAST(q_age AS DOUBLE) / CAST('10' AS DOUBLE)) - CAST('4.332503318786621' AS DOUBLE) WHEN q_sex = 'male' THEN power((CAST(q_age AS DOUBLE) / CAST('10' AS DOUBLE)), CAST('3' AS DOUBLE)) - CAST('77.2840805053711' AS DOUBLE) END AS _q_age_2,
  CASE WHEN q_sex = 'female' THEN power((least(CAST('40' AS DOUBLE), greatest(CAST('20' AS DOUBLE), CAST(q_bmi AS DOUBLE))) / CAST('10' AS DOUBLE)), CAST('-2' AS DOUBLE)) - CAST('0.154946178197861' AS DOUBLE) WHEN q_sex = 'male' THEN power((least(CAST('40' AS DOUBLE), greatest(CAST('20' AS DOUBLE), CAST(q_bmi AS DOUBLE))) / CAST('10' AS DOUBLE)), CAST('-2' AS DOUBLE)) - CAST('0.149176135659218' AS DOUBLE) END AS _q_bmi_1,
  CASE WHEN q_sex = 'female' THEN power((least(CAST('40' AS DOUBLE), greatest(CAST('20' AS DOUBLE), CAST(q_bmi AS DOUBLE))) / CAST('10' AS DOUBLE)), CAST('-2' AS DOUBLE)) * ln((least(CAST('40' AS DOUBLE), greatest(CAST('20' AS DOUBLE), CAST(q_bmi AS DOUBLE))) / CAST('10' AS DOUBLE))) - CAST('0.144462317228317' AS DOUBLE) WHEN q_sex = 'male' THEN power((least(CAST('40' AS DOUBLE), greatest(CAST('20' AS DOUBLE), CAST(q_bmi AS DOUBLE))) / CAST('10' AS DOUBLE)), CAST('-2' AS DOUBLE)) * ln((least(CAST('40' AS DOUBLE), greatest(CAST('20' AS DOUBLE), CAST(q_bmi AS DOUBLE))) / CAST('10' AS DOUBLE))) - CAST('0.141913309693336' AS DOUBLE) END AS _q_bmi_2,
  CASE WHEN q_sex = 'female' THEN CAST(q_cholesterol_hdl_ratio AS DOUBLE) - CAST('3.47632646560669' AS DOUBLE) WHEN q_sex = 'male' THEN CAST(q_cholesterol_hdl_ratio AS DOUBLE) - CAST('4.300998687744141' AS DOUBLE) END AS _q_rati,
  CASE WHEN q_sex = 'female' THEN CAST(q_sbp AS DOUBLE) - CAST('123.13001251220703' AS DOUBLE) WHEN q_sex = 'male' THEN CAST(q_sbp AS DOUBLE) - CAST('128.5715789794922' AS DOUBLE) END AS _q_sbp,
  CASE WHEN q_sex = 'female' THEN CAST(q_sbp_sd AS DOUBLE) - CAST('9.002537727355957' AS DOUBLE) WHEN q_sex = 'male' THEN CAST(q_sbp_sd AS DOUBLE) - CAST('8.756621360778809' AS DOUBLE) END AS _q_sbps5,
  CASE WHEN q_sex = 'female' THEN CAST(q_townsend AS DOUBLE) - CAST('0.392308831214905' AS DOUBLE) WHEN q_sex = 'male' THEN CAST(q_townsend AS DOUBLE) - CAST('0.52630490064621' AS DOUBLE) END AS _q_town,
  CASE WHEN q_af THEN CAST('1' AS DOUBLE) ELSE CAST('0' AS DOUBLE) END AS _q_b_af,
  CASE WHEN q_atypical_antipsychotics THEN CAST('1' AS DOUBLE) ELSE CAST('0' AS DOUBLE) END AS _q_b_atypicalantipsy,
  CASE WHEN q_corticosteroids THEN CAST('1' AS DOUBLE) ELSE CAST('0' AS DOUBLE) END AS _q_b_corticosteroids,
  CASE WHEN q_migraine THEN CAST('1' AS DOUBLE) ELSE CAST('0' AS DOUBLE) END AS _q_b_migraine,
  CASE WHEN q_rheumatoid_arthritis THEN CAST('1' AS DOUBLE) ELSE CAST('0' AS DOUBLE) END AS _q_b_ra,
  CASE WHEN q_ckd THEN CAST('1' AS DOUBLE) ELSE CAST('0' AS DOUBLE) END AS _q_b_renal,
  CASE WHEN q_severe_mental_illness THEN CAST('1' AS DOUBLE) ELSE CAST('0' AS DOUBLE) END AS _q_b_semi,
  CASE WHEN q_sle THEN CAST('1' AS DOUBLE) ELSE CAST('0' AS DOUBLE) END AS _q_b_sle,
  CASE WHEN q_treated_hypertension THEN CAST('1' AS DOUBLE) ELSE CAST('0' AS DOUBLE) END AS _q_b_treatedhyp,
  CASE WHEN q_diabetes = 'type1' THEN CAST('1' AS DOUBLE) ELSE CAST('0' AS DOUBLE) END AS _q_b_type1,
  CASE WHEN q_diabetes = 'type2' THEN CAST('1' AS DOUBLE) ELSE CAST('0' AS DOUBLE) END AS _q_b_type2,
  CASE WHEN q_family_history_chd THEN CAST('1' AS DOUBLE) ELSE CAST('0' AS DOUBLE) END AS _q_fh_cvd,
  CASE WHEN q_smoking = 1 THEN CAST('1' AS DOUBLE) ELSE CAST('0' AS DOUBLE) END AS _q_smoke_cat_1,
  CASE WHEN q_smoking = 2 THEN CAST('1' AS DOUBLE) ELSE CAST('0' AS DOUBLE) END AS _q_smoke_cat_2,
  CASE WHEN q_smoking = 3 THEN CAST('1' AS DOUBLE) ELSE CAST('0' AS DOUBLE) END AS _q_smoke_cat_3,
  CASE WHEN q_smoking = 4 THEN CAST('1' AS DOUBLE) ELSE CAST('0' AS DOUBLE) END AS _q_smoke_cat_4,
  CASE WHEN q_erectile_dysfunction THEN CAST('1' AS DOUBLE) ELSE CAST('0' AS DOUBLE) END AS _q_b_impotence2,
  CASE WHEN qdiabetes_model = 'A' AND d_sex = 'female' THEN power((CAST(d_age AS DOUBLE) / CAST('10' AS DOUBLE)), CAST('0.5' AS DOUBLE)) - CAST('2.123332023620606' AS DOUBLE) WHEN qdiabetes_model = 'A' AND d_sex = 'male' THEN ln((CAST(d_age AS DOUBLE) / CAST('10' AS DOUBLE))) - CAST('1.496392488479614' AS DOUBLE) WHEN qdiabetes_model = 'C' AND d_sex = 'female' THEN power((CAST(d_age AS DOUBLE) / CAST('10' AS DOUBLE)), CAST('0.5' AS DOUBLE)) - CAST('2.123332023620606' AS DOUBLE) WHEN qdiabetes_model = 'C' AND d_sex = 'male' THEN ln((CAST(d_age AS DOUBLE) / CAST('10' AS DOUBLE))) - CAST('1.496392488479614' AS DOUBLE) END AS _d_age_1,
  CASE WHEN qdiabetes_model = 'A' AND d_sex = 'female' THEN power((CAST(d_age AS DOUBLE) / CAST('10' AS DOUBLE)), CAST('3' AS DOUBLE)) - CAST('91.64474487304688' AS DOUBLE) WHEN qdiabetes_model = 'A' AND d_sex = 'male' THEN power((CAST(d_age AS DOUBLE) / CAST('10' AS DOUBLE)), CAST('3' AS DOUBLE)) - CAST('89.04817199707031' AS DOUBLE) WHEN qdiabetes_model = 'C' AND d_sex = 'female' THEN power((CAST(d_age AS DOUBLE) / CAST('10' AS DOUBLE)), CAST('3' AS DOUBLE)) - CAST('91.64474487304688' AS DOUBLE) WHEN qdiabetes_model = 'C' AND d_sex = 'male' THEN power((CAST(d_age AS DOUBLE) / CAST('10' AS DOUBLE)), CAST('3' AS DOUBLE)) - CAST('89.04817199707031' AS DOUBLE) END AS _d_age_2,
  CASE WHEN qdiabetes_model = 'A' AND d_sex = 'female' THEN (least(CAST('40' AS DOUBLE), greatest(CAST('20' AS DOUBLE), CAST(d_bmi AS DOUBLE))) / CAST('10' AS DOUBLE)) - CAST('2.571253299713135' AS DOUBLE) WHEN qdiabetes_model = 'A' AND d_sex = 'male' THEN power((least(CAST('40' AS DOUBLE), greatest(CAST('20' AS DOUBLE), CAST(d_bmi AS DOUBLE))) / CAST('10' AS DOUBLE)), CAST('2' AS DOUBLE)) - CAST('6.817805767059326' AS DOUBLE) WHEN qdiabetes_model = 'C' AND d_sex = 'female' THEN (least(CAST('40' AS DOUBLE), greatest(CAST('20' AS DOUBLE), CAST(d_bmi AS DOUBLE))) / CAST('10' AS DOUBLE)) - CAST('2.571253299713135' AS DOUBLE) WHEN qdiabetes_model = 'C' AND d_sex = 'male' THEN power((least(CAST('40' AS DOUBLE), greatest(CAST('20' AS DOUBLE), CAST(d_bmi AS DOUBLE))) / CAST('10' AS DOUBLE)), CAST('2' AS DOUBLE)) - CAST('6.817805767059326' AS DOUBLE) END AS _d_bmi_1,
  CASE WHEN qdiabetes_model = 'A' AND d_sex = 'female' THEN power((least(CAST('40' AS DOUBLE), greatest(CAST('20' AS DOUBLE), CAST(d_bmi AS DOUBLE))) / CAST('10' AS DOUBLE)), CAST('3' AS DOUBLE)) - CAST('16.999439239501953' AS DOUBLE) WHEN qdiabetes_model = 'A' AND d_sex = 'male' THEN power((least(CAST('40' AS DOUBLE), greatest(CAST('20' AS DOUBLE), CAST(d_bmi AS DOUBLE))) / CAST('10' AS DOUBLE)), CAST('3' AS DOUBLE)) - CAST('17.801923751831055' AS DOUBLE) WHEN qdiabetes_model = 'C' AND d_sex = 'female' THEN power((least(CAST('40' AS DOUBLE), greatest(CAST('20' AS DOUBLE), CAST(d_bmi AS DOUBLE))) / CAST('10' AS DOUBLE)), CAST('3' AS DOUBLE)) - CAST('16.999439239501953' AS DOUBLE) WHEN qdiabetes_model = 'C' AND d_sex = 'male' THEN power((least(CAST('40' AS DOUBLE), greatest(CAST('20' AS DOUBLE), CAST(d_bmi AS DOUBLE))) / CAST('10' AS DOUBLE)), CAST('3' AS DOUBLE)) - CAST('17.801923751831055' AS DOUBLE) END AS _d_bmi_2,
  CASE WHEN qdiabetes_model = 'A' AND d_sex = 'female' THEN CAST(d_townsend AS DOUBLE) - CAST('0.391116052865982' AS DOUBLE) WHEN qdiabetes_model = 'A' AND d_sex = 'male' THEN CAST(d_townsend AS DOUBLE) - CAST('0.515986680984497' AS DOUBLE) WHEN qdiabetes_model = 'C' AND d_sex = 'female' THEN CAST(d_townsend AS DOUBLE) - CAST('0.391116052865982' AS DOUBLE) WHEN qdiabetes_model = 'C' AND d_sex = 'male' THEN CAST(d_townsend AS DOUBLE) - CAST('0.515986680984497' AS DOUBLE) END AS _d_tds,
  CASE WHEN d_atypical_antipsychotics THEN CAST('1' AS DOUBLE) ELSE CAST('0' AS DOUBLE) END AS _d_apsy,
  CASE WHEN d_corticosteroids THEN CAST('1' AS DOUBLE) ELSE CAST('0' AS DOUBLE) END AS _d_ster,
  CASE WHEN d_cvd THEN CAST('1' AS DOUBLE) ELSE CAST('0' AS DOUBLE) END AS _d_cvd,
  CASE WHEN d_gestational_diabetes THEN CAST('1' AS DOUBLE) ELSE CAST('0' AS DOUBLE) END AS _d_gdm,
  CASE WHEN d_learning_disability THEN CAST('1' AS DOUBLE) ELSE CAST('0' AS DOUBLE) END AS _d_learn,
  CASE WHEN d_severe_mental_illness THEN CAST('1' AS DOUBLE) ELSE CAST('0' AS DOUBLE) END AS _d_psy,
  CASE WHEN d_pcos THEN CAST('1' AS DOUBLE) ELSE CAST('0' AS DOUBLE) END AS _d_pcos,
  CASE WHEN d_statins THEN CAST('1' AS DOUBLE) ELSE CAST('0' AS DOUBLE) END AS _d_stat,
  CASE WHEN d_treated_hypertension THEN CAST('1' AS DOUBLE) ELSE CAST('0' AS DOUBLE) END AS _d_htn,
  CASE WHEN d_family_history_diabetes THEN CAST('1' AS DOUBLE) ELSE CAST('0' AS DOUBLE) END AS _d_fhdm,
  CASE WHEN qdiabetes_model = 'C' AND d_sex = 'female' THEN power((CAST(d_hba1c AS DOUBLE) / CAST('10' AS DOUBLE)), CAST('0.5' AS DOUBLE)) - CAST('1.886751174926758' AS DOUBLE) WHEN qdiabetes_model = 'C' AND d_sex = 'male' THEN power((CAST(d_hba1c AS DOUBLE) / CAST('10' AS DOUBLE)), CAST('0.5' AS DOUBLE)) - CAST('1.900265336036682' AS DOUBLE) END AS _d_hba1c_1,
  CASE WHEN qdiabetes_model = 'C' AND d_sex = 'female' THEN (CAST(d_hba1c AS DOUBLE) / CAST('10' AS DOUBLE)) - CAST('3.559829950332642' AS DOUBLE) WHEN qdiabetes_model = 'C' AND d_sex = 'male' THEN (CAST(d_hba1c AS DOUBLE) / CAST('10' AS DOUBLE)) - CAST('3.611008167266846' AS DOUBLE) END AS _d_hba1c_2
  FROM (SELECT f.person_id, CASE WHEN NOT coalesce(f.cvd, FALSE) THEN CASE f.sex WHEN 'F' THEN 'female' WHEN 'M' THEN 'male' END END AS q_sex,
  f.age AS q_age,
  CASE upper(f.ethnicity_code) WHEN 'A' THEN 1 WHEN 'B' THEN 1 WHEN 'C' THEN 1 WHEN 'H' THEN 2 WHEN 'J' THEN 3 WHEN 'K' THEN 4 WHEN 'L' THEN 5 WHEN 'M' THEN 6 WHEN 'N' THEN 7 WHEN 'R' THEN 8 WHEN 'D' THEN 9 WHEN 'E' THEN 9 WHEN 'F' THEN 9 WHEN 'G' THEN 9 WHEN 'P' THEN 9 WHEN 'S' THEN 9 ELSE 1 END AS q_ethnicity,
  CASE f.smoking WHEN 'current' THEN 3 WHEN 'ex' THEN 1 ELSE 0 END AS q_smoking,
  CASE WHEN f.diabetes = 'type1' THEN 'type1' WHEN f.diabetes IS NULL THEN 'none' ELSE 'type2' END AS q_diabetes,
  coalesce(f.af, FALSE) AS q_af,
  coalesce(f.antipsychotics, FALSE) AS q_atypical_antipsychotics,
  coalesce(f.corticosteroids, FALSE) AS q_corticosteroids,
  FALSE AS q_erectile_dysfunction,
  FALSE AS q_migraine,
  coalesce(f.ra, FALSE) AS q_rheumatoid_arthritis,
  coalesce(f.ckd, FALSE) AS q_ckd,
  coalesce(f.smi, FALSE) AS q_severe_mental_illness,
  coalesce(f.sle, FALSE) AS q_sle,
  (coalesce(f.hypertension, FALSE) AND coalesce(f.antihypertensives, FALSE)) AS q_treated_hypertension,
  FALSE AS q_family_history_chd,
  CASE WHEN f.bmi >= 10 AND f.bmi <= 80 THEN f.bmi WHEN f.sex = 'F' THEN CAST('25.40443646864844' AS DOUBLE) WHEN f.sex = 'M' THEN CAST('25.891089359315924' AS DOUBLE) END AS q_bmi,
  CASE WHEN f.chol_ratio >= 1 AND f.chol_ratio <= 12 THEN f.chol_ratio WHEN f.sex = 'F' THEN CAST('3.47632646560669' AS DOUBLE) WHEN f.sex = 'M' THEN CAST('4.300998687744141' AS DOUBLE) END AS q_cholesterol_hdl_ratio,
  CASE WHEN f.sbp >= 70 AND f.sbp <= 210 THEN f.sbp WHEN f.sex = 'F' THEN CAST('123.13001251220703' AS DOUBLE) WHEN f.sex = 'M' THEN CAST('128.5715789794922' AS DOUBLE) END AS q_sbp,
  CASE WHEN f.sbp_sd >= 0 AND f.sbp_sd <= 50 THEN f.sbp_sd WHEN f.sex = 'F' THEN CAST('9.002537727355957' AS DOUBLE) WHEN f.sex = 'M' THEN CAST('8.756621360778809' AS DOUBLE) END AS q_sbp_sd,
  CASE WHEN f.townsend >= -10 AND f.townsend <= 15 THEN f.townsend WHEN f.sex = 'F' THEN CAST('0.392308831214905' AS DOUBLE) WHEN f.sex = 'M' THEN CAST('0.52630490064621' AS DOUBLE) END AS q_townsend,
  CASE WHEN NOT coalesce(f.cvd, FALSE) AND f.sex IN ('F', 'M') THEN concat_ws(',', CASE WHEN f.bmi >= 10 AND f.bmi <= 80 THEN NULL ELSE 'bmi' END, CASE WHEN f.chol_ratio >= 1 AND f.chol_ratio <= 12 THEN NULL ELSE 'cholesterol_hdl_ratio' END, CASE WHEN f.sbp >= 70 AND f.sbp <= 210 THEN NULL ELSE 'sbp' END, CASE WHEN f.sbp_sd >= 0 AND f.sbp_sd <= 50 THEN NULL ELSE 'sbp_sd' END, CASE WHEN f.townsend >= -10 AND f.townsend <= 15 THEN NULL ELSE 'townsend' END, CASE WHEN f.smoking IS NULL THEN 'smoking' END) END AS qrisk3_imputed,
  CASE WHEN f.diabetes IS NULL AND f.sex IN ('F', 'M') AND (f.hba1c IS NULL OR f.hba1c < 48) THEN CASE f.sex WHEN 'F' THEN 'female' WHEN 'M' THEN 'male' END END AS d_sex,
  CASE WHEN f.diabetes IS NULL AND f.sex IN ('F', 'M') AND (f.hba1c IS NULL OR f.hba1c < 48) THEN CASE WHEN f.hba1c >= 15 THEN 'C' ELSE 'A' END END AS qdiabetes_model,
  f.age AS d_age,
  CASE upper(f.ethnicity_code) WHEN 'A' THEN 1 WHEN 'B' THEN 1 WHEN 'C' THEN 1 WHEN 'H' THEN 2 WHEN 'J' THEN 3 WHEN 'K' THEN 4 WHEN 'L' THEN 5 WHEN 'M' THEN 6 WHEN 'N' THEN 7 WHEN 'R' THEN 8 WHEN 'D' THEN 9 WHEN 'E' THEN 9 WHEN 'F' THEN 9 WHEN 'G' THEN 9 WHEN 'P' THEN 9 WHEN 'S' THEN 9 ELSE 1 END AS d_ethnicity,
  CASE f.smoking WHEN 'current' THEN 3 WHEN 'ex' THEN 1 ELSE 0 END AS d_smoking,
  coalesce(f.antipsychotics, FALSE) AS d_atypical_antipsychotics,
  coalesce(f.corticosteroids, FALSE) AS d_corticosteroids,
  coalesce(f.cvd, FALSE) AS d_cvd,
  coalesce(f.gdm, FALSE) AS d_gestational_diabetes,
  coalesce(f.ld, FALSE) AS d_learning_disability,
  coalesce(f.smi, FALSE) AS d_severe_mental_illness,
  coalesce(f.pcos, FALSE) AS d_pcos,
  coalesce(f.statins, FALSE) AS d_statins,
  (coalesce(f.hypertension, FALSE) AND coalesce(f.antihypertensives, FALSE)) AS d_treated_hypertension,
  FALSE AS d_family_history_diabetes,
  CASE WHEN f.bmi >= 10 AND f.bmi <= 80 THEN f.bmi WHEN CASE WHEN f.hba1c >= 15 THEN 'C' ELSE 'A' END = 'A' AND f.sex = 'F' THEN CAST('25.71253299713135' AS DOUBLE) WHEN CASE WHEN f.hba1c >= 15 THEN 'C' ELSE 'A' END = 'A' AND f.sex = 'M' THEN CAST('26.110928300348352' AS DOUBLE) WHEN CASE WHEN f.hba1c >= 15 THEN 'C' ELSE 'A' END = 'C' AND f.sex = 'F' THEN CAST('25.71253299713135' AS DOUBLE) WHEN CASE WHEN f.hba1c >= 15 THEN 'C' ELSE 'A' END = 'C' AND f.sex = 'M' THEN CAST('26.110928300348352' AS DOUBLE) END AS d_bmi,
  CASE WHEN f.townsend >= -10 AND f.townsend <= 15 THEN f.townsend WHEN CASE WHEN f.hba1c >= 15 THEN 'C' ELSE 'A' END = 'A' AND f.sex = 'F' THEN CAST('0.391116052865982' AS DOUBLE) WHEN CASE WHEN f.hba1c >= 15 THEN 'C' ELSE 'A' END = 'A' AND f.sex = 'M' THEN CAST('0.515986680984497' AS DOUBLE) WHEN CASE WHEN f.hba1c >= 15 THEN 'C' ELSE 'A' END = 'C' AND f.sex = 'F' THEN CAST('0.391116052865982' AS DOUBLE) WHEN CASE WHEN f.hba1c >= 15 THEN 'C' ELSE 'A' END = 'C' AND f.sex = 'M' THEN CAST('0.515986680984497' AS DOUBLE) END AS d_townsend,
  f.hba1c AS d_hba1c
  FROM (SELECT * FROM _features) AS f) AS p) AS v;

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
  WHERE m.issue_date <= DATE '2026-03-31' AND m.issue_date > CAST((DATE '2026-03-31') + INTERVAL (-12) MONTH AS DATE) AND m.person_id IN (SELECT person_id FROM _person_base WHERE registered AND age >= 65)
  GROUP BY m.person_id) AS md ON md.person_id = b.person_id;

-- eFI band
SELECT CASE WHEN efi IS NULL THEN NULL WHEN efi <= CAST(0.12 AS DOUBLE) THEN 'fit' WHEN efi <= CAST(0.24 AS DOUBLE) THEN 'mild' WHEN efi <= CAST(0.36 AS DOUBLE) THEN 'moderate' ELSE 'severe' END;

-- HFRS
SELECT c.person_id, floor(CAST(sum(h.points) AS DOUBLE) * 10 + 0.5) / 10 AS hfrs FROM (
  SELECT DISTINCT x.person_id, substr(x.code, 1, 3) AS code3 FROM hospital_diagnosis AS x
  JOIN hospital_spell AS s ON s.spell_id = x.spell_id
  WHERE s.admission_date <= DATE '2026-03-31' AND s.admission_date > CAST((DATE '2026-03-31') + INTERVAL (-24) MONTH AS DATE)) AS c
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
  coalesce(c.creat, FALSE), coalesce(c.uacr, FALSE), coalesce(c.foot, FALSE), coalesce(c.bmi, FALSE),
  coalesce(c.smoking, FALSE), coalesce(c.retinal, FALSE),
  CAST(CASE WHEN c.hba1c THEN 1 ELSE 0 END + CASE WHEN c.bp THEN 1 ELSE 0 END + CASE WHEN c.chol THEN 1 ELSE 0 END
  + CASE WHEN c.creat THEN 1 ELSE 0 END + CASE WHEN c.uacr THEN 1 ELSE 0 END + CASE WHEN c.foot THEN 1 ELSE 0 END
  + CASE WHEN c.bmi THEN 1 ELSE 0 END + CASE WHEN c.smoking THEN 1 ELSE 0 END AS INTEGER),
  l.hba1c, l.sbp, l.dbp,
  coalesce(l.hba1c <= 58, FALSE),
  coalesce(l.sbp <= 140 AND l.dbp <= 80, FALSE),
  coalesce(c.statin, FALSE),
  coalesce(l.hba1c <= 58 AND l.sbp <= 140 AND l.dbp <= 80 AND c.statin, FALSE)
  FROM register AS r
  LEFT JOIN (SELECT person_id, max(CASE WHEN codelist_id IN ('gm-sde/hba1c') AND day > CAST((DATE '2026-03-31') + INTERVAL (-12) MONTH AS DATE) THEN 1 ELSE 0 END) = 1 AS hba1c, max(CASE WHEN codelist_id IN ('gm-sde/systolic-blood-pressure', 'gm-sde/diastolic-blood-pressure') AND day > CAST((DATE '2026-03-31') + INTERVAL (-12) MONTH AS DATE) THEN 1 ELSE 0 END) = 1 AS bp, max(CASE WHEN codelist_id IN ('gm-sde/cholesterol', 'gm-sde/cholesterol-hdl-ratio') AND day > CAST((DATE '2026-03-31') + INTERVAL (-12) MONTH AS DATE) THEN 1 ELSE 0 END) = 1 AS chol,
  max(CASE WHEN codelist_id IN ('gm-sde/creatinine', 'gm-sde/egfr') AND day > CAST((DATE '2026-03-31') + INTERVAL (-12) MONTH AS DATE) THEN 1 ELSE 0 END) = 1 AS creat, max(CASE WHEN codelist_id IN ('gm-sde/urinary-albumin-creatinine-ratio') AND day > CAST((DATE '2026-03-31') + INTERVAL (-12) MONTH AS DATE) THEN 1 ELSE 0 END) = 1 AS uacr, max(CASE WHEN codelist_id IN ('derived/diabetes-foot-examination') AND day > CAST((DATE '2026-03-31') + INTERVAL (-12) MONTH AS DATE) THEN 1 ELSE 0 END) = 1 AS foot,
  max(CASE WHEN codelist_id IN ('derived/diabetes-retinal-screening') AND day > CAST((DATE '2026-03-31') + INTERVAL (-12) MONTH AS DATE) THEN 1 ELSE 0 END) = 1 AS retinal, max(CASE WHEN codelist_id IN ('gm-sde/bmi') AND day > CAST((DATE '2026-03-31') + INTERVAL (-12) MONTH AS DATE) THEN 1 ELSE 0 END) = 1 AS bmi,
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
