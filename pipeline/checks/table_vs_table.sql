-- check: table_vs_table
--   en: the figures one annex gives each unit against another annex's line for the same units (Biểu 02's per-commune totals against Biểu 01's row), where the two lines agree on most units
--   vi: số liệu từng đơn vị của một biểu so với dòng tương ứng của biểu khác trong cùng văn bản (Biểu 02 so với Biểu 01), khi hai dòng khớp ở phần lớn đơn vị
--   failure: one table was revised without the other: a unit's figure differs, the rest agree
--
-- Two lines (a row where units are columns, a column where units are rows) of different tables
-- of one document are the same line when they give the same figure to at least four of five of
-- their shared units, or to all but one (three different figures at least): then every shared
-- unit is compared, and those that differ fail. Lines that share units but few figures are different lines, and are not compared.
WITH unit_figures AS (
  SELECT doc_id, table_no, line, unit_code, unit_name_raw, value, row_path, column_label, page, measure_kind,
         coalesce(measure_scale, 1) AS scale
  FROM annex_lines
  WHERE unit_code IS NOT NULL AND NOT is_total AND value_kind = 'number'
),
pairs AS (
  SELECT a.doc_id, a.table_no AS table_a, a.line AS line_a, b.table_no AS table_b, b.line AS line_b,
         count(*) AS shared,
         count(*) FILTER (WHERE abs(a.value * a.scale - b.value * b.scale) <= equal_tolerance(a.value * a.scale)) AS same,
         -- agreement on a few repeated small counts (0, 1, 1 ...) is no sign of the same line
         count(DISTINCT a.value) FILTER (WHERE abs(a.value * a.scale - b.value * b.scale)
                                           <= equal_tolerance(a.value * a.scale)) AS distinct_same
  FROM unit_figures a
  JOIN unit_figures b ON b.doc_id = a.doc_id AND b.table_no > a.table_no AND b.unit_code = a.unit_code
    AND a.measure_kind IS NOT DISTINCT FROM b.measure_kind
  GROUP BY ALL
  HAVING distinct_same >= 3 AND (5 * same >= 4 * shared OR same >= shared - 1)
),
-- Each line is paired with the one it agrees with best.
best AS (
  SELECT * FROM pairs
  QUALIFY row_number() OVER (PARTITION BY doc_id, table_a, line_a, table_b ORDER BY same DESC, line_b) = 1
)
SELECT a.doc_id, 'table_vs_table' AS check_name, b.table_no, b.row_path, b.column_label, a.unit_code, a.unit_name_raw,
  NULL AS footnote_no, NULL AS claim_no, a.value AS expected, b.value AS actual,
  b.value * b.scale / a.scale - a.value AS difference, equal_tolerance(a.value) AS tolerance,
  CASE WHEN abs(a.value * a.scale - b.value * b.scale) <= equal_tolerance(a.value * a.scale) THEN 'pass' ELSE 'fail' END
    AS status,
  printf('the lines agree on %d of %d shared units', p.same, p.shared) AS asserted_by,
  CASE WHEN abs(a.value * a.scale - b.value * b.scale) > equal_tolerance(a.value * a.scale)
       THEN 'one table was revised without the other for this unit' END AS diagnosis,
  printf('%s (%s): table %d, line %s (page %s) gives %s; table %d, line %s (page %s) gives %s', a.unit_name_raw,
         a.unit_code, a.table_no, a.line, coalesce(CAST(a.page AS VARCHAR), '-'), fmt(a.value), b.table_no, b.line,
         coalesce(CAST(b.page AS VARCHAR), '-'), fmt(b.value)) AS detail
FROM best p
JOIN unit_figures a ON a.doc_id = p.doc_id AND a.table_no = p.table_a AND a.line = p.line_a
JOIN unit_figures b ON b.doc_id = p.doc_id AND b.table_no = p.table_b AND b.line = p.line_b AND b.unit_code = a.unit_code
