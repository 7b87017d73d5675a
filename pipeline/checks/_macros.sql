-- Shared definitions for the cross-checks; run before them (files starting with _ are not checks).
-- Two figures are equal when they differ by less than a billionth (of at least 1): floats from
-- decimal text, not rounding. Checks with a stated rounding pass their own tolerance.
CREATE OR REPLACE MACRO equal_tolerance(x) AS 1e-9 * greatest(1, abs(x));
CREATE OR REPLACE MACRO check_status(expected, actual, tol) AS
  CASE WHEN expected IS NULL OR actual IS NULL THEN 'fail'
       WHEN abs(actual - expected) <= tol THEN 'pass' ELSE 'fail' END;
CREATE OR REPLACE MACRO fmt(x) AS
  CASE WHEN x IS NULL THEN 'nothing' WHEN x = round(x) THEN printf('%d', CAST(x AS BIGINT)) ELSE printf('%g', x) END;
-- A constant of the programmes, from the vocabulary (programme.csv): programme_constant('national_commune_criteria').
CREATE OR REPLACE MACRO programme_constant(constant_name) AS
  (SELECT value FROM programme_constants WHERE name = constant_name);
-- The national set of criteria a commune meets at the New Rural standard: a commune at standard counts them all.
CREATE OR REPLACE MACRO national_commune_criteria() AS programme_constant('national_commune_criteria');
-- Averages are printed with two decimals.
CREATE OR REPLACE MACRO rounding_tolerance() AS 0.005;
-- Every annex cell with its table's unit axis and the line it belongs to: its row where units are
-- columns, its column where units are rows. (Temporary: set-up for the checks, not published.)
CREATE OR REPLACE TEMP VIEW annex_lines AS
SELECT c.*, t.unit_axis AS table_axis,
       CASE t.unit_axis WHEN 'column' THEN c.row_path ELSE c.column_label END AS line
FROM annex_cells c JOIN annex_tables t USING (doc_id, table_no)
WHERE t.unit_axis IS NOT NULL;
-- Whether a line counts what a claim or footnote counts ('thôn', 'xã'): the parsers record in
-- `counted` what each line's labels say its figures count.
CREATE OR REPLACE MACRO counts(counted, measure) AS
  coalesce(list_contains(string_split(counted, '; '), measure), false);
-- A whole stated as rounded ("Tổng mức đầu tư (làm tròn)" = 1.891.054.000 against 1.891.054.068)
-- is within rounding when it is a multiple of the first power of ten above the difference (100
-- here), up to a million: that power is the tolerance.
CREATE OR REPLACE MACRO rounding_unit(difference) AS
  CAST(10 ** (CASE WHEN abs(difference) < 1 THEN 0 ELSE floor(log10(abs(difference))) + 1 END) AS DOUBLE);
CREATE OR REPLACE MACRO stated_rounding(is_rounded, x, difference) AS
  CASE WHEN is_rounded AND x = round(x) AND rounding_unit(difference) <= 1e6
            AND CAST(x AS BIGINT) % CAST(rounding_unit(difference) AS BIGINT) = 0
       THEN rounding_unit(difference) END;
-- Every figure that is the sum of others, with their sum: along rows (a section, a district, the
-- total row over the rows directly beneath it) and along columns (a 'Tổng' column over the years
-- of its period, the 'Tổng số' column over the unit columns). One definition for units as rows or
-- as columns; the checks read it. Percentages are not summed. A row whose figure a formula
-- states ('G + C + TL') is not a sum of the rows below it.
CREATE OR REPLACE TEMP VIEW annex_sums AS
WITH figures AS (
  SELECT * FROM annex_cells WHERE value_kind = 'number'
),
parts AS (
  SELECT doc_id, table_no, 'rows' AS axis, parent_path AS whole_row, column_label AS whole_column,
         row_path AS part, value, unit_axis = 'row' AS is_unit, period
  FROM figures WHERE parent_path IS NOT NULL
  UNION ALL
  SELECT doc_id, table_no, 'columns', row_path, column_whole, column_label, value, unit_axis = 'column', period
  FROM figures WHERE column_whole IS NOT NULL
),
sums AS (
  SELECT doc_id, table_no, axis, whole_row, whole_column, sum(value) AS parts_sum, count(*) AS n_parts,
         string_agg(part, ' + ' ORDER BY part) AS parts, bool_and(is_unit) AS parts_are_units,
         bool_and(period IS NOT NULL) AS parts_are_periods
  FROM parts GROUP BY ALL
),
formula_rows AS (
  SELECT DISTINCT doc_id, table_no, row_path FROM annex_texts WHERE column_role = 'formula'
),
wholes AS (
  SELECT s.*, w.value AS whole_value, w.page, w.unit_code, w.unit_name_raw,
         coalesce(w.measure_kind, t.measure_kind) AS measure_kind,
         stated_rounding(w.is_rounded, w.value, s.parts_sum - w.value) AS stated_unit,
         EXISTS (SELECT 1 FROM annex_cells x WHERE x.doc_id = s.doc_id AND x.table_no = s.table_no
                   AND CASE s.axis WHEN 'rows' THEN x.row_path = s.whole_row ELSE x.column_label = s.whole_column END)
           AS whole_line_exists
  FROM sums s
  JOIN annex_tables t USING (doc_id, table_no)
  LEFT JOIN figures w ON w.doc_id = s.doc_id AND w.table_no = s.table_no AND w.row_path = s.whole_row
    AND w.column_label = s.whole_column
  WHERE NOT EXISTS (SELECT 1 FROM formula_rows f WHERE f.doc_id = s.doc_id AND f.table_no = s.table_no
                      AND f.row_path = s.whole_row)
)
SELECT *,
  CASE WHEN parts_are_units THEN 'total_vs_units'
       WHEN axis = 'rows' THEN 'parent_vs_children'
       WHEN parts_are_periods THEN 'total_vs_periods'
       ELSE 'total_vs_parts' END AS check_name,
  equal_tolerance(whole_value) AS exact_tolerance,
  CASE WHEN stated_unit IS NOT NULL THEN stated_unit
       -- parts each rounded to the đồng may differ from the rounded whole by half a đồng per part
       WHEN measure_kind = 'money' THEN greatest(1, 0.5 * n_parts) END AS rounding_tolerance
FROM wholes
WHERE whole_value IS NOT NULL OR (whole_line_exists AND parts_are_units);
