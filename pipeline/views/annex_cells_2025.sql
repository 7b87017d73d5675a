-- Annex unit figures rolled up to the communes in force since 1 July 2025, through unit_crosswalk
-- (a split commune counts toward the package's default part). One row per annex line and new unit.
CREATE OR REPLACE VIEW annex_cells_2025 AS
SELECT c.doc_id, c.table_no, t.unit_axis,
  CASE t.unit_axis WHEN 'column' THEN c.row_path ELSE c.column_label END AS line_key,
  CASE t.unit_axis WHEN 'column' THEN c.row_label ELSE c.column_label END AS line_label,
  x.new_unit_code, x.new_unit_name, x.new_province_code, x.new_province_name,
  sum(c.value) AS value, count(*) AS n_old_units,
  string_agg(c.unit_code || ' ' || coalesce(c.unit_official_name, c.unit_name_raw), '; ' ORDER BY c.unit_code) AS old_units
FROM annex_cells c
JOIN annex_tables t USING (doc_id, table_no)
JOIN unit_crosswalk x ON x.old_unit_code = c.unit_code AND x.is_default
WHERE NOT c.is_total AND c.unit_level = 'commune'
GROUP BY ALL;
COMMENT ON VIEW annex_cells_2025 IS 'Annex unit figures rolled up to the communes in force since 1 July 2025 (default part for split communes).';
