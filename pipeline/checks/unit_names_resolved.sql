-- check: unit_names_resolved
--   en: a printed unit name against the official list, within the document's area
--   vi: tên đơn vị in trong văn bản so với danh mục hành chính chính thức, trong địa bàn của văn bản
--   failure: never fails: a warning names a spelling the official list does not have, with the candidates to review
--
-- Every unit name printed in a document resolves to one official unit within the document's
-- area; an unresolved or ambiguous name is a warning naming the candidates, never a silent pick.
SELECT doc_id, 'unit_names_resolved' AS check_name, NULL AS table_no, NULL AS row_path, NULL AS column_label,
  unit_code, unit_name_raw, NULL AS footnote_no, NULL AS expected, NULL AS actual, NULL AS difference,
  NULL AS tolerance,
  CASE WHEN unit_code IS NULL THEN 'warn' ELSE 'pass' END AS status,
  CASE WHEN unit_code IS NULL
    THEN printf('%s name "%s" is %s in %s; candidates: %s', name_source, unit_name_raw, match_method,
                coalesce(scope, 'no known area'), coalesce(candidates, 'none'))
    ELSE printf('%s name "%s" is %s (%s, %s match)', name_source, unit_name_raw, unit_official_name, unit_code,
                match_method)
  END AS detail
FROM unit_names
