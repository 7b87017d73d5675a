-- check: claim_vs_row
--   en: a figure the text gives a named row in parentheses ('Âu Lâu (86,83%)', 'Cụm công nghiệp Đầm Hồng (16 ha, ...)') against that row's figure of the same kind in an annex
--   vi: con số văn bản ghi trong ngoặc sau một tên ('Âu Lâu (86,83%)') so với số liệu cùng loại của dòng mang tên đó trong biểu
--   failure: the text and the annex give the named item different figures: one was revised without the other
--
-- The row is the annex row whose label the name ends with (the text may write 'Cụm công nghiệp
-- Đầm Hồng' for a row 'Đầm Hồng'), in a table with exactly one column of the claim's kind (one
-- percentage column, one area column): otherwise which figure the text means is unknown, and the
-- claim is left to unchecked_claims.
WITH named AS (
  SELECT c.*, lower(c.subject) AS subject_key FROM claims c
  WHERE c.subject IS NOT NULL AND c.measure_kind IS NOT NULL AND c.kind <> 'equation'
),
kind_columns AS (
  SELECT doc_id, table_no, measure_kind, min(column_index) AS column_index, count(*) AS n_columns
  FROM annex_columns WHERE measure_kind IS NOT NULL AND column_role IN ('value', 'total', 'unit')
  GROUP BY ALL
),
matched AS (
  SELECT n.doc_id, n.claim_no, n.value AS stated, n.value_text, n.subject, f.table_no, f.row_path, f.column_label,
         f.value, f.value_text AS printed, f.page, f.row_label
  FROM named n
  JOIN kind_columns k ON k.doc_id = n.doc_id AND k.measure_kind = n.measure_kind AND k.n_columns = 1
  JOIN annex_cells f ON f.doc_id = k.doc_id AND f.table_no = k.table_no AND f.column_index = k.column_index
    AND length(f.row_label) >= 3 AND (n.subject_key = lower(f.row_label) OR ends_with(n.subject_key, ' ' || lower(f.row_label)))
  QUALIFY count(*) OVER (PARTITION BY n.doc_id, n.claim_no) = 1
)
SELECT doc_id, 'claim_vs_row' AS check_name, table_no, row_path, column_label, NULL AS unit_code, NULL AS unit_name_raw,
  NULL AS footnote_no, claim_no, value AS expected, stated AS actual, stated - value AS difference,
  equal_tolerance(value) AS tolerance,
  CASE WHEN abs(stated - value) <= equal_tolerance(value) THEN 'pass' ELSE 'fail' END AS status,
  printf('the row "%s" of table %d, the one column of the claim''s kind', row_label, table_no) AS asserted_by,
  'exact: the same figure printed twice' AS tolerance_reason,
  CASE WHEN abs(stated - value) > equal_tolerance(value)
       THEN 'the text and the annex give this item different figures: one was revised without the other' END
    AS diagnosis,
  printf('claim %d "%s" for %s against table %d, row %s "%s", column "%s" (page %s) = %s', claim_no, value_text,
         subject, table_no, row_path, row_label, column_label, coalesce(CAST(page AS VARCHAR), '-'), printed) AS detail
FROM matched
