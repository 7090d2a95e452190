"""Files for `neo4j-admin database import full` (graph.bulk_import): one node file per label
(`<key>:ID(<Label>)`, every label its own id space) and one relationship file per (type, start
label, end label). Rows are streamed as they come; each file's header, with the column types seen,
is written at the end into its own file, which `--nodes=Label=header,data` reads first.

Written by the bulk loader (loaders/bulk.py) and by offline resolution (resolution/offline.py).
"""

from __future__ import annotations

import operator
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


def _kind_of_type(t: type) -> str | None:
    """The import-file kind of every value of type `t` (None: a missing value, no column kind)."""
    if t is type(None):
        return None
    if issubclass(t, bool):
        return "boolean"
    if issubclass(t, int):
        return "long"
    if issubclass(t, float):
        return "double"
    if issubclass(t, (list, tuple)):
        return "string[]"
    return "string"


def _column_text(col: list[Any], types: set[type]) -> list[str]:
    """Each value of `col` as `ImportTable.add` writes it; one pass per column, the common
    all-text and all-number columns without a per-value type test."""
    if types <= {str}:
        return ['"' + v.replace('"', '""') + '"' for v in col]
    if types <= {str, type(None)}:
        return ["" if v is None else '"' + v.replace('"', '""') + '"' for v in col]
    if types <= {int, float}:
        return list(map(repr, col))
    return [("" if v is None else '"' + v.replace('"', '""') + '"' if type(v) is str
             else repr(v) if type(v) is int else _field(v)) for v in col]


class ImportTable:
    """One import file. `temporal` names the columns whose text the tool converts to another type:
    ISO text to a date or a local date-time (`{"birth_date": "date", "received_at": "localdatetime"}`),
    as `date()` / `localdatetime()` in a write query would, or `{longitude:…,latitude:…}` to a point
    (`{"location": "point{crs:WGS-84}"}`); the header types them."""

    def __init__(self, folder: Path, name: str, id_columns: list[str], temporal: dict[str, str] | None = None,
                 key: str | None = None):
        """`key`: rows come through `add_node` with their id as property `key`, which is not
        repeated as a column (a node file's `<key>:ID(<Label>)` column holds it)."""
        self.data_path = folder / f"{name}.csv"
        self.header_path = folder / f"{name}.header.csv"
        self.fh: IO[str] = self.data_path.open("w", encoding="utf-8", newline="")
        self.id_columns = id_columns
        self.temporal = temporal or {}
        self.columns: list[str] | None = None
        self.kinds: dict[str, str] = {}
        self.rows = 0
        self.key = key
        self._names: frozenset[str] = frozenset()
        self._values: Any = None                     # props -> its values in column order
        self._seen: set[tuple[type, ...]] = set()    # value-type signatures already checked

    def add(self, ids: list[str] | tuple[str, ...], props: dict[str, Any]) -> None:
        # The national load writes 21 M rows through here: the per-value work is kept to what
        # runs in C (itemgetter, map(type), one comprehension), and a row's column kinds are only
        # checked when its signature of value types is new (a kind depends on nothing else).
        if self.columns is None:
            self._start(props)
        elif len(props) != len(self._names) or props.keys() != self._names:
            raise ValueError(f"{self.data_path.name}: properties differ between rows")
        values = self._values(props)
        signature = tuple(map(type, values))
        if signature not in self._seen:
            self._check_kinds(values)
            self._seen.add(signature)
        self.fh.write(",".join([
            "" if v is None else '"' + v.replace('"', '""') + '"' if type(v) is str
            else repr(v) if type(v) is int else _field(v)
            for v in (*ids, *values)]) + "\n")
        self.rows += 1

    def add_columns(self, ids: list[list[Any]], props: dict[str, list[Any]]) -> None:
        """Many rows given column by column (equal lengths): the bytes `add` would write row by row,
        each column formatted in one pass (resolution's 5.9 M-row RESOLVES_TO file took a minute
        row by row at the national scale)."""
        if self.columns is None:
            self._start(dict.fromkeys(props))
        elif set(props) != set(self.columns):
            raise ValueError(f"{self.data_path.name}: properties differ between rows")
        columns = [*ids, *(props[c] for c in self.columns or [])]
        if len({len(col) for col in columns}) > 1:
            raise ValueError(f"{self.data_path.name}: columns of different lengths")
        types = [set(map(type, col)) for col in columns]
        for c, seen in zip(self.columns or [], types[len(ids):], strict=True):
            for t in seen:
                self._check_kinds_of(c, t)
        texts = [_column_text(col, seen) for col, seen in zip(columns, types, strict=True)]
        lines = list(map(",".join, zip(*texts, strict=True))) if texts else []
        if lines:
            self.fh.write("\n".join(lines) + "\n")
        self.rows += len(lines)

    def add_node(self, props: dict[str, Any]) -> None:
        """A row of a table made with `key`: its id is `props[key]`."""
        self.add((props.get(self.key),), props)  # a row without it fails the columns check

    def _start(self, props: dict[str, Any]) -> None:
        self.columns = [c for c in props if c != self.key]
        self._names = frozenset(props)
        getter = operator.itemgetter(*self.columns) if self.columns else None
        if len(self.columns) == 1:
            self._values = lambda p: (getter(p),)
        else:
            self._values = getter or (lambda p: ())

    def _check_kinds(self, values: tuple[Any, ...]) -> None:
        for c, value in zip(self.columns or [], values, strict=True):
            self._check_kinds_of(c, type(value))

    def _check_kinds_of(self, c: str, value_type: type) -> None:
        """Column `c` also holds values of `value_type`."""
        kind = _kind_of_type(value_type)
        if kind is None:
            return
        if c in self.temporal and kind == "string":
            kind = self.temporal[c]
        seen = self.kinds.setdefault(c, kind)
        if seen != kind:
            if {seen, kind} == {"long", "double"}:
                self.kinds[c] = "double"
            else:
                raise ValueError(f"{self.data_path.name}: column {c} holds both {seen} and {kind}")

    def close(self) -> None:
        self.fh.close()
        cols = [*self.id_columns]
        for c in self.columns or []:
            kind = self.kinds.get(c, "string")
            cols.append(c if kind == "string" else f"{c}:{kind}")
        self.header_path.write_text(",".join(cols) + "\n", encoding="utf-8")
