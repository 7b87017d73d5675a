-- check: annex_coverage
--   en: a table of figures that gave no annex table (skipped_tables says why), and a document whose tables all gave nothing
--   vi: một bảng có số liệu nhưng không trích xuất được, và văn bản có bảng mà không có ô số liệu nào
--   failure: never fails: a warning, so that an empty result is never silent; the table's layout is one the parser does not read yet
--
-- Every table with figures is an annex table or a skipped one with its reason; layout tables
-- (header and signature blocks) hold dates and numbers but are no annex.
WITH skipped AS (
  SELECT s.* FROM skipped_tables s JOIN documents d USING (doc_id)
  WHERE d.status = 'ok' AND s.numeric_cells > 0 AND s.skip_reason NOT LIKE 'a layout table%'
),
empty_documents AS (
  SELECT doc_id, count(*) AS n_tables, sum(numeric_cells) AS n_numbers FROM skipped
  WHERE doc_id NOT IN (SELECT doc_id FROM annex_tables)
  GROUP BY doc_id
)
SELECT doc_id, 'annex_coverage' AS check_name, NULL AS table_no, NULL AS row_path, NULL AS column_label,
  NULL AS unit_code, NULL AS unit_name_raw, NULL AS footnote_no, NULL AS claim_no,
  NULL AS expected, CAST(numeric_cells AS DOUBLE) AS actual, NULL AS difference, NULL AS tolerance, 'warn' AS status,
  printf('table %d (page %s, %d x %d, %d cells with figures) gave no annex table: %s; it begins "%s"', grid_no,
         coalesce(CAST(page AS VARCHAR), '-'), n_rows, n_cols, numeric_cells, skip_reason,
         coalesce(sample_text, '')) AS detail
FROM skipped
UNION ALL
SELECT doc_id, 'annex_coverage', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, CAST(n_numbers AS DOUBLE), NULL, NULL,
  'warn', printf('the document has %d tables with figures and not one annex cell: check skipped_tables', n_tables)
FROM empty_documents
