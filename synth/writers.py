"""File writers that count rows the way the contract does (header = row 1) and write
byte-identical output for the same input (fixed xlsx timestamps and zip entry dates)."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook

FIXED_ZIP_TIME = (2024, 1, 1, 0, 0, 0)
_FIXED_ISO = "2024-01-01T00:00:00Z"


class CsvTable:
    """A streaming CSV writer; `write` returns the contract row number of the record."""

    def __init__(self, path: Path, headers: list[str], encoding: str = "utf-8") -> None:
        self.path = path
        self._fh = open(path, "w", encoding=encoding, newline="")  # noqa: SIM115 - closed in close()
        self._w = csv.writer(self._fh)
        self._w.writerow(headers)
        self.row = 1

    def write(self, values: list[Any]) -> int:
        self._w.writerow(["" if v is None else v for v in values])
        self.row += 1
        return self.row

    @property
    def count(self) -> int:
        return self.row - 1

    def close(self) -> None:
        self._fh.close()


class XlsxTable:
    """Collects rows, writes one sheet on close (only used for the small council files)."""

    def __init__(self, path: Path, headers: list[str], sheet: str = "Sheet1") -> None:
        self.path = path
        self.wb = Workbook()
        self.ws = self.wb.active
        self.ws.title = sheet
        self.ws.append(headers)
        self.row = 1

    def write(self, values: list[Any]) -> int:
        self.ws.append(values)
        self.row += 1
        for cell in self.ws[self.row]:
            if hasattr(cell.value, "year") and not isinstance(cell.value, int | float | str):
                cell.number_format = "yyyy-mm-dd"
        return self.row

    @property
    def count(self) -> int:
        return self.row - 1

    def close(self) -> None:
        props = self.wb.properties
        props.creator = "jss synth"
        buf = io.BytesIO()
        self.wb.save(buf)
        self.path.write_bytes(deterministic_zip(buf.getvalue()))


def deterministic_zip(data: bytes) -> bytes:
    """Rewrite an xlsx with fixed entry dates and fixed core-property timestamps (openpyxl stamps
    the current time in both), so the same workbook always has the same bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = body.decode("utf-8")
                text = re.sub(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)", rf"\g<1>{_FIXED_ISO}\g<3>", text)
                body = text.encode("utf-8")
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, body)
    return out.getvalue()
