-- check: claim_money
--   en: a sum of money the text states ('54.990 triệu đồng', '43.114.117.000 đồng') against the annex figures in đồng, whatever scale each prints
--   vi: số tiền nêu trong văn bản so với số liệu tiền của các biểu, quy đổi về đồng theo đơn vị của từng bên
--   failure: a total the text states that the annex does not have: the text or the annex was revised without the other, or a scale slip (triệu for tỷ)
--
-- Both sides are converted to đồng (vocabulary_measures scales). A claim equal to an annex figure
-- passes, naming it. A claim the text calls a total ("Tổng kinh phí ... là") that no figure
-- equals fails against the annex's grand total when the money tables agree on one, and the
-- clause names what that total column is ("kinh phí" for a column "Kinh phí (triệu đồng)": a
-- budget already spent is no planned investment); other amounts no figure equals are left to
-- unchecked_claims.
WITH money_claims AS (
  SELECT c.*, c.value * c.measure_scale AS amount,
    0.5 * 10 ** (-length(coalesce(regexp_extract(c.value_text, ',(\d+)', 1), ''))) * c.measure_scale AS tolerance
  FROM claims c
  WHERE c.measure_kind = 'money' AND c.kind <> 'equation' AND c.measure_scale IS NOT NULL
),
money_cells AS (
  SELECT f.*, f.value * coalesce(f.measure_scale, 1) AS amount,
    0.5 * 10 ** (-f.value_decimals) * coalesce(f.measure_scale, 1) AS tolerance
  FROM annex_cells f
  WHERE f.measure_kind = 'money' AND f.value_kind = 'number'
),
total_syllables AS (
  SELECT flatten(list(string_split(word, ' '))) AS syllables FROM vocabulary_kind_words WHERE kind = 'total'
),
grand_totals AS (
  SELECT doc_id, min(amount) AS amount, count(DISTINCT amount) AS n_amounts, any_value(table_no) AS table_no,
         any_value(row_path) AS row_path, any_value(column_label) AS column_label, any_value(page) AS page,
         -- the words that name the total column, without its measure and the word for total
         list_filter(string_split(trim(regexp_replace(lower(any_value(column_label)), '\(.*?\)|[^[:alpha:] ]', ' ', 'g')), ' '),
                     lambda w: w <> '' AND NOT list_contains(any_value(t.syllables), w)) AS total_words
  FROM money_cells, total_syllables t WHERE row_is_total AND (column_is_total OR column_whole IS NULL) AND row_path = 'TOTAL'
  GROUP BY doc_id
),
matched AS (
  SELECT k.*, m.table_no, m.row_path, m.column_label, m.page, m.value AS cell_value, m.value_text AS cell_text,
         m.amount AS cell_amount
  FROM money_claims k
  JOIN money_cells m ON m.doc_id = k.doc_id AND abs(m.amount - k.amount) <= greatest(k.tolerance, m.tolerance)
  QUALIFY row_number() OVER (PARTITION BY k.doc_id, k.claim_no ORDER BY m.row_is_total DESC, m.table_no, m.row_no) = 1
)
SELECT doc_id, 'claim_money' AS check_name, table_no, row_path, column_label, NULL AS unit_code,
  NULL AS unit_name_raw, NULL AS footnote_no, claim_no, cell_amount AS expected, amount AS actual, 0.0 AS difference,
  greatest(tolerance, 0) AS tolerance, 'pass' AS status, 'the rounding of the figures shown' AS tolerance_reason,
  NULL AS diagnosis,
  printf('claim %d "%s" = %s đồng: table %d, row %s, column "%s" (page %s) prints %s', claim_no, value_text,
         fmt(amount), table_no, row_path, column_label, coalesce(CAST(page AS VARCHAR), '-'), cell_text) AS detail
FROM matched
UNION ALL
SELECT k.doc_id, 'claim_money', g.table_no, g.row_path, g.column_label, NULL, NULL, NULL, k.claim_no,
  g.amount, k.amount, k.amount - g.amount, k.tolerance, 'fail', 'the rounding of the figure the text shows',
  CASE WHEN abs(k.amount * 1000 - g.amount) <= 1000 * k.tolerance OR abs(k.amount - g.amount * 1000) <= k.tolerance
       THEN 'a thousandfold slip: the text or the table has the wrong scale (triệu for tỷ, đồng for nghìn)'
       ELSE 'the text and the annex state different totals: one was revised without the other' END,
  printf('claim %d "%s" (a total: %s đồng) against the grand total of the annex, table %d, column "%s" (page %s) = %s đồng',
         k.claim_no, k.value_text, fmt(k.amount), g.table_no, g.column_label, coalesce(CAST(g.page AS VARCHAR), '-'),
         fmt(g.amount))
FROM money_claims k
JOIN grand_totals g ON g.doc_id = k.doc_id AND g.n_amounts = 1 AND len(g.total_words) > 0
  AND list_bool_and(list_transform(g.total_words, lambda w: contains(lower(k.clause), w)))
WHERE k.states_total AND NOT EXISTS (SELECT 1 FROM matched m WHERE m.doc_id = k.doc_id AND m.claim_no = k.claim_no)
