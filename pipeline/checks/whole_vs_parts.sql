-- check: total_vs_units
--   en: a total (the total column, the total row, a district row) against the sum of its unit figures
--   vi: một tổng (cột tổng, dòng tổng, dòng huyện) so với tổng số liệu của các đơn vị
--   failure: a unit left out of the total, a mistyped figure, or a total not updated after a figure changed; a line with unit figures and a blank total fails too
-- check: parent_vs_children
--   en: a parent row against the sum of its child rows, per column (I = I.1 + I.2; the total row = I + II + ...)
--   vi: một dòng mục lớn so với tổng các dòng con của nó, theo từng cột
--   failure: a child row left out of its parent's sum, or a parent copied from an older version of the table
-- check: total_vs_periods
--   en: a period's total column against its year columns, per row
--   vi: cột tổng của một giai đoạn so với tổng các cột năm
--   failure: a year's figure changed without its period total, or a year left out
-- check: total_vs_parts
--   en: any other total column against the columns it totals (a source's total over its parts)
--   vi: một cột tổng khác so với các cột thành phần
--   failure: a part column left out of the total, or a mistyped figure
--
-- A figure against the sum of its parts, for every relation the table asserts (annex_relations in
-- _relations.sql: why it is asserted, its tolerance and the reason for it), named by what the parts
-- are. Equal within the tolerance of what is printed: pass; within a rounding the label states
-- ("làm tròn"): pass; within the rounding of the decimals shown: warn; otherwise fail, with the
-- likely cause (checks.diagnosis) and both sides in checks.evidence. Parts "of which" pass when
-- they add up to at most their whole. A table whose sections do not add up their items in most
-- lines claims no such sums: one warning for the table, no failure. Unit figures whose line has a
-- blank total fail: a mislabelled total cannot pass silently.
WITH judged AS (
  SELECT *,
    CASE WHEN parts_are_units THEN 'total_vs_units'
         WHEN axis = 'rows' THEN 'parent_vs_children'
         WHEN parts_are_periods THEN 'total_vs_periods'
         ELSE 'total_vs_parts' END AS check_name,
    greatest(exact_tolerance, coalesce(rounding_tolerance, 0)) AS tolerance_used,
    CASE WHEN whole_value IS NULL THEN 'fail'
         WHEN relation = 'at_most' AND parts_sum <= whole_value + greatest(exact_tolerance, coalesce(rounding_tolerance, 0))
           THEN 'pass'
         WHEN relation = 'at_most' THEN 'fail'
         WHEN abs(difference) <= exact_tolerance THEN 'pass'
         WHEN abs(difference) < stated_unit THEN 'pass'
         WHEN abs(difference) <= rounding_tolerance THEN 'warn'
         ELSE 'fail' END AS status
  FROM annex_relations
  WHERE relation IS NOT NULL AND (whole_value IS NOT NULL OR parts_are_units)
),
explained AS (
  SELECT *,
    CASE WHEN abs(difference) <= exact_tolerance OR relation = 'at_most' THEN 'exact'
         WHEN abs(difference) < stated_unit
           THEN printf('stated as rounded ("làm tròn"): a multiple of %s', fmt(stated_unit))
         WHEN rounding_tolerance IS NOT NULL
           THEN printf('%d figures shown to %d decimals, each within half a unit of its last: ±%s', n_parts + 1,
                       shown_decimals, fmt(rounding_tolerance))
         ELSE 'exact: things counted are not rounded' END AS tolerance_reason,
    CASE WHEN status = 'fail' AND whole_value IS NOT NULL THEN concat_ws('; ',
      -- a line left out of the total: the parts without it add up
      (SELECT printf('the total leaves out %s (%s): without it the parts add up', part_where(p, axis), p."text")
       FROM unnest(parts) AS t(p) WHERE abs(parts_sum - p.value - whole_value) <= tolerance_used LIMIT 1),
      (SELECT printf('the total counts %s (%s) twice, or a line not listed of that size', part_where(p, axis),
                     p."text")
       FROM unnest(parts) AS t(p) WHERE abs(whole_value - parts_sum - p.value) <= tolerance_used LIMIT 1),
      -- one figure a thousand times off
      (SELECT printf('%s prints %s: a thousandfold slip (%s would add up)', part_where(p, axis), p."text",
                     fmt(p.value * factor))
       FROM unnest(parts) AS t(p), (VALUES (1000.0), (0.001)) AS s(factor)
       WHERE abs(parts_sum - p.value + p.value * factor - whole_value)
             <= greatest(tolerance_used, 1e-5 * abs(whole_value)) LIMIT 1),
      CASE WHEN abs(whole_value * 1000 - parts_sum) <= greatest(tolerance_used, 1e-5 * abs(parts_sum))
             OR abs(whole_value / 1000 - parts_sum) <= greatest(tolerance_used, 1e-5 * abs(parts_sum))
           THEN printf('the total %s is a thousand times off its parts (%s): a scale slip', whole_text,
                       fmt(parts_sum)) END,
      -- two neighbouring digits swapped in a part or in the total
      (SELECT printf('%s prints %s: two neighbouring digits swapped? %s would add up', part_where(p, axis),
                     p."text", fmt(swapped))
       FROM unnest(parts) AS t(p), unnest(digit_swaps(p."text", p.value)) AS w(swapped)
       WHERE abs(parts_sum - p.value + swapped * sign(p.value) - whole_value) <= tolerance_used LIMIT 1),
      (SELECT printf('the total prints %s: two neighbouring digits swapped? %s would add up', whole_text, fmt(swapped))
       FROM unnest(digit_swaps(whole_text, whole_value)) AS w(swapped)
       WHERE abs(parts_sum - swapped) <= tolerance_used LIMIT 1),
      -- a figure read by OCR with low confidence
      (SELECT printf('%s was read by OCR with low confidence (%s%%)', string_agg(p.row_path || ' ' || p."text", ', '),
                     fmt(round(min(p.confidence))))
       FROM unnest(parts) AS t(p) WHERE p.confidence < low_ocr_confidence() HAVING count(*) > 0),
      CASE WHEN whole_confidence < low_ocr_confidence()
           THEN printf('the total %s was read by OCR with low confidence (%s%%)', whole_text,
                       fmt(round(whole_confidence))) END
    ) END AS found_causes
  FROM judged
)
SELECT doc_id, check_name, table_no, whole_row AS row_path, whole_column AS column_label,
  unit_code, unit_name_raw, NULL AS footnote_no,
  whole_value AS expected, parts_sum AS actual, parts_sum - whole_value AS difference,
  CASE WHEN abs(parts_sum - whole_value) <= exact_tolerance THEN exact_tolerance
       WHEN abs(parts_sum - whole_value) < stated_unit THEN stated_unit
       ELSE tolerance_used END AS tolerance,
  status, relation AS sum_relation, asserted_by, tolerance_reason,
  CASE WHEN status = 'fail' THEN coalesce(nullif(found_causes, ''), 'no single slip explains it') END AS diagnosis,
  to_json(struct_pack(whole := evidence_of(whole_row, whole_label, whole_column, whole_value, whole_text, page,
                                          whole_confidence, unit_name_raw), parts := parts))::VARCHAR AS evidence,
  CASE WHEN whole_value IS NULL THEN
    printf('table %d, row %s, column "%s": blank, but its %d %s add up to %s', table_no, whole_row, whole_column,
           n_parts, CASE axis WHEN 'rows' THEN 'rows' ELSE 'columns' END, fmt(parts_sum))
  ELSE
    printf('table %d, row %s, column "%s": %s (page %s) %s %s = %s%s', table_no, whole_row, whole_column,
           fmt(whole_value), coalesce(CAST(page AS VARCHAR), '-'),
           CASE relation WHEN 'at_most' THEN 'is at least' ELSE 'against' END,
           array_to_string(list_transform(parts, lambda p: CASE axis WHEN 'rows' THEN p.row_path ELSE p."column" END),
                           ' + '),
           fmt(parts_sum),
           CASE WHEN status = 'pass' AND abs(difference) > exact_tolerance OR status = 'warn'
                THEN '; within the rounding: ' || tolerance_reason ELSE '' END)
  END AS detail
FROM explained
UNION ALL
-- A table whose sections do not add up their items in most lines claims no such sums.
SELECT DISTINCT doc_id, 'parent_vs_children', table_no, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  'warn', NULL, NULL, NULL, NULL, NULL,
  printf('table %d: its sections add up their items in %d of %d lines; the table claims no such sums, none is checked',
         table_no, n_holding, n_lines)
FROM annex_relations
WHERE relation IS NULL
