"""Reading export files: find them in a bundle, detect a CSV's encoding, map headers (Korean,
English or `mapping.yaml`) to canonical fields, and stream rows as `(row_number, cells)`.

Row numbers are spreadsheet row numbers: the header is row 1, the first record row 2, and a CSV
record with an embedded newline counts as one row. Problems with a whole file (encoding, missing
required columns, a header that maps two columns to one field) raise `FileProblem`; the bundle
loader collects them for every file and fails once, before anything is written.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from loaders.contract import FILE_SUFFIXES, FILES, MAPPING_FILE, FileSpec

# Fields may be long free text, but a multi-megabyte cell is garbage: the csv module's limit is
# raised so such a row can be rejected by length (with its row number) instead of aborting the file.
csv.field_size_limit(64 * 1024 * 1024)
_CHUNK = 1 << 20


class FileProblem(Exception):
    """A whole file cannot be loaded (one clear message naming the file)."""

    def __init__(self, filename: str, message: str):
        super().__init__(f"{filename}: {message}")
        self.filename = filename
        self.message = message


@dataclass
class SourceFile:
    stem: str
    path: Path
    spec: FileSpec
    encoding: str | None = None            # CSV only
    header: list[str] = field(default_factory=list)
    columns: dict[str, int] = field(default_factory=dict)   # canonical field -> column index
    ignored: list[str] = field(default_factory=list)        # headers that map to no field
    size: int = 0

    @property
    def name(self) -> str:
        return self.path.name


# --- bundle discovery --------------------------------------------------------------------------
def discover(directory: Path) -> tuple[dict[str, Path], list[str]]:
    """The contract's files in `directory` by stem, and the names of other files (ignored).
    Two files for one stem (`calls.csv` and `calls.xlsx`) is ambiguous and fails."""
    if not directory.is_dir():
        raise FileProblem(str(directory), "폴더가 없습니다 (bundle folder not found)")
    found: dict[str, Path] = {}
    others: list[str] = []
    for path in sorted(directory.iterdir()):
        if path.is_dir() or path.name.startswith(("_", ".")) or path.name == MAPPING_FILE:
            continue
        stem, suffix = path.stem.strip().lower(), path.suffix.lower()
        if stem in FILES and suffix in FILE_SUFFIXES:
            if stem in found:
                raise FileProblem(path.name, f"{found[stem].name}와 같은 종류의 파일이 둘입니다 "
                                             "(two files for one file type; keep one)")
            found[stem] = path
        elif not path.name.startswith("rejects-"):
            others.append(path.name)
    return found, others


def read_mapping(directory: Path) -> dict[str, dict[str, str]]:
    """`mapping.yaml`: `{file-stem: {their header: canonical field}}`; checked against the contract."""
    path = directory / MAPPING_FILE
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding=detect_encoding(path))) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise FileProblem(MAPPING_FILE, f"YAML로 읽을 수 없습니다 (not valid YAML: {exc})") from exc
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise FileProblem(MAPPING_FILE, "형식은 {파일: {헤더: 필드}} 이어야 합니다 "
                                        "(expected {file-stem: {their header: canonical field}})")
    out: dict[str, dict[str, str]] = {}
    for stem, renames in data.items():
        stem = str(stem).strip()
        if stem not in FILES:
            raise FileProblem(MAPPING_FILE, f"알 수 없는 파일 종류 {stem!r} (unknown file stem)")
        names = {f.name for f in FILES[stem].fields}
        bad = sorted(str(v) for v in renames.values() if str(v).strip() not in names)
        if bad:
            raise FileProblem(MAPPING_FILE, f"{stem}: 계약에 없는 필드 {', '.join(bad)} (unknown fields)")
        out[stem] = {_header_key(str(k)): str(v).strip() for k, v in renames.items()}
    return out


# --- encodings ---------------------------------------------------------------------------------
def detect_encoding(path: Path) -> str:
    """`utf-8-sig` (with or without BOM), `utf-16` (BOM), or `cp949` — strict UTF-8 is tried over
    the whole file first (a CP949 file is almost never valid UTF-8), then CP949 (a superset of
    EUC-KR). Neither decoding: FileProblem. A file cut off inside its last character (a truncated
    export) keeps its encoding; the damaged last row is then rejected like any short row."""
    with path.open("rb") as fh:
        head = fh.read(4)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if _has_nul(path):
        raise FileProblem(path.name, "텍스트 파일이 아닙니다: NUL 바이트가 있습니다 (binary data, not a text CSV; "
                                     "UTF-16 files need a BOM)")
    for encoding in ("utf-8-sig", "cp949"):
        if _decodes(path, encoding):
            return encoding
    raise FileProblem(path.name, "인코딩을 알 수 없습니다: UTF-8도 CP949(EUC-KR)도 아닙니다 "
                                 "(unknown encoding: neither UTF-8 nor CP949; save the file as UTF-8 CSV)")


def _has_nul(path: Path) -> bool:
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            if b"\x00" in chunk:
                return True
    return False


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(_CHUNK):
                decoder.decode(chunk)
    except UnicodeDecodeError:
        return False
    # Not `final=True`: an incomplete character at the very end is a truncation, not an encoding.
    return len(decoder.getstate()[0]) < 4


# --- headers -----------------------------------------------------------------------------------
def _header_key(text: str) -> str:
    """Headers compare without spaces, BOMs or case: ` 신고 번호 `, `Call_ID` and `call_id` match."""
    return re.sub(r"[\s\ufeff\u200b]+", "", text).lower()


def _lookup(spec: FileSpec) -> dict[str, str]:
    table: dict[str, str] = {}
    for f in spec.fields:
        table[_header_key(f.header)] = f.name
        table[_header_key(f.name)] = f.name
    if spec.stem == "risk_assessments":      # `문항 01`, `item01`, `Q1` all name item_1
        for i in range(1, 31):
            for alias in (f"문항{i:02d}", f"item{i}", f"item{i:02d}", f"q{i}"):
                table.setdefault(alias, f"item_{i}")
    return table


def map_header(src: SourceFile, header: list[Any], mapping: dict[str, str]) -> None:
    """Fill `src.columns` from the header row; raise FileProblem naming every missing required
    column, or a field two columns claim."""
    src.header = ["" if h is None else str(h).strip() for h in header]
    table = _lookup(src.spec)
    claimed: dict[str, list[str]] = {}
    for idx, text in enumerate(src.header):
        key = _header_key(text)
        name = mapping.get(key) or table.get(key)
        if name is None:
            if text:
                src.ignored.append(text)
            continue
        claimed.setdefault(name, []).append(text or f"#{idx + 1}")
        src.columns.setdefault(name, idx)
    doubled = {k: v for k, v in claimed.items() if len(v) > 1}
    missing = [f for f in src.spec.fields if f.required and f.name not in src.columns]
    messages = []
    if missing:
        names = ", ".join(f"{f.header}({f.name})" for f in missing)
        messages.append(f"필수 열이 없습니다: {names} (missing required columns)")
    if doubled:
        names = "; ".join(f"{k} ← {' / '.join(v)}" for k, v in doubled.items())
        messages.append(f"같은 필드를 가리키는 열이 둘 이상입니다: {names} (duplicated headers)")
    if messages:
        raise FileProblem(src.name, "; ".join(messages))


# --- rows --------------------------------------------------------------------------------------
class _Counting(io.RawIOBase):
    """A binary file that remembers how many bytes were read (for a byte-based progress bar)."""

    def __init__(self, fh: io.BufferedReader):
        self.fh, self.pos = fh, 0

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        n = self.fh.readinto(b)
        self.pos += n or 0
        return n or 0

    def close(self) -> None:
        self.fh.close()
        super().close()


def open_source(stem: str, path: Path, mapping: dict[str, dict[str, str]]) -> SourceFile:
    """Detect the encoding and read the header; FileProblem on any whole-file problem."""
    src = SourceFile(stem=stem, path=path, spec=FILES[stem], size=path.stat().st_size)
    if path.suffix.lower() == ".csv":
        src.encoding = detect_encoding(path)
    rows = iter_rows(src)
    try:
        _, header = next(rows)
    except StopIteration:
        raise FileProblem(src.name, "비어 있습니다: 헤더 행이 없습니다 (empty file, no header row)") from None
    finally:
        rows.close()
    map_header(src, header, mapping.get(stem, {}))
    return src


def iter_rows(src: SourceFile, progress: Any = None) -> Iterator[tuple[int, list[Any]]]:
    """`(row_number, cells)` for every record including the header (row 1). `progress(done)`
    gets bytes read (CSV) or rows read (xlsx)."""
    if src.path.suffix.lower() == ".xlsx":
        yield from _xlsx_rows(src, progress)
    else:
        yield from _csv_rows(src, progress)


def _csv_rows(src: SourceFile, progress: Any) -> Iterator[tuple[int, list[Any]]]:
    raw = _Counting(src.path.open("rb"))
    # errors="replace" only matters for a character cut off at the end of a truncated file: every
    # other byte was decoded strictly by `detect_encoding`.
    text = io.TextIOWrapper(io.BufferedReader(raw, _CHUNK), encoding=src.encoding or "utf-8-sig",
                            errors="replace", newline="")
    try:
        reader = csv.reader(text, strict=False)
        row_no = 0
        last = 0
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                raise FileProblem(src.name, f"{row_no + 1}행 부근을 CSV로 읽을 수 없습니다 "
                                            f"(not readable as CSV near row {row_no + 1}: {exc})") from exc
            row_no += 1
            yield row_no, cells
            if progress is not None and raw.pos - last >= _CHUNK:
                last = raw.pos
                progress(raw.pos)
        if progress is not None:
            progress(raw.pos)
    finally:
        text.close()


def _xlsx_rows(src: SourceFile, progress: Any) -> Iterator[tuple[int, list[Any]]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        # data_only=False: a formula cell (`=HYPERLINK(…)`) is kept as its text, never evaluated or
        # silently replaced by a cached value that may be missing.
        wb = load_workbook(src.path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise FileProblem(src.name, f"엑셀(.xlsx) 파일로 열 수 없습니다 (not a readable .xlsx: {exc})") from exc
    try:
        ws = wb.worksheets[0]
        for row_no, cells in enumerate(ws.iter_rows(values_only=True), start=1):
            yield row_no, list(cells)
            if progress is not None and row_no % 1000 == 0:
                progress(row_no)
    finally:
        wb.close()


def count_rows_hint(src: SourceFile) -> int | None:
    """Total units for a progress bar: bytes for CSV; rows for xlsx (from the sheet's dimension)."""
    if src.path.suffix.lower() != ".xlsx":
        return src.size
    from openpyxl import load_workbook

    wb = load_workbook(src.path, read_only=True)
    try:
        return wb.worksheets[0].max_row
    finally:
        wb.close()
