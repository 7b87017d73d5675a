-- check: figure_texts
--   en: a cell of a figure column written as a number that does not read as one ('1.2.3', '1,234.5', '½', '1e3'): kept as text, not guessed
--   vi: ô trong cột số liệu viết như một con số nhưng không đọc được ('1.2.3', '1,234.5', '½', '1e3'): giữ nguyên dạng chữ, không đoán
--   failure: never fails: a warning naming the cell, so that a figure is never silently dropped from the sums
--
-- Words in a figure column ("Không", "x", "1,2 lần", "< 6%") are kept in annex_texts with
-- column_role 'value'; one made only of digits, separators and signs was meant as a figure.
SELECT doc_id, 'figure_texts' AS check_name, table_no, row_path, column_label, unit_code, unit_name_raw,
  NULL AS footnote_no, NULL AS claim_no, NULL AS expected, NULL AS actual, NULL AS difference, NULL AS tolerance,
  'warn' AS status,
  printf('table %d, row %s, column "%s" (page %s): "%s" is in a column of figures but does not read as a number',
         table_no, row_path, column_label, coalesce(CAST(page AS VARCHAR), '-'), text) AS detail
FROM annex_texts
WHERE column_role = 'value' AND regexp_matches(text, '[0-9½¼¾]')
  AND (regexp_matches(text, '^[0-9½¼¾.,\s()+%/−–-]+$')
       OR regexp_matches(text, '^[+−–-]?[0-9]+([.,][0-9]+)?[eE][+−–-]?[0-9]+$'))  -- '1e3', as a spreadsheet writes
