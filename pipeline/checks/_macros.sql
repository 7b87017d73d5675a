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
