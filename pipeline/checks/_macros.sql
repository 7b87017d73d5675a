-- Shared definitions for the cross-checks; run before them (files starting with _ are not checks).
-- Two figures are equal when they differ by less than a millionth (of at least 1): floats from
-- decimal text, not rounding. Checks with a stated rounding pass their own tolerance.
CREATE OR REPLACE MACRO equal_tolerance(x) AS 1e-6 * greatest(1, abs(x));
CREATE OR REPLACE MACRO check_status(expected, actual, tol) AS
  CASE WHEN expected IS NULL OR actual IS NULL THEN 'fail'
       WHEN abs(actual - expected) <= tol THEN 'pass' ELSE 'fail' END;
CREATE OR REPLACE MACRO fmt(x) AS
  CASE WHEN x IS NULL THEN 'nothing' WHEN x = round(x) THEN printf('%d', CAST(x AS BIGINT)) ELSE printf('%g', x) END;
-- The national set of criteria for a commune to reach the New Rural standard (Bộ tiêu chí quốc gia
-- về xã nông thôn mới giai đoạn 2021 - 2025) has 19 criteria: a commune at standard counts 19.
CREATE OR REPLACE MACRO national_commune_criteria() AS 19;
-- Averages are printed with two decimals.
CREATE OR REPLACE MACRO rounding_tolerance() AS 0.005;
-- Every annex cell with its table's unit axis and the line it belongs to: its row where units are
-- columns, its column where units are rows. (Temporary: set-up for the checks, not published.)
CREATE OR REPLACE TEMP VIEW annex_lines AS
SELECT c.*, t.unit_axis AS table_axis,
       CASE t.unit_axis WHEN 'column' THEN c.row_path ELSE c.column_label END AS line
FROM annex_cells c JOIN annex_tables t USING (doc_id, table_no)
WHERE t.unit_axis IS NOT NULL;
-- Each row's label with its parent's ("thực hiện thôn ... / kế hoạch từ năm 2022 - 2025"), lower
-- case, with 'nông thôn' (rural) written apart from the measure word 'thôn' (village).
CREATE OR REPLACE TEMP VIEW annex_row_labels AS
WITH own AS (SELECT DISTINCT doc_id, table_no, row_path, parent_path, row_label FROM annex_cells)
SELECT o.doc_id, o.table_no, o.row_path, o.parent_path,
       replace(lower(coalesce(p.row_label || ' / ', '') || o.row_label), 'nông thôn', 'nôngthôn') AS label
FROM own o LEFT JOIN own p ON p.doc_id = o.doc_id AND p.table_no = o.table_no AND p.row_path = o.parent_path;
