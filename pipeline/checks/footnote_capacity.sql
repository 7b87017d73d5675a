-- check: footnote_capacity
--   en: a planned figure against what the unit has, from a footnote that states it (villages planned never exceed the villages)
--   vi: số liệu kế hoạch của một đơn vị so với số hiện có nêu trong chú thích
--   failure: a unit planned for more than it has: a mistyped plan figure or an outdated footnote
--
-- A footnote that states a total without explaining a figure of the text ("Tổng số thôn thuộc 2 xã
-- biên giới là 27 thôn (...)") gives what each unit has; no annex line may plan more for that unit
-- in the same measure (planned villages never exceed the villages a commune has).
WITH capacity AS (
  SELECT i.* FROM footnote_items i JOIN footnotes f USING (doc_id, footnote_no)
  WHERE f.anchor_value IS NULL AND f.stated_total IS NOT NULL AND i.unit_code IS NOT NULL
),
labelled AS (
  SELECT * FROM annex_cells WHERE unit_axis = 'column' AND NOT is_total
)
SELECT l.doc_id, 'footnote_capacity' AS check_name, l.table_no, l.row_path, l.column_label, l.unit_code,
  l.unit_name_raw, k.footnote_no, NULL AS claim_no,
  k.value AS expected, l.value AS actual, l.value - k.value AS difference, 0 AS tolerance,
  CASE WHEN l.value <= k.value THEN 'pass' ELSE 'fail' END AS status,
  printf('table %d, row %s: %s %s for %s, against the %s the unit has (footnote %d)', l.table_no, l.row_path,
         fmt(l.value), k.measure, l.unit_name_raw, fmt(k.value), k.footnote_no) AS detail
FROM capacity k
JOIN labelled l ON l.doc_id = k.doc_id AND l.unit_code = k.unit_code
  AND counts(l.counted, k.measure)
