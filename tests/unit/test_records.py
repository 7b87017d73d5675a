"""One record type per table, generated from schemas/: a misspelt or missing key fails at once."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from pipeline import records
from pipeline.resources import read_text
from pipeline.schemas import (
    STAMPED_COLUMNS,
    TABLE_ORDER,
    conform,
    record_class_name,
    records_module_source,
    rows_frame,
    table_spec,
)


def test_the_records_module_is_generated_from_the_schemas() -> None:
    assert read_text("records.py") == records_module_source(), "run `python -m pipeline.schemas` to regenerate"


@pytest.mark.parametrize("table", TABLE_ORDER)
def test_each_table_has_a_record_with_its_columns(table: str) -> None:
    record = getattr(records, record_class_name(table))
    spec = table_spec(table)
    assert table == record.TABLE
    assert [f.name for f in dataclasses.fields(record)] == [c for c in spec.column_names if c not in STAMPED_COLUMNS]


def test_a_misspelt_key_fails_where_the_record_is_built() -> None:
    with pytest.raises(TypeError, match="row_lable"):
        records.AnnexTextRow(  # type: ignore[call-arg]
            doc_id="0123456789abcdef", table_no=1, row_path="I", column_label="Ghi chú", text="x", row_lable="I"
        )


def test_a_missing_required_key_fails_where_the_record_is_built() -> None:
    with pytest.raises(TypeError, match="table_no"):
        records.AnnexTextRow(doc_id="0123456789abcdef", row_path="I", column_label="Ghi chú", text="x")  # type: ignore[call-arg]


def test_a_frame_takes_only_records_of_its_own_table() -> None:
    text = records.AnnexTextRow(
        doc_id="0123456789abcdef", table_no=1, row_path="I", column_label="Ghi chú", text="x", source_file="a.docx"
    )
    frame = rows_frame([text], table_spec("annex_texts"))
    assert list(frame.columns) == table_spec("annex_texts").column_names
    assert frame.loc[0, "text"] == "x"
    with pytest.raises(TypeError):
        rows_frame([text], table_spec("annex_cells"))


def test_an_unknown_key_in_a_mapping_or_a_frame_is_an_error_not_a_dropped_column() -> None:
    with pytest.raises(ValueError, match="row_lable"):
        rows_frame([{"doc_id": "0123456789abcdef", "row_lable": "I"}], table_spec("annex_texts"))
    with pytest.raises(ValueError, match="row_lable"):
        conform(pd.DataFrame({"doc_id": ["0123456789abcdef"], "row_lable": ["I"]}), table_spec("annex_texts"))
