-- check: footnote_sum
--   en: a footnote's items against the total it explains (the figure its marker follows) and the total it states
--   vi: tổng các mục trong chú thích so với con số được chú thích và tổng chú thích tự nêu
--   failure: an item left out or mistyped in the footnote, or a text figure not updated
--
-- The sum of a footnote's items against the total it explains (the body figure its marker is
-- attached to) and against any total the footnote itself states. A footnote with items and
-- neither total cannot be checked, and says so.
WITH sums AS (
  SELECT doc_id, footnote_no, sum(value) AS item_sum, count(*) AS n_items, any_value(measure) AS measure
  FROM footnote_items GROUP BY ALL
),
targets AS (
  SELECT doc_id, footnote_no, 'anchor' AS side, anchor_value AS target, anchor_context AS source FROM footnotes
  WHERE anchor_value IS NOT NULL
  UNION ALL
  SELECT doc_id, footnote_no, 'stated', stated_total, text FROM footnotes WHERE stated_total IS NOT NULL
)
SELECT s.doc_id, 'footnote_sum' AS check_name, NULL AS table_no, NULL AS row_path, NULL AS column_label,
  NULL AS unit_code, NULL AS unit_name_raw, s.footnote_no,
  t.target AS expected, s.item_sum AS actual, s.item_sum - t.target AS difference,
  equal_tolerance(t.target) AS tolerance,
  check_status(t.target, s.item_sum, equal_tolerance(t.target)) AS status,
  CASE t.side WHEN 'anchor' THEN 'the footnote explains the figure its marker follows'
       ELSE 'the footnote states its own total' END AS asserted_by,
  'exact: things counted' AS tolerance_reason,
  CASE WHEN abs(s.item_sum - t.target) > equal_tolerance(t.target)
       THEN 'an item left out or mistyped in the footnote, or the figure in the text not updated' END AS diagnosis,
  printf('footnote %d: %d items sum to %s %s against %s %s',
         s.footnote_no, s.n_items, fmt(s.item_sum), coalesce(s.measure, ''),
         CASE t.side WHEN 'anchor' THEN 'the figure its marker follows in the text' ELSE 'the total it states' END,
         fmt(t.target)) AS detail
FROM sums s JOIN targets t ON t.doc_id = s.doc_id AND t.footnote_no = s.footnote_no
UNION ALL
SELECT s.doc_id, 'footnote_sum', NULL, NULL, NULL, NULL, NULL, s.footnote_no, NULL, s.item_sum, NULL, NULL, 'warn',
  NULL, NULL, NULL,
  printf('footnote %d: %d items sum to %s but neither the text nor the footnote gives a total to check them against',
         s.footnote_no, s.n_items, fmt(s.item_sum))
FROM sums s
WHERE NOT EXISTS (SELECT 1 FROM targets t WHERE t.doc_id = s.doc_id AND t.footnote_no = s.footnote_no)
