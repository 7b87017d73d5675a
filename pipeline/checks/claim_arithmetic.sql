-- check: claim_arithmetic
--   en: arithmetic the text writes out ('2.184 + 3.408 = 5.592') against what its left side adds up to
--   vi: phép tính viết trong văn bản ('2.184 + 3.408 = 5.592') so với kết quả tính lại của vế trái
--   failure: a slip in a term or in the result: two digits swapped, a misplaced thousands dot, a term left out
--
-- The stated result must equal the expression within the rounding of the decimals it shows.
WITH equations AS (
  SELECT *,
    greatest(equal_tolerance(value),
             0.5 * 10 ** (-length(coalesce(regexp_extract(value_text, ',(\d+)\s*$', 1), '')))) AS tolerance,
    from_json(coalesce(expression_terms, '[]'), '[{"text": "VARCHAR", "value": "DOUBLE", "sign": "DOUBLE"}]') AS terms
  FROM claims WHERE kind = 'equation' AND expression_value IS NOT NULL
),
judged AS (
  SELECT *, abs(expression_value - value) <= tolerance AS holds FROM equations
)
SELECT doc_id, 'claim_arithmetic' AS check_name, NULL AS table_no, NULL AS row_path, NULL AS column_label,
  NULL AS unit_code, NULL AS unit_name_raw, NULL AS footnote_no, claim_no,
  value AS expected, expression_value AS actual, expression_value - value AS difference, tolerance,
  CASE WHEN holds THEN 'pass' ELSE 'fail' END AS status,
  CASE WHEN holds THEN 'exact' ELSE printf('the decimals of the result shown: ±%s', fmt(tolerance)) END
    AS tolerance_reason,
  CASE WHEN NOT holds THEN coalesce(nullif(concat_ws('; ',
    (SELECT printf('the term %s: two neighbouring digits swapped? %s would give %s', t."text", fmt(swapped), fmt(value))
     FROM unnest(terms) AS u(t), unnest(digit_swaps(t."text", t.value)) AS w(swapped)
     WHERE abs(expression_value - t.sign * t.value + t.sign * swapped - value) <= tolerance LIMIT 1),
    (SELECT printf('the result %s: two neighbouring digits swapped? the terms give %s', value_text, fmt(expression_value))
     FROM unnest(digit_swaps(regexp_extract(value_text, '=\s*(.+)$', 1), value)) AS w(swapped)
     WHERE abs(expression_value - swapped) <= tolerance LIMIT 1),
    CASE WHEN abs(expression_value - value * 1000) <= 1000 * tolerance OR abs(expression_value * 1000 - value) <= tolerance
         THEN 'the result is a thousand times off: a misplaced thousands dot' END,
    (SELECT printf('a term of %s left out', fmt(abs(value - expression_value)))
     FROM unnest(terms) AS u(t) WHERE abs(abs(value - expression_value) - t.value) <= tolerance LIMIT 1)
  ), ''), 'no single slip explains it') END AS diagnosis,
  printf('claim %d: "%s" — the left side gives %s', claim_no, value_text, fmt(expression_value)) AS detail
FROM judged
