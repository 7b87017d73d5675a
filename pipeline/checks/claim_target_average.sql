-- check: claim_target_average
--   en: a target average of criteria per commune against the least its floor and its communes at standard allow
--   vi: mục tiêu bình quân tiêu chí/xã so với mức tối thiểu mà các mục tiêu khác cho phép
--   failure: the targets contradict each other: the stated average is below what the floor and the communes at standard imply
--
-- A target average of criteria per commune must be reachable with the targets beside it: with
-- 'no commune below F criteria' and S communes at standard, the district's average is at least
-- (S x national set + (N - S) x F) / N. Stated averages below that bound fail.
WITH targets AS (
  SELECT c.doc_id, c.claim_no, c.value AS average, c.paragraph_no, d.n_communes,
    (SELECT max(value) FROM claims f WHERE f.doc_id = c.doc_id AND f.kind = 'floor' AND f.paragraph_no = c.paragraph_no) AS floor,
    (SELECT max(value) FROM claims s WHERE s.doc_id = c.doc_id AND s.kind IN ('target', 'cumulative') AND s.measure_kind = 'communes'
       AND s.at_standard AND s.paragraph_no = c.paragraph_no) AS at_standard
  FROM claims c JOIN documents d USING (doc_id)
  WHERE d.status = 'ok' AND c.kind = 'average' AND c.measure_kind = 'criteria_per_commune'
    AND (c.period IS NULL OR TRY_CAST(c.period AS INTEGER) >= programme_constant('first_plan_year'))
    AND NOT EXISTS (SELECT 1 FROM claims x WHERE x.doc_id = c.doc_id AND x.paragraph_no = c.paragraph_no
                      AND x.sentence = c.sentence AND x.level_value IS NOT NULL)
),
bounds AS (
  SELECT *, (at_standard * national_commune_criteria() + (n_communes - at_standard) * floor) / n_communes AS minimum
  FROM targets
)
SELECT doc_id, 'claim_target_average' AS check_name, NULL AS table_no, NULL AS row_path, NULL AS column_label,
  NULL AS unit_code, NULL AS unit_name_raw, NULL AS footnote_no, claim_no,
  round(minimum, 2) AS expected, average AS actual, average - round(minimum, 2) AS difference,
  rounding_tolerance() AS tolerance,
  CASE WHEN minimum IS NULL THEN 'warn'
       WHEN average >= minimum - rounding_tolerance() THEN 'pass' ELSE 'fail' END AS status,
  CASE WHEN minimum IS NULL
    THEN printf('claim %d: average %s cannot be checked: no floor, no number at standard or no commune count beside it',
                claim_no, fmt(average))
    ELSE printf('claim %d: average %s against the least the targets allow, (%s x %d + (%s - %s) x %s) / %s = %.4f',
                claim_no, fmt(average), fmt(at_standard), CAST(national_commune_criteria() AS INTEGER), fmt(n_communes),
                fmt(at_standard), fmt(floor), fmt(n_communes), minimum)
  END AS detail
FROM bounds
