-- Shared definitions for the cross-checks; run before them (files starting with _ are not checks).
-- Two figures are equal when they differ by less than a millionth (of at least 1): floats from
-- decimal text, not rounding. Checks with a stated rounding pass their own tolerance.
CREATE OR REPLACE MACRO equal_tolerance(x) AS 1e-6 * greatest(1, abs(x));
CREATE OR REPLACE MACRO check_status(expected, actual, tol) AS
  CASE WHEN expected IS NULL OR actual IS NULL THEN 'fail'
       WHEN abs(actual - expected) <= tol THEN 'pass' ELSE 'fail' END;
CREATE OR REPLACE MACRO fmt(x) AS
  CASE WHEN x IS NULL THEN 'nothing' WHEN x = round(x) THEN printf('%d', CAST(x AS BIGINT)) ELSE printf('%g', x) END;
