-- A parent row against the sum of its child rows, per column (I = I.1 + I.2).
-- Compared where the parent has a figure and any child has one in that column; a parent that
-- sums other columns but is blank where its children have figures is a warning.
WITH children AS (
  SELECT doc_id, table_no, parent_path, column_label, sum(value) AS child_sum, count(*) AS n_children,
         string_agg(row_path, ' + ' ORDER BY row_path) AS parts, any_value(unit_code) AS unit_code,
         any_value(unit_name_raw) AS unit_name_raw
  FROM annex_cells
  WHERE parent_path IS NOT NULL
  GROUP BY ALL
),
families AS (
  SELECT DISTINCT doc_id, table_no, parent_path FROM annex_cells WHERE parent_path IS NOT NULL
),
parents AS (
  SELECT p.* FROM annex_cells p
  JOIN families f ON f.doc_id = p.doc_id AND f.table_no = p.table_no AND f.parent_path = p.row_path
)
SELECT p.doc_id, 'parent_vs_children' AS check_name, p.table_no, p.row_path, p.column_label,
  p.unit_code, p.unit_name_raw, NULL AS footnote_no,
  p.value AS expected, coalesce(c.child_sum, 0) AS actual, coalesce(c.child_sum, 0) - p.value AS difference,
  equal_tolerance(p.value) AS tolerance,
  check_status(p.value, coalesce(c.child_sum, 0), equal_tolerance(p.value)) AS status,
  printf('table %d, row %s, column "%s": %s (page %s) against %s = %s',
         p.table_no, p.row_path, p.column_label, fmt(p.value), coalesce(CAST(p.page AS VARCHAR), '-'),
         coalesce(c.parts, 'no child figures'), fmt(coalesce(c.child_sum, 0))) AS detail
FROM parents p
LEFT JOIN children c ON c.doc_id = p.doc_id AND c.table_no = p.table_no
  AND c.parent_path = p.row_path AND c.column_label = p.column_label
UNION ALL
SELECT c.doc_id, 'parent_vs_children', c.table_no, c.parent_path, c.column_label,
  c.unit_code, c.unit_name_raw, NULL, NULL, c.child_sum, NULL, NULL, 'warn',
  printf('table %d, row %s, column "%s": blank, but its children %s sum to %s',
         c.table_no, c.parent_path, c.column_label, c.parts, fmt(c.child_sum))
FROM children c
WHERE EXISTS (SELECT 1 FROM annex_cells p WHERE p.doc_id = c.doc_id AND p.table_no = c.table_no
                AND p.row_path = c.parent_path)
  AND NOT EXISTS (SELECT 1 FROM annex_cells p WHERE p.doc_id = c.doc_id AND p.table_no = c.table_no
                AND p.row_path = c.parent_path AND p.column_label = c.column_label)
