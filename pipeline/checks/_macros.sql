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
-- A figure as evidence: where it is and what it says.
CREATE OR REPLACE MACRO evidence_of(row_path, label, column_label, value, value_text, page, confidence, unit) AS
  struct_pack(row_path := row_path, label := coalesce(label, ''), "column" := column_label, value := value,
              "text" := value_text, page := page, confidence := confidence, unit := unit);
-- Where a part is, for a diagnosis: its row, and its column when the parts are columns (a unit's).
CREATE OR REPLACE MACRO part_where(part, axis) AS
  CASE WHEN axis = 'columns' THEN printf('row %s %s, column "%s"', part.row_path, part.label, part."column")
       ELSE trim(part.row_path || ' ' || part.label) END;
-- A printed figure's digits, and its value with two neighbouring digits swapped (for diagnosis:
-- '3.048' for '3.408').
CREATE OR REPLACE MACRO digits_of(printed) AS regexp_replace(coalesce(printed, ''), '[^0-9]', '', 'g');
CREATE OR REPLACE MACRO digit_swaps(printed, value) AS
  CASE WHEN length(digits_of(printed)) BETWEEN 2 AND 18 AND CAST(digits_of(printed) AS DOUBLE) > 0 THEN
    list_transform(range(1, length(digits_of(printed))), lambda i:
      CAST(substr(digits_of(printed), 1, i - 1) || substr(digits_of(printed), i + 1, 1)
           || substr(digits_of(printed), i, 1) || substr(digits_of(printed), i + 2) AS DOUBLE)
      * (abs(value) / CAST(digits_of(printed) AS DOUBLE)))
  ELSE [] END;
-- Confidence below which an OCR reading is named as a likely cause.
CREATE OR REPLACE MACRO low_ocr_confidence() AS 80;
