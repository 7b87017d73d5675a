-- check: claim_vs_annex
--   en: a count the text states (a target or a baseline, in xã, thôn, hộ) against the annex line it speaks of
--   vi: con số nêu trong văn bản (mục tiêu, kết quả) so với dòng tương ứng của biểu
--   failure: the text and the annex disagree: one was revised without the other, or the text names other units than the annex line
--
-- A count the narrative states (a target, an addition, a cumulative total or a baseline, of communes,
-- villages, households ...) against the annex line it
-- speaks of. The line is found, not configured: it counts what the claim counts (`counted`, from
-- its labels); a claim naming units goes to the line with exactly those units; a baseline goes to a
-- baseline line (row_kind or column_kind), a target to any other; among those, the line with the
-- same total wins, else a whole before its parts (a period's 'Tổng' before its years). A target may
-- also be the sum of a parent's planning rows (II.2 + II.3). With units as rows, the lines are the
-- columns of the total row.
-- The units a claim names must be the units with figures in that line.
WITH rows_with_kind AS (
  SELECT doc_id, table_no, row_path, NULL AS column_label, parent_path, value AS total, page, counted,
         false AS is_part, nullif(row_kind, 'total') AS line_kind, 1 AS n_parts
  FROM annex_lines
  WHERE table_axis = 'column' AND column_is_total
  UNION ALL
  -- Units as rows: each column of the total row is a line, counting what its header and the
  -- table's title name (the measure is often only in the title: 'KẾ HOẠCH XÂY DỰNG THÔN ...').
  SELECT doc_id, table_no, row_path, column_label, NULL, value, page, counted,
         column_whole IS NOT NULL, nullif(column_kind, 'total'), 1
  FROM annex_lines
  WHERE table_axis = 'row' AND row_is_total AND value_kind = 'number'
),
planned_sums AS (
  SELECT doc_id, table_no, string_agg(row_path, ' + ' ORDER BY row_path) AS row_path, NULL AS column_label,
         parent_path, sum(total) AS total, min(page) AS page, any_value(counted) AS counted, false AS is_part,
         'target' AS line_kind, count(*) AS n_parts
  FROM rows_with_kind WHERE parent_path IS NOT NULL AND line_kind IS DISTINCT FROM 'baseline'
  GROUP BY doc_id, table_no, parent_path HAVING count(*) > 1
),
-- What exists and what is added, together: a parent's baseline rows and its planning rows.
cumulative_sums AS (
  SELECT doc_id, table_no, string_agg(row_path, ' + ' ORDER BY row_path) AS row_path, NULL AS column_label,
         parent_path, sum(total) AS total, min(page) AS page, any_value(counted) AS counted, false AS is_part,
         'cumulative' AS line_kind, count(*) AS n_parts
  FROM rows_with_kind WHERE parent_path IS NOT NULL
  GROUP BY doc_id, table_no, parent_path
  HAVING count(*) FILTER (WHERE line_kind = 'baseline') > 0 AND count(*) FILTER (WHERE line_kind = 'target') > 0
),
lines AS (
  SELECT doc_id, table_no, row_path, column_label, total, page, counted, is_part, line_kind, n_parts FROM rows_with_kind
  UNION ALL
  SELECT doc_id, table_no, row_path, column_label, total, page, counted, is_part, line_kind, n_parts FROM planned_sums
  UNION ALL
  SELECT doc_id, table_no, row_path, column_label, total, page, counted, is_part, line_kind, n_parts FROM cumulative_sums
),
unit_rows AS (
  SELECT doc_id, table_no, row_path, parent_path, unit_code FROM annex_cells
  WHERE unit_axis = 'column' AND NOT is_total
),
line_units AS (
  SELECT doc_id, table_no, row_path, NULL AS column_label,
         string_agg(DISTINCT unit_code, '; ' ORDER BY unit_code) AS units
  FROM unit_rows GROUP BY ALL
  UNION ALL
  SELECT doc_id, table_no, 'TOTAL', column_label, string_agg(DISTINCT unit_code, '; ' ORDER BY unit_code)
  FROM annex_cells WHERE unit_axis = 'row' AND NOT is_total AND unit_level = 'commune'
  GROUP BY ALL
  UNION ALL
  SELECT s.doc_id, s.table_no, s.row_path, NULL, string_agg(DISTINCT u.unit_code, '; ' ORDER BY u.unit_code)
  FROM planned_sums s
  JOIN unit_rows u ON u.doc_id = s.doc_id AND u.table_no = s.table_no AND u.parent_path = s.parent_path
  JOIN rows_with_kind r ON r.doc_id = u.doc_id AND r.table_no = u.table_no AND r.row_path = u.row_path
  WHERE r.line_kind IS DISTINCT FROM 'baseline'
  GROUP BY ALL
),
countable AS (
  SELECT *, array_to_string(list_sort(string_split(unit_codes, '; ')), '; ') AS sorted_units
  FROM claims
  WHERE kind IN ('target', 'baseline', 'added', 'cumulative') AND level_value IS NULL
    AND measure_kind IN ('count', 'communes')
),
candidates AS (
  SELECT k.doc_id, k.claim_no, k.value, k.value_text, k.sorted_units, k.measure, k.kind AS claim_kind, l.table_no,
         l.row_path, l.column_label,
         l.total, l.page,
         lu.units,
         coalesce(k.sorted_units = lu.units, false) AS same_units,
         -- Never NULL: a NULL would sort after false and lose the line that prints the figure.
         coalesce(CASE k.kind WHEN 'baseline' THEN l.line_kind = 'baseline'
                     WHEN 'cumulative' THEN l.line_kind IS NULL OR l.line_kind = 'cumulative'
                     ELSE l.line_kind IS DISTINCT FROM 'baseline' AND l.line_kind IS DISTINCT FROM 'cumulative'
         END, false) AS kind_fits,
         coalesce(abs(l.total - k.value) <= equal_tolerance(k.value), false) AS same_value
  FROM countable k
  JOIN lines l ON l.doc_id = k.doc_id AND counts(l.counted, k.measure)
  LEFT JOIN line_units lu ON lu.doc_id = l.doc_id AND lu.table_no = l.table_no AND lu.row_path = l.row_path
    AND lu.column_label IS NOT DISTINCT FROM l.column_label
  QUALIFY row_number() OVER (
    PARTITION BY k.doc_id, k.claim_no
    ORDER BY same_units DESC, (kind_fits AND same_value) DESC, kind_fits DESC, same_value DESC, l.is_part, l.n_parts,
      l.table_no, l.row_path, l.column_label
  ) = 1
)
SELECT doc_id, 'claim_vs_annex' AS check_name, table_no, row_path, column_label, NULL AS unit_code,
  NULL AS unit_name_raw, NULL AS footnote_no, claim_no,
  total AS expected, value AS actual, value - total AS difference, equal_tolerance(total) AS tolerance,
  CASE WHEN NOT same_value THEN 'fail'
       WHEN sorted_units IS NOT NULL AND NOT same_units THEN 'fail' ELSE 'pass' END AS status,
  printf('the line that counts %s and is %s, like the claim', measure, coalesce(claim_kind, 'a line')) AS asserted_by,
  'exact: things counted' AS tolerance_reason,
  CASE WHEN NOT same_value AND abs(total * 1000 - value) <= equal_tolerance(value) THEN 'a thousandfold slip'
       WHEN NOT same_value THEN 'the text and the annex disagree: one was revised without the other'
       WHEN sorted_units IS NOT NULL AND NOT same_units
         THEN 'the text names other units than the annex line gives figures to' END AS diagnosis,
  printf('claim %d "%s" against table %d, row %s%s total %s (page %s)%s', claim_no, value_text, table_no, row_path,
         coalesce(printf(', column "%s"', column_label), ''), fmt(total), coalesce(CAST(page AS VARCHAR), '-'),
         CASE WHEN sorted_units IS NULL THEN ''
              ELSE printf('; units named %s, units in the row %s', sorted_units, coalesce(units, 'none')) END) AS detail
FROM candidates
