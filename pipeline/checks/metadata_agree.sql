-- check: metadata_agree
--   en: two places of a document stating the same number, date or type (the header block and an annex caption)
--   vi: số, ngày, loại văn bản ở phần đầu so với nơi khác trong văn bản (dòng kèm theo của phụ lục)
--   failure: an annex taken over from another document or a draft, or a typing slip in the number or date
--
-- Where two parts of a document state the same metadata field (the header block and an annex
-- caption), they must agree.
WITH header AS (
  SELECT * FROM metadata_sources WHERE source IN ('header block', 'title')
)
SELECT o.doc_id, 'metadata_agree' AS check_name, NULL AS table_no, NULL AS row_path, NULL AS column_label,
  NULL AS unit_code, NULL AS unit_name_raw, NULL AS footnote_no, NULL AS claim_no,
  NULL AS expected, NULL AS actual, NULL AS difference, NULL AS tolerance,
  CASE WHEN h.value = o.value THEN 'pass' ELSE 'fail' END AS status,
  printf('%s: %s says "%s", %s says "%s"', o.field, h.source, h.value, o.source, o.value) AS detail
FROM metadata_sources o
JOIN header h ON h.doc_id = o.doc_id AND h.field = o.field AND h.source <> o.source
WHERE o.source NOT IN ('header block', 'title')
