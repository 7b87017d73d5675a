-- check: unchecked_claims
--   en: a figure of the text that no check could compare
--   vi: con số trong văn bản không có gì để đối chiếu
--   failure: never fails: a warning, so that a claim is never silently left out
--
-- Every claim of the narrative is accounted for: one no other check could compare is a warning
-- that says so, rather than a silent omission. (Runs after the claim checks: files run in name order.)
SELECT c.doc_id, 'unchecked_claims' AS check_name, NULL AS table_no, NULL AS row_path, NULL AS column_label,
  NULL AS unit_code, NULL AS unit_name_raw, NULL AS footnote_no, c.claim_no,
  NULL AS expected, c.value AS actual, NULL AS difference, NULL AS tolerance, 'warn' AS status,
  printf('claim %d "%s" (%s) could not be checked against the annex or by arithmetic: "%s"', c.claim_no,
         c.value_text, c.kind, c.clause) AS detail
FROM claims c
WHERE NOT EXISTS (
  SELECT 1 FROM checks k WHERE k.doc_id = c.doc_id AND k.claim_no IS NOT NULL
    AND (k.claim_no = c.claim_no
         -- distribution items are checked as a group, a floor through the average it bounds
         OR (k.check_name LIKE 'claim_distribution%' AND c.level_value IS NOT NULL AND k.claim_no <= c.claim_no)
         OR (k.check_name = 'claim_target_average' AND c.kind = 'floor'
             AND k.claim_no IN (SELECT claim_no FROM claims a WHERE a.doc_id = c.doc_id AND a.paragraph_no = c.paragraph_no)))
)
