-- Annex unit figures on the communes in force since 1 July 2025: figures of documents coded in the
-- pre-2025 list rolled up through unit_crosswalk (a split commune counts toward the package's
-- default part); figures of documents dated after the reform, already in the 2025 list, as they
-- are. One row per annex line and new unit.
CREATE OR REPLACE VIEW annex_cells_2025 AS
WITH cells AS (
  SELECT c.*, t.unit_axis AS table_axis, d.unit_edition
  FROM annex_cells c
  JOIN annex_tables t USING (doc_id, table_no)
  JOIN documents d USING (doc_id)
  WHERE NOT c.is_total AND c.unit_level = 'commune' AND d.status = 'ok'
),
on_new_units AS (
  SELECT c.*, x.new_unit_code, x.new_unit_name, x.new_province_code, x.new_province_name
  FROM cells c JOIN unit_crosswalk x ON x.old_unit_code = c.unit_code AND x.is_default
  WHERE c.unit_edition = 'pre-2025'
  UNION ALL
  SELECT c.*, u.unit_code, u.full_name, u.province_code, p.full_name
  FROM cells c
  JOIN admin_units_2025 u ON u.unit_code = c.unit_code
  JOIN admin_units_2025 p ON p.unit_code = u.province_code AND p.unit_level = 'province'
  WHERE c.unit_edition = '2025'
)
SELECT doc_id, table_no, table_axis AS unit_axis,
  CASE table_axis WHEN 'column' THEN row_path ELSE column_label END AS line_key,
  CASE table_axis WHEN 'column' THEN row_label ELSE column_label END AS line_label,
  new_unit_code, new_unit_name, new_province_code, new_province_name,
  sum(value) AS value, count(*) AS n_old_units,
  string_agg(unit_code || ' ' || coalesce(unit_official_name, unit_name_raw), '; ' ORDER BY unit_code) AS old_units
FROM on_new_units
GROUP BY ALL;
COMMENT ON VIEW annex_cells_2025 IS 'Annex unit figures on the communes in force since 1 July 2025: pre-2025 figures rolled up through unit_crosswalk (default part for split communes), later documents as they are.';
