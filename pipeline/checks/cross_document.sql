-- check: cross_document
--   en: a figure one document restates from another that is also in the raw folder ('thực hiện Kế hoạch số 496/KH-UBND ... 18.239 triệu đồng') against that document's own figures, both in the same unit
--   vi: con số một văn bản dẫn lại từ văn bản khác cũng có trong thư mục (ví dụ 'theo Kế hoạch số 496/KH-UBND ...') so với số liệu của chính văn bản đó, quy đổi cùng đơn vị
--   failure: the two documents disagree on a figure: one was revised, or the restatement has a slip
--
-- A claim in a clause that names the number of another document read in the same run is looked
-- for among that document's annex figures and claims, converted to one scale and within the
-- rounding of the figure restated. Found: pass. A restated total that document's grand total
-- contradicts: fail. Other figures not found: a warning, never a guess.
WITH cited AS (
  SELECT r.doc_id, d.doc_id AS cited_id, d.doc_number, d.source_file AS cited_file
  FROM doc_references r
  JOIN documents d ON d.doc_number = r.ref_number AND d.doc_id <> r.doc_id AND d.status = 'ok'
  JOIN documents a ON a.doc_id = r.doc_id AND a.status = 'ok'
),
restated AS (
  SELECT k.*, c.cited_id, c.doc_number AS cited_number, c.cited_file,
    k.value * coalesce(k.measure_scale, 1) AS amount,
    0.5 * 10 ** (-length(coalesce(regexp_extract(k.value_text, ',(\d+)', 1), ''))) * coalesce(k.measure_scale, 1)
      AS tolerance
  FROM claims k JOIN cited c ON c.doc_id = k.doc_id AND contains(k.clause, c.doc_number)
  WHERE k.kind NOT IN ('equation', 'share') AND k.measure_kind IS NOT NULL
),
their_figures AS (
  SELECT doc_id, value * coalesce(measure_scale, 1) AS amount, measure_kind,
         row_is_total AND (column_is_total OR column_whole IS NULL) AS is_grand,
         printf('table %d, row %s, column "%s"', table_no, row_path, column_label) AS place
  FROM annex_cells WHERE value_kind = 'number'
  UNION ALL
  SELECT doc_id, value * coalesce(measure_scale, 1), measure_kind, false, printf('claim %d "%s"', claim_no, value_text)
  FROM claims WHERE kind NOT IN ('equation', 'share')
),
found AS (
  SELECT r.*, f.place, f.amount AS their_amount
  FROM restated r
  JOIN their_figures f ON f.doc_id = r.cited_id AND f.measure_kind = r.measure_kind
    AND abs(f.amount - r.amount) <= greatest(r.tolerance, equal_tolerance(r.amount))
  QUALIFY row_number() OVER (PARTITION BY r.doc_id, r.claim_no ORDER BY f.is_grand DESC) = 1
),
grand AS (
  SELECT doc_id, measure_kind, min(amount) AS amount, count(DISTINCT amount) AS n_amounts
  FROM their_figures WHERE is_grand GROUP BY ALL
)
SELECT doc_id, 'cross_document' AS check_name, NULL AS table_no, NULL AS row_path, NULL AS column_label,
  NULL AS unit_code, NULL AS unit_name_raw, NULL AS footnote_no, claim_no, their_amount AS expected, amount AS actual,
  amount - their_amount AS difference, tolerance, 'pass' AS status,
  printf('claim %d "%s" restates %s (%s): %s there', claim_no, value_text, cited_number, cited_file, place) AS detail
FROM found
UNION ALL
SELECT r.doc_id, 'cross_document', NULL, NULL, NULL, NULL, NULL, NULL, r.claim_no, g.amount, r.amount,
  r.amount - g.amount, r.tolerance,
  CASE WHEN r.states_total AND g.n_amounts = 1 THEN 'fail' ELSE 'warn' END,
  CASE WHEN r.states_total AND g.n_amounts = 1
    THEN printf('claim %d "%s" restates a total of %s (%s), whose grand total is %s', r.claim_no, r.value_text,
                r.cited_number, r.cited_file, fmt(g.amount))
    ELSE printf('claim %d "%s" names %s (%s), which shows no such figure', r.claim_no, r.value_text, r.cited_number,
                r.cited_file) END
FROM restated r
LEFT JOIN grand g ON g.doc_id = r.cited_id AND g.measure_kind = r.measure_kind
WHERE NOT EXISTS (SELECT 1 FROM found f WHERE f.doc_id = r.doc_id AND f.claim_no = r.claim_no)
