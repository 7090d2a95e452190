"""Files for `neo4j-admin database import full` (graph.bulk_import): one node file per label
(`<key>:ID(<Label>)`, every label its own id space) and one relationship file per (type, start
label, end label). Rows are streamed as they come; each file's header, with the column types seen,
is written at the end into its own file, which `--nodes=Label=header,data` reads first.

Written by the bulk loader (loaders/bulk.py) and by offline resolution (resolution/offline.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

ARRAY_DELIMITER = "\x1f"          # graph.bulk_import passes --array-delimiter=U+001F


def _field(value: Any) -> str:
    if value is None:
        return ""                                   # unquoted empty: the property is not set
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        value = ARRAY_DELIMITER.join(str(v) for v in value)
    return '"' + str(value).replace('"', '""') + '"'


def _kind(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, (list, tuple)):
        return "string[]"
    return "string"


class ImportTable:
    """One import file. `temporal` names the columns whose ISO text is a date or a local date-time
    (`{"birth_date": "date", "received_at": "localdatetime"}`): the header types them so the tool
    stores temporal values, as `date()` / `localdatetime()` in a write query would."""

    def __init__(self, folder: Path, name: str, id_columns: list[str], temporal: dict[str, str] | None = None):
        self.data_path = folder / f"{name}.csv"
        self.header_path = folder / f"{name}.header.csv"
        self.fh: IO[str] = self.data_path.open("w", encoding="utf-8", newline="")
        self.id_columns = id_columns
        self.temporal = temporal or {}
        self.columns: list[str] | None = None
        self.kinds: dict[str, str] = {}
        self.rows = 0

    def add(self, ids: list[str], props: dict[str, Any]) -> None:
        if self.columns is None:
            self.columns = list(props)
        elif len(props) != len(self.columns) or any(c not in props for c in self.columns):
            raise ValueError(f"{self.data_path.name}: properties differ between rows")
        for c in self.columns:
            kind = _kind(props[c])
            if kind is None:
                continue
            if c in self.temporal and kind == "string":
                kind = self.temporal[c]
            seen = self.kinds.setdefault(c, kind)
            if seen != kind:
                if {seen, kind} == {"long", "double"}:
                    self.kinds[c] = "double"
                else:
                    raise ValueError(f"{self.data_path.name}: column {c} holds both {seen} and {kind}")
        self.fh.write(",".join([*(_field(i) for i in ids), *(_field(props[c]) for c in self.columns)]) + "\n")
        self.rows += 1

    def close(self) -> None:
        self.fh.close()
        cols = [*self.id_columns]
        for c in self.columns or []:
            kind = self.kinds.get(c, "string")
            cols.append(c if kind == "string" else f"{c}:{kind}")
        self.header_path.write_text(",".join(cols) + "\n", encoding="utf-8")
