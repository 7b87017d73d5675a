"""Schemas come from schemas/ data; failing rows are quarantined with a reason, never dropped silently."""

from __future__ import annotations

import pandas as pd

from pipeline.extract import ExtractionResult
from pipeline.schemas import TABLE_ORDER, create_table_sql, pandera_schema, table_spec
from pipeline.validate import validate_batch, validate_frame


def cell(**overrides: object) -> dict[str, object]:
    row: dict[str, object] = {
        "doc_id": "0123456789abcdef",
        "table_no": 1,
        "row_path": "II.2",
        "column_label": "Tổng cộng",
        "is_total": True,
        "row_is_total": False,
        "column_is_total": True,
        "value": 109.0,
        "value_text": "109",
        "source_file": "a.docx",
        "pipeline_version": "test",
    }
    row.update(overrides)
    return row


def test_every_table_has_a_schema_and_ddl() -> None:
    for name in TABLE_ORDER:
        spec = table_spec(name)
        assert spec.columns, name
        assert pandera_schema(spec).columns
        assert create_table_sql(spec).startswith(f"CREATE TABLE {name}")


def test_bad_rows_are_quarantined_with_document_table_row_and_column() -> None:
    frame = pd.DataFrame([cell(), cell(row_path="II.1", unit_level="village"), cell(row_path="I", value=None)])
    good, quarantined = validate_frame(frame, table_spec("annex_cells"))
    assert list(good["row_path"]) == ["II.2"]
    reasons = sorted(q["reason"] for q in quarantined)
    assert len(reasons) == 2
    assert "row_path=I," in reasons[0] and "column value" in reasons[0]
    assert "row_path=II.1" in reasons[1] and "column unit_level" in reasons[1]
    assert all(q["doc_id"] == "0123456789abcdef" for q in quarantined)


def test_duplicate_keys_are_quarantined() -> None:
    good, quarantined = validate_frame(pd.DataFrame([cell(), cell()]), table_spec("annex_cells"))
    assert len(good) + len(quarantined) == 2
    assert quarantined


def test_a_batch_keeps_each_row_with_its_document_and_quarantines_the_bad_ones() -> None:
    good_doc = ExtractionResult({"doc_id": "0123456789abcdef"}, {"annex_cells": [cell(), cell(row_path="I")]})
    other_doc = ExtractionResult(
        {"doc_id": "fedcba9876543210"}, {"annex_cells": [cell(doc_id="fedcba9876543210", value=None)]}
    )
    frames = validate_batch([good_doc, other_doc], ("annex_cells",), ["key-a", "key-b"])
    assert list(frames["annex_cells"]["cache_key"]) == ["key-a", "key-a"]
    quarantined = frames["quarantine"]
    assert list(quarantined["cache_key"]) == ["key-b"]
    assert "column value" in quarantined["reason"].iloc[0]
