"""`jss resolve-file`: resolve a plain CSV of person records and write it back with `cluster_id`."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from graph.errors import JSSError
from resolution import engine

COLUMNS = {"name": "name", "성명": "name", "이름": "name", "birth_date": "birth", "생년월일": "birth",
           "sex": "sex", "성별": "sex", "phone": "phone", "연락처": "phone", "전화번호": "phone",
           "address": "address", "주소": "address", "agency_id": "agency_id", "기관코드": "agency_id",
           "client_ref": "client_ref", "내부관리번호": "client_ref"}


class InputFileError(JSSError):
    """The CSV cannot be read or has none of the person columns."""


def read(path: Path) -> tuple[pd.DataFrame, str]:
    """Read UTF-8 (with or without BOM) or CP949; every value as text."""
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp949"):
        try:
            raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        try:
            df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding=encoding)
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise InputFileError(f"{path}: CSV를 읽을 수 없습니다 ({exc})") from exc
        return df, encoding
    raise InputFileError(f"{path}: 인코딩을 알 수 없습니다 (UTF-8 또는 CP949여야 합니다)")


def resolve_file(src: Path, out: Path) -> dict:
    df, encoding = read(src)
    present = {c: COLUMNS[c.strip()] for c in df.columns if c.strip() in COLUMNS}
    if not present:
        raise InputFileError(f"{src}: 사람 열이 하나도 없습니다 (name, birth_date, sex, phone, address 중 하나 이상 필요; "
                             f"있는 열: {', '.join(df.columns)})")
    records = pd.DataFrame({field: df[col] for col, field in present.items()})
    records.insert(0, "record_id", [f"row{i + 2:09d}" for i in range(len(df))])  # spreadsheet row numbers
    result = engine.resolve(records, with_persons=False, explain=False)
    out_df = df.copy()
    out_df["cluster_id"] = result.person_id
    out_df.to_csv(out, index=False, encoding="utf-8-sig")
    return {"rows": len(df), "clusters": int(pd.Series(result.person_id).nunique()), "encoding": encoding,
            "review_pairs": int(len(result.review_pairs)), "model": result.model}
