-- check: footnote_vs_annex
--   en: a footnote's unit figure against the annex cell of the same unit, in the annex line the footnote explains
--   vi: số liệu của một đơn vị trong chú thích so với ô của cùng đơn vị trong biểu
--   failure: the footnote and the annex were edited apart: a unit's figure differs, or one lists a unit the other does not
--
-- Each footnote item against the annex cell of the same unit (matched on unit_code) in the
-- annex line the footnote explains. That line is found, not configured: its total equals the
-- figure the footnote marker is attached to ("42 thôn¹") and its units include every unit the
-- footnote names. A footnote whose figure no line explains gets one warning.
WITH lines AS (SELECT * FROM annex_lines),
line_totals AS (
  SELECT doc_id, table_no, line, value AS total FROM lines
  WHERE (table_axis = 'column' AND column_is_total) OR (table_axis = 'row' AND row_is_total)
),
line_units AS (
  SELECT doc_id, table_no, line, unit_code, unit_name_raw, unit_level, value, row_path, column_label, page
  FROM lines WHERE unit_axis IS NOT NULL AND NOT is_total AND unit_code IS NOT NULL
),
anchored AS (
  SELECT * FROM footnotes WHERE anchor_value IS NOT NULL AND footnote_no IS NOT NULL
    AND EXISTS (SELECT 1 FROM footnote_items i WHERE i.doc_id = footnotes.doc_id AND i.footnote_no = footnotes.footnote_no)
),
explained AS (
  SELECT f.doc_id, f.footnote_no, lt.table_no, lt.line
  FROM anchored f
  JOIN line_totals lt ON lt.doc_id = f.doc_id AND abs(lt.total - f.anchor_value) <= equal_tolerance(f.anchor_value)
  WHERE NOT EXISTS (
    SELECT 1 FROM footnote_items i
    WHERE i.doc_id = f.doc_id AND i.footnote_no = f.footnote_no
      AND (i.unit_code IS NULL OR NOT EXISTS (
        SELECT 1 FROM line_units u
        WHERE u.doc_id = f.doc_id AND u.table_no = lt.table_no AND u.line = lt.line AND u.unit_code = i.unit_code)))
  QUALIFY row_number() OVER (PARTITION BY f.doc_id, f.footnote_no ORDER BY lt.table_no, lt.line) = 1
),
items AS (
  SELECT i.*, e.table_no, e.line FROM footnote_items i
  JOIN explained e ON e.doc_id = i.doc_id AND e.footnote_no = i.footnote_no
),
-- Annex units at the levels the footnote lists (communes, not the district rows that sum them).
item_levels AS (
  SELECT DISTINCT i.doc_id, i.footnote_no, i.unit_level FROM items i
),
annex AS (
  SELECT u.*, e.footnote_no FROM line_units u
  JOIN explained e ON e.doc_id = u.doc_id AND e.table_no = u.table_no AND e.line = u.line
  WHERE u.unit_level IN (SELECT l.unit_level FROM item_levels l WHERE l.doc_id = u.doc_id AND l.footnote_no = e.footnote_no)
)
SELECT coalesce(i.doc_id, a.doc_id) AS doc_id, 'footnote_vs_annex' AS check_name,
  coalesce(a.table_no, i.table_no) AS table_no, coalesce(a.row_path, i.line) AS row_path, a.column_label,
  coalesce(i.unit_code, a.unit_code) AS unit_code, coalesce(i.unit_name_raw, a.unit_name_raw) AS unit_name_raw,
  coalesce(i.footnote_no, a.footnote_no) AS footnote_no,
  a.value AS expected, i.value AS actual, i.value - a.value AS difference,
  equal_tolerance(a.value) AS tolerance,
  -- A footnote lists the units with something to list: a 0 in the annex for a unit it leaves out agrees.
  CASE WHEN i.value IS NULL AND a.value = 0 THEN 'pass'
       ELSE check_status(a.value, i.value, equal_tolerance(a.value)) END AS status,
  'the annex line whose total is the figure the footnote explains' AS asserted_by,
  'exact: things counted' AS tolerance_reason,
  CASE WHEN a.value IS NULL THEN 'a unit missing from the annex line: the footnote lists it, the line has no figure for it'
       WHEN i.value IS NULL AND a.value = 0 THEN NULL
       WHEN i.value IS NULL THEN 'a unit missing from the footnote: the annex line has a figure for it'
       WHEN abs(a.value - i.value) > equal_tolerance(a.value)
         THEN 'the footnote and the annex were edited apart: this unit''s figure differs' END AS diagnosis,
  CASE
    WHEN a.value IS NULL THEN printf('footnote %d lists "%s" (%s) but table %d, line %s has no figure for that unit',
                                     i.footnote_no, i.item_text, i.unit_code, i.table_no, i.line)
    WHEN i.value IS NULL AND a.value = 0
      THEN printf('table %d, line %s has 0 for %s (%s), which footnote %d rightly does not list',
                  a.table_no, a.line, a.unit_name_raw, a.unit_code, a.footnote_no)
    WHEN i.value IS NULL THEN printf('table %d, line %s has %s for %s (%s), which footnote %d does not list',
                                     a.table_no, a.line, fmt(a.value), a.unit_name_raw, a.unit_code, a.footnote_no)
    ELSE printf('footnote %d "%s" against table %d, row %s, column "%s" (page %s) = %s',
                i.footnote_no, i.item_text, a.table_no, a.row_path, a.column_label,
                coalesce(CAST(a.page AS VARCHAR), '-'), fmt(a.value))
  END AS detail
FROM items i
FULL OUTER JOIN annex a ON a.doc_id = i.doc_id AND a.footnote_no = i.footnote_no AND a.unit_code = i.unit_code
UNION ALL
SELECT f.doc_id, 'footnote_vs_annex', NULL, NULL, NULL, NULL, NULL, f.footnote_no, f.anchor_value, NULL, NULL, NULL,
  'warn', NULL, NULL, NULL,
  printf('footnote %d explains "%s" (%s) but no annex line has that total with all the units it names',
         f.footnote_no, f.anchor_context, fmt(f.anchor_value))
FROM anchored f
WHERE NOT EXISTS (SELECT 1 FROM explained e WHERE e.doc_id = f.doc_id AND e.footnote_no = f.footnote_no)
