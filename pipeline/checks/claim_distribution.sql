-- check: claim_distribution_count
--   en: a distribution of communes by criteria met against the district's number of communes
--   vi: số xã trong phân bố theo số tiêu chí so với tổng số xã của huyện
--   failure: a group of communes left out of the distribution, or a commune counted twice
-- check: claim_distribution_mean
--   en: a stated average of criteria per commune against the distribution it summarises
--   vi: bình quân tiêu chí/xã nêu trong văn bản so với bình quân tính từ phân bố
--   failure: the average or the distribution was revised without the other
--
-- A baseline distribution of communes by criteria met ("02 xã đạt 13 tiêu chí, ...; 01 xã đạt chuẩn")
-- must count every commune of the district, and its weighted mean must be the average the same
-- sentence states (a commune at standard counts the full national set of criteria).
WITH items AS (
  SELECT c.*, d.n_communes
  FROM claims c JOIN documents d USING (doc_id)
  WHERE d.status = 'ok' AND c.measure_kind = 'communes' AND c.kind = 'baseline' AND (c.level_value IS NOT NULL OR c.at_standard)
),
groups AS (
  SELECT doc_id, paragraph_no, sentence, any_value(n_communes) AS n_communes, min(claim_no) AS claim_no,
         sum(value) AS communes, sum(value * coalesce(level_value, national_commune_criteria())) AS criteria,
         count(*) AS n_items
  FROM items GROUP BY ALL HAVING count(*) FILTER (WHERE level_value IS NOT NULL) > 0
),
averages AS (
  SELECT doc_id, paragraph_no, sentence, value AS average, claim_no FROM claims WHERE kind = 'average'
)
SELECT g.doc_id, 'claim_distribution_count' AS check_name, NULL AS table_no, NULL AS row_path, NULL AS column_label,
  NULL AS unit_code, NULL AS unit_name_raw, NULL AS footnote_no, g.claim_no,
  CAST(g.n_communes AS DOUBLE) AS expected, g.communes AS actual, g.communes - g.n_communes AS difference, 0 AS tolerance,
  CASE WHEN g.n_communes IS NULL THEN 'warn' ELSE check_status(g.n_communes, g.communes, 0) END AS status,
  printf('claims %d+: the distribution counts %s communes; the district has %s (official list)', g.claim_no,
         fmt(g.communes), coalesce(CAST(g.n_communes AS VARCHAR), 'an unknown number of')) AS detail
FROM groups g
UNION ALL
SELECT g.doc_id, 'claim_distribution_mean', NULL, NULL, NULL, NULL, NULL, NULL, a.claim_no,
  a.average, round(g.criteria / g.communes, 2), round(g.criteria / g.communes, 2) - a.average, rounding_tolerance(),
  check_status(a.average, g.criteria / g.communes, rounding_tolerance()),
  printf('claim %d: stated average %s; the distribution gives %s criteria over %s communes = %.4f', a.claim_no,
         fmt(a.average), fmt(g.criteria), fmt(g.communes), g.criteria / g.communes)
FROM groups g JOIN averages a USING (doc_id, paragraph_no, sentence)
