-- The total of each line of an annex table against the sum of its unit cells: per row where
-- units are columns (total column), per column where units are rows (total row).
-- A line with unit figures and no total fails: a mislabelled total cannot pass silently.
WITH lines AS (SELECT * FROM annex_lines),
units AS (
  SELECT doc_id, table_no, table_axis, line, sum(value) AS unit_sum, count(*) AS n_units,
         any_value(column_label) AS any_column
  FROM lines
  WHERE unit_axis IS NOT NULL AND NOT is_total AND (table_axis = 'column' OR parent_path IS NULL)
  GROUP BY ALL
),
totals AS (
  SELECT doc_id, table_no, table_axis, line, value AS total, row_path, column_label, page
  FROM lines
  WHERE (table_axis = 'column' AND column_is_total) OR (table_axis = 'row' AND row_is_total)
)
SELECT
  t.doc_id, 'total_vs_units' AS check_name, t.table_no, t.row_path,
  CASE WHEN t.table_axis = 'row' THEN t.column_label END AS column_label,
  NULL AS unit_code, NULL AS unit_name_raw, NULL AS footnote_no,
  t.total AS expected, u.unit_sum AS actual, u.unit_sum - t.total AS difference,
  equal_tolerance(t.total) AS tolerance,
  check_status(t.total, u.unit_sum, equal_tolerance(t.total)) AS status,
  printf('table %d, %s %s: total %s (page %s) against the sum of %d unit figures, %s',
         t.table_no, CASE t.table_axis WHEN 'column' THEN 'row' ELSE 'column' END, t.line, fmt(t.total),
         coalesce(CAST(t.page AS VARCHAR), '-'), u.n_units, fmt(u.unit_sum)) AS detail
FROM totals t
JOIN units u ON u.doc_id = t.doc_id AND u.table_no = t.table_no AND u.line = t.line
UNION ALL
SELECT u.doc_id, 'total_vs_units', u.table_no, CASE WHEN u.table_axis = 'column' THEN u.line ELSE 'TOTAL' END,
  CASE WHEN u.table_axis = 'row' THEN u.any_column END,
  NULL, NULL, NULL, NULL, u.unit_sum, NULL, NULL, 'fail',
  printf('table %d, %s %s: %d unit figures sum to %s but the line has no total',
         u.table_no, CASE u.table_axis WHEN 'column' THEN 'row' ELSE 'column' END, u.line, u.n_units, fmt(u.unit_sum))
FROM units u
WHERE EXISTS (SELECT 1 FROM totals x WHERE x.doc_id = u.doc_id AND x.table_no = u.table_no)
  AND NOT EXISTS (SELECT 1 FROM totals x WHERE x.doc_id = u.doc_id AND x.table_no = u.table_no AND x.line = u.line)
