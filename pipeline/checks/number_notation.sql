-- check: number_notation
--   en: a figure printed in a way that can be read two ways: '(3)' read as -3, '1,234' read as a decimal among whole numbers, '1 234' grouped by a space, fullwidth or Arabic-Indic digits, a table mixing Vietnamese (1.234,5) and English (1,234.5) notation
--   vi: số liệu có cách viết có thể hiểu hai cách: '(3)' đọc là -3, '1,234' giữa các số nguyên, '1 234' tách bằng dấu cách, chữ số toàn khổ hoặc Ả Rập-Ấn, một bảng trộn cách viết Việt (1.234,5) và Anh (1,234.5)
--   failure: never fails: a warning naming the cell and how it was read, to confirm against the page
--
-- A table keeps one notation: Vietnamese (1.234,5) or English (1,234.5); a cell in the other one,
-- in a table of both, may have been read wrongly. A figure in parentheses is an accounting
-- negative; a decimal comma with three decimals in a column of whole numbers is more likely a
-- thousands separator.
WITH notations AS (
  SELECT *, CASE WHEN value_notation IN ('dot_thousands', 'decimal_comma') AND NOT (value_notation = 'decimal_comma'
                      AND value_decimals = 3) THEN 'vi'
                 WHEN value_notation IN ('comma_thousands', 'decimal_point') THEN 'en' END AS convention
  FROM annex_cells
),
cells AS (
  SELECT n.*, max(value_decimals) FILTER (WHERE value_notation <> 'decimal_comma' OR value_decimals <> 3)
           OVER (PARTITION BY doc_id, table_no, column_index) AS column_decimals,
         -- whole numbers printed beside it: a column of figures all with three decimals ('1,426 tỷ
         -- đồng') is a column of decimals, not of thousands.
         count(*) FILTER (WHERE value_decimals = 0 AND value <> 0)
           OVER (PARTITION BY doc_id, table_no, column_index) AS whole_cells,
         count(*) FILTER (WHERE convention = 'vi') OVER (PARTITION BY doc_id, table_no) AS vi_cells,
         count(*) FILTER (WHERE convention = 'en') OVER (PARTITION BY doc_id, table_no) AS en_cells
  FROM notations n
),
doubtful AS (
  SELECT *,
    CASE WHEN value_notation = 'other_digits'
           THEN printf('"%s" is written in digits of another script (fullwidth or Arabic-Indic), read as %s', value_text,
                       fmt(value))
         WHEN value_notation = 'space_thousands'
           THEN printf('"%s" is read as %s, its digits grouped by a space; it may be two figures run together',
                       value_text, fmt(value))
         WHEN value_negative = 'parentheses' THEN printf('"%s" is read as %s (a negative in parentheses)', value_text, fmt(value))
         WHEN value_notation = 'decimal_comma' AND value_decimals = 3 AND coalesce(column_decimals, 0) = 0
              AND whole_cells > 0
           THEN printf('"%s" is read as %s, a decimal; among whole numbers it may mean %s', value_text, fmt(value),
                       fmt(value * 1000))
         WHEN convention = 'en' AND vi_cells > 0
           THEN printf('"%s" is in English notation, read as %s, in a table of %d figures in Vietnamese notation',
                       value_text, fmt(value), vi_cells)
         WHEN convention = 'vi' AND en_cells > vi_cells
           THEN printf('"%s" is in Vietnamese notation, read as %s, in a table of %d figures in English notation',
                       value_text, fmt(value), en_cells)
    END AS reading
  FROM cells
)
SELECT doc_id, 'number_notation' AS check_name, table_no, row_path, column_label, unit_code, unit_name_raw,
  NULL AS footnote_no, NULL AS claim_no, NULL AS expected, value AS actual, NULL AS difference, NULL AS tolerance,
  'warn' AS status, printf('table %d, row %s, column "%s" (page %s): %s', table_no, row_path, column_label,
                           coalesce(CAST(page AS VARCHAR), '-'), reading) AS detail
FROM doubtful WHERE reading IS NOT NULL
