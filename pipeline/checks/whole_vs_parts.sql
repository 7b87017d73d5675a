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
-- A figure against the sum of its parts (see annex_sums), named by what the parts are:
-- total_vs_units (unit rows or unit columns: a district over its communes, the total over the
-- units), parent_vs_children (a row over the rows beneath it), total_vs_periods (a 'Tổng' column
-- over its years), total_vs_parts (any other total column).
-- Equal within a billionth: pass. Within a stated rounding ("(làm tròn)"): pass, with the power
-- of ten it is a multiple of as the tolerance. Within the rounding of money parts to the đồng: warn. Otherwise fail. Unit figures whose
-- line has a blank total fail: a mislabelled total cannot pass silently.
SELECT doc_id, check_name, table_no, whole_row AS row_path, whole_column AS column_label,
  unit_code, unit_name_raw, NULL AS footnote_no,
  whole_value AS expected, parts_sum AS actual, parts_sum - whole_value AS difference,
  CASE WHEN abs(parts_sum - whole_value) <= exact_tolerance THEN exact_tolerance
       ELSE coalesce(rounding_tolerance, exact_tolerance) END AS tolerance,
  CASE WHEN whole_value IS NULL THEN 'fail'
       WHEN abs(parts_sum - whole_value) <= exact_tolerance THEN 'pass'
       WHEN abs(parts_sum - whole_value) < stated_unit THEN 'pass'
       WHEN abs(parts_sum - whole_value) <= rounding_tolerance THEN 'warn'
       ELSE 'fail' END AS status,
  CASE WHEN whole_value IS NULL THEN
    printf('table %d, row %s, column "%s": blank, but its %d %s %s sum to %s', table_no, whole_row, whole_column,
           n_parts, CASE axis WHEN 'rows' THEN 'rows' ELSE 'columns' END, parts, fmt(parts_sum))
  ELSE
    printf('table %d, row %s, column "%s": %s (page %s) against %s = %s%s', table_no, whole_row, whole_column,
           fmt(whole_value), coalesce(CAST(page AS VARCHAR), '-'),
           CASE WHEN axis = 'columns' THEN 'the columns ' ELSE '' END || parts, fmt(parts_sum),
           CASE WHEN abs(parts_sum - whole_value) <= exact_tolerance THEN ''
                WHEN abs(parts_sum - whole_value) < stated_unit
                  THEN printf('; stated as rounded: a multiple of %s, within it', fmt(stated_unit))
                WHEN abs(parts_sum - whole_value) <= rounding_tolerance
                  THEN printf('; within the rounding of %d parts to the đồng (±%s)', n_parts, fmt(rounding_tolerance))
                ELSE '' END)
  END AS detail
FROM annex_sums
