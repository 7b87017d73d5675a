-- Set-up for whole_vs_parts: every sum an annex claims, as a relation between a whole and its
-- parts, with why it is asserted and how closely it must hold. (Temporary views, not published.)
--
-- A relation comes from the table's structure: a row over the rows beneath it (its nearest rows
-- with a figure in that column, so a section without figures passes its items up to the total),
-- a total column over the columns it totals (units, years, a group's parts), a column the
-- column-number row defines ("1=2+3+4"). It is asserted only for figures that add up (the kind of
-- their measure, vocabulary_measure_kinds: never percentages, scores, ranks, coordinates, unit
-- prices), and:
--   - a total (a total row or column, a formula) always equals its parts;
--   - parts under "Trong đó" are "of which": at most their whole, unless the table shows them
--     complete (their sum equals the whole in most lines);
--   - a section over its items equals them when most sections of the table do (or the table has
--     no more than two to judge by); where few do, the table claims no such sums: one warning.
-- The tolerance follows what is printed: exact for things counted, the rounding of the decimals
-- shown for measured quantities (half a unit of the last decimal per figure), or the rounding a
-- label states ("(làm tròn)").

-- Figures with what may be done with them.
CREATE OR REPLACE TEMP VIEW annex_figures AS
SELECT c.*,
  coalesce(k.additive, true) AS additive,
  coalesce(k.rounded, false) OR c.value_decimals > 0 AS rounded
FROM annex_cells c
LEFT JOIN vocabulary_measure_kinds k ON k.measure_kind = c.measure_kind
WHERE c.value_kind = 'number';

-- Each figure's nearest row above it with a figure in the same column: the whole it is a part of.
CREATE OR REPLACE TEMP VIEW annex_row_wholes AS
WITH RECURSIVE up(doc_id, table_no, column_index, row_path, ancestor, depth) AS (
  SELECT f.doc_id, f.table_no, f.column_index, f.row_path, r.parent_path, 1
  FROM annex_figures f JOIN annex_rows r USING (doc_id, table_no, row_path)
  WHERE r.parent_path IS NOT NULL
  UNION ALL
  SELECT u.doc_id, u.table_no, u.column_index, u.row_path, r.parent_path, u.depth + 1
  FROM up u
  JOIN annex_rows r ON r.doc_id = u.doc_id AND r.table_no = u.table_no AND r.row_path = u.ancestor
  WHERE r.parent_path IS NOT NULL AND u.depth < 12
    AND NOT EXISTS (SELECT 1 FROM annex_figures f WHERE f.doc_id = u.doc_id AND f.table_no = u.table_no
                      AND f.column_index = u.column_index AND f.row_path = u.ancestor)
)
SELECT u.doc_id, u.table_no, u.column_index, u.row_path AS part_row, u.ancestor AS whole_row, u.depth
FROM up u
WHERE EXISTS (SELECT 1 FROM annex_figures f WHERE f.doc_id = u.doc_id AND f.table_no = u.table_no
                AND f.column_index = u.column_index AND f.row_path = u.ancestor);

CREATE OR REPLACE TEMP VIEW annex_relation_candidates AS
WITH row_parts AS (
  SELECT w.doc_id, w.table_no, w.whole_row, w.column_index, evidence_of(f.row_path, f.row_label, f.column_label,
           f.value, f.value_text, f.page, f.ocr_confidence, f.unit_name_raw) AS part, f.value, f.additive, f.rounded,
         f.value_decimals, f.unit_axis = 'row' AS is_unit, f.row_kind = 'of_which' AS of_which
  FROM annex_row_wholes w
  JOIN annex_figures f ON f.doc_id = w.doc_id AND f.table_no = w.table_no AND f.column_index = w.column_index
    AND f.row_path = w.part_row
),
row_relations AS (
  SELECT doc_id, table_no, 'rows' AS axis, whole_row, column_index AS whole_column_index,
         list(part ORDER BY part.row_path) AS parts, sum(value) AS parts_sum, count(*) AS n_parts,
         bool_and(additive) AS additive, bool_or(rounded) AS rounded, max(value_decimals) AS decimals,
         bool_and(is_unit) AS parts_are_units, bool_or(of_which) AS of_which_parts, false AS parts_are_periods
  FROM row_parts GROUP BY ALL
),
column_parts AS (
  SELECT f.doc_id, f.table_no, f.row_path AS whole_row, w.column_index AS whole_column_index,
         evidence_of(f.row_path, f.row_label, f.column_label, f.value, f.value_text, f.page, f.ocr_confidence,
                     f.unit_name_raw) AS part, f.value, f.additive, f.rounded, f.value_decimals, f.unit_axis = 'column' AS is_unit, f.period,
         f.column_kind = 'of_which' AS of_which
  FROM annex_figures f
  JOIN annex_columns w ON w.doc_id = f.doc_id AND w.table_no = f.table_no AND w.column_label = f.column_whole
  WHERE w.column_formula IS NULL
  UNION ALL
  -- A column the column-number row defines as a sum of others ('1=2+3+4').
  SELECT f.doc_id, f.table_no, f.row_path, w.column_index,
         evidence_of(f.row_path, f.row_label, f.column_label, f.value, f.value_text, f.page, f.ocr_confidence,
                     f.unit_name_raw), f.value, f.additive, f.rounded,
         f.value_decimals, f.unit_axis = 'column', f.period, false
  FROM annex_columns w
  JOIN annex_columns p ON p.doc_id = w.doc_id AND p.table_no = w.table_no AND p.column_number IS NOT NULL
    AND list_contains(string_split(regexp_replace(w.column_formula, '[()]', '', 'g'), '+'), p.column_number)
  JOIN annex_figures f ON f.doc_id = p.doc_id AND f.table_no = p.table_no AND f.column_index = p.column_index
  WHERE regexp_matches(w.column_formula, '^\(?[0-9A-Z]+\)?(\+\(?[0-9A-Z]+\)?)+$')
),
column_relations AS (
  SELECT c.doc_id, c.table_no, 'columns' AS axis, c.whole_row, c.whole_column_index,
         list(c.part ORDER BY c.part.column) AS parts, sum(c.value) AS parts_sum, count(*) AS n_parts,
         bool_and(c.additive) AS additive, bool_or(c.rounded) AS rounded, max(c.value_decimals) AS decimals,
         bool_and(c.is_unit) AS parts_are_units,
         bool_or(c.of_which) AS of_which_parts, bool_and(c.period IS NOT NULL) AS parts_are_periods
  FROM column_parts c GROUP BY ALL
),
relations AS (
  SELECT * FROM row_relations UNION ALL SELECT * FROM column_relations
)
SELECT r.*, w.value AS whole_value, w.value_text AS whole_text, w.page, w.unit_code, w.unit_name_raw,
  w.row_label AS whole_label, w.ocr_confidence AS whole_confidence, w.is_rounded AS whole_rounded,
  coalesce(w.additive, r.additive) AND r.additive AS adds_up,
  greatest(coalesce(w.value_decimals, 0), r.decimals) AS shown_decimals,
  r.rounded OR coalesce(w.rounded, false) AS measured,
  c.column_label AS whole_column, c.column_role AS whole_column_role, c.column_formula, rw.row_is_total,
  rw.row_label AS row_label,
  -- What the structure says the whole is.
  CASE WHEN r.axis = 'columns' AND c.column_formula IS NOT NULL THEN 'formula'
       WHEN r.axis = 'rows' AND rw.row_is_total THEN 'total'
       WHEN r.axis = 'columns' AND c.column_role = 'total' AND NOT r.of_which_parts THEN 'total'
       WHEN r.axis = 'columns' AND r.parts_are_periods AND NOT r.of_which_parts THEN 'total'
       WHEN r.of_which_parts
         OR EXISTS (SELECT 1 FROM annex_rows o WHERE o.doc_id = r.doc_id AND o.table_no = r.table_no
                      AND o.row_kind = 'of_which' AND o.row_path LIKE r.whole_row || '~%') THEN 'of_which'
       WHEN r.axis = 'columns' THEN 'total'
       ELSE 'section' END AS structure
FROM relations r
JOIN annex_columns c ON c.doc_id = r.doc_id AND c.table_no = r.table_no AND c.column_index = r.whole_column_index
JOIN annex_rows rw ON rw.doc_id = r.doc_id AND rw.table_no = r.table_no AND rw.row_path = r.whole_row
LEFT JOIN annex_figures w ON w.doc_id = r.doc_id AND w.table_no = r.table_no AND w.row_path = r.whole_row
  AND w.column_index = r.whole_column_index
-- A row whose figure a formula states ('G + C + TL', 'GPM') says what it is the sum of: not the rows above.
WHERE NOT EXISTS (SELECT 1 FROM annex_texts x WHERE x.doc_id = r.doc_id AND x.table_no = r.table_no
                    AND x.row_path = r.whole_row AND x.column_role = 'formula');

-- Every relation with its tolerance, whether it holds, and whether the table asserts it.
CREATE OR REPLACE TEMP VIEW annex_relations AS
WITH toleranced AS (
  SELECT *,
    parts_sum - whole_value AS difference,
    equal_tolerance(whole_value) AS exact_tolerance,
    stated_rounding(whole_rounded, whole_value, parts_sum - whole_value) AS stated_unit,
    -- every printed figure is within half a unit of its last decimal of the value it rounds
    CASE WHEN measured THEN 0.5 * 10 ** (-shown_decimals) * (n_parts + 1) END AS rounding_tolerance
  FROM annex_relation_candidates
  WHERE adds_up
),
judged AS (
  SELECT *,
    whole_value IS NOT NULL AND (abs(difference) <= exact_tolerance OR abs(difference) < coalesce(stated_unit, 0)
      OR abs(difference) <= coalesce(rounding_tolerance, 0)) AS holds
  FROM toleranced
),
families AS (
  SELECT doc_id, table_no, axis, structure, count(*) AS n_lines, count(*) FILTER (WHERE holds) AS n_holding
  FROM judged WHERE whole_value IS NOT NULL GROUP BY ALL
)
SELECT j.*, f.n_lines, f.n_holding,
  CASE WHEN j.structure IN ('total', 'formula') THEN 'equal'
       WHEN j.structure = 'of_which' AND f.n_lines >= 2 AND 2 * f.n_holding >= f.n_lines THEN 'equal'
       WHEN j.structure = 'of_which' THEN 'at_most'
       WHEN 2 * f.n_holding >= f.n_lines OR f.n_lines <= 2 THEN 'equal'
  END AS relation,
  CASE WHEN j.structure = 'formula' THEN printf('the column-number row says %s', j.column_formula)
       WHEN j.structure = 'total' AND j.axis = 'rows' THEN printf('a total row ("%s")', j.row_label)
       WHEN j.structure = 'total' AND j.parts_are_periods THEN printf('"%s" totals its years', j.whole_column)
       WHEN j.structure = 'total' THEN printf('"%s" totals its columns', j.whole_column)
       WHEN j.structure = 'of_which' AND f.n_lines >= 2 AND 2 * f.n_holding >= f.n_lines
         THEN printf('parts under "Trong đó", shown complete: they add up in %d of %d lines', f.n_holding, f.n_lines)
       WHEN j.structure = 'of_which' THEN 'parts under "Trong đó": at most their whole'
       ELSE printf('sections over their items: they add up in %d of %d lines of the table', f.n_holding, f.n_lines)
  END AS asserted_by
FROM judged j
LEFT JOIN families f ON f.doc_id = j.doc_id AND f.table_no = j.table_no AND f.axis = j.axis AND f.structure = j.structure;
