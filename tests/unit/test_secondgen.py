"""The second record generator (bench/secondgen): deterministic by seed, every value form of the data
contract present at ~3,000 records, and values that agree with the truth. The forms are recognised
here by patterns written from shared/data-contract.md, not by the generator's own tags."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pandas as pd
import pytest

from bench.secondgen import MEAN_RECORDS, generate, generate_annotated

N_PEOPLE = round(3000 / MEAN_RECORDS)

BIRTH_FORMS = {
    "2023-03-02": r"\d{4}-\d{2}-\d{2}",
    "2023.3.2": r"\d{4}\.\d{1,2}\.\d{1,2}",
    "2023/03/02": r"\d{4}/\d{2}/\d{2}",
    "20230302": r"(19|20)\d{6}",
    "23.03.02": r"\d{2}\.\d{2}\.\d{2}",
    "Excel serial": r"[1-4]\d{4}",
    "2023-03-02 14:05": r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?",
    "2023년 3월 2일": r"\d{4}년 \d{1,2}월 \d{1,2}일",
    "850302": r"\d{6}",
    "1985": r"(19|20)\d{2}",
}
PHONE_FORMS = {
    "010-1234-5678": r"010-\d{4}-\d{4}",
    "01012345678": r"010\d{8}",
    "010 1234 5678": r"010 \d{4} \d{4}",
    "+82-10-1234-5678": r"\+82-10-\d{4}-\d{4}",
    "010-****-5678": r"010-\*{4}-\d{4}",
}
NAME_FORMS = {
    "extra spaces": r"\s*[가-힣]+(\s+[가-힣]+)+\s*|\s+[가-힣]+|[가-힣]+\s+",
    "김*희": r"[가-힣]{1,2}\*+[가-힣]",
    "김○희": r"[가-힣]{1,2}○+[가-힣]",
    "김**": r"[가-힣]{1,2}[*○]{2,}",
    "Latin": r"[A-Za-z][A-Za-z ,'-]+",
}
ADDRESS_FORMS = {
    "road-name": r".*\S+(로|길) \d+\b.*",
    "lot-number": r".*(동|리) (산)?\d+(-\d+)?\b.*",
    "province 제주특별자치도": r"\s*제주특별자치도 .*",
    "province 제주도": r"\s*제주도 .*",
    "province 제주": r"\s*제주 (제주시|서귀포시).*",
    "province left out": r"\s*(제주시|서귀포시) .*",
    "unit 101동 202호": r".*\d{3}동 \d{3,4}호.*",
    "unit 101-202": r".*\d \d{3}-\d{3,4}( \(.*\))?,?\s*$|.*, \d{3}-\d{3,4}.*",
    "stray spaces and commas": r"\s.*|.*\s{2,}.*|.*,\s*$|.* ,.*",
}


@pytest.fixture(scope="module")
def generated():
    return generate_annotated(N_PEOPLE, 7)


def _share(values: pd.Series, pattern: str) -> int:
    return int(values.str.fullmatch(pattern).sum())


def test_same_seed_same_records_other_seed_other_records():
    a, ta = generate(200, 3)
    b, tb = generate(200, 3)
    c, _ = generate(200, 4)
    pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_series_equal(ta, tb)
    assert not a.equals(c)
    assert list(a.columns) == ["name", "birth_date", "sex", "phone", "address"]


def test_every_contract_value_format_occurs(generated):
    r = generated.records
    assert 2700 <= len(r) <= 3300
    missing = [f"birth {k}" for k, p in BIRTH_FORMS.items() if _share(r["birth_date"], p) == 0]
    missing += [f"phone {k}" for k, p in PHONE_FORMS.items() if _share(r["phone"], p) == 0]
    missing += [f"name {k}" for k, p in NAME_FORMS.items() if _share(r["name"], p) == 0]
    missing += [f"address {k}" for k, p in ADDRESS_FORMS.items() if _share(r["address"], p) == 0]
    missing += [f"sex {s}" for s in ("남", "여", "M", "F") if not (r["sex"] == s).any()]
    assert not missing, missing
    for column in ("name", "birth_date", "sex", "phone", "address"):  # every field is sometimes empty
        assert (r[column] == "").any(), column
    assert (r["address"].str.contains("로") & ~r["address"].str.contains(r"\d{3}", regex=True)).any()


def test_truth_is_consistent(generated):
    t = generated.tags
    assert (generated.truth == t["person_id"]).all()
    per_person = t.groupby("person_id")[["true_birth", "true_sex", "true_name", "household_id"]].nunique()
    assert (per_person == 1).all().all()
    counts = t["person_id"].value_counts()
    assert counts.min() >= 1 and counts.max() <= 8
    assert (counts == 1).sum() > (counts == 4).sum() > (counts == 8).sum()  # skewed


def _decode(text: str) -> date | None:
    """The contract's full-date forms, decoded independently (2-digit years: ≤ 24 → 20xx)."""
    text = text.strip()
    if re.fullmatch(r"[1-4]\d{4}", text):
        return date(1899, 12, 30) + timedelta(days=int(text))
    if m := re.fullmatch(r"(\d{4})년 (\d{1,2})월 (\d{1,2})일", text):
        return date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{4})([-./])(\d{1,2})\2(\d{1,2})( \d{2}:\d{2}(:\d{2})?)?", text):
        return date(int(m[1]), int(m[3]), int(m[4]))
    if m := re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text):
        return date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{2})\.?(\d{2})\.?(\d{2})", text):
        year = int(m[1]) + (2000 if int(m[1]) <= 24 else 1900)
        return date(year, int(m[2]), int(m[3]))
    return None


def test_written_values_agree_with_truth_unless_an_error_is_tagged(generated):
    r, t = generated.records, generated.tags
    checked = 0
    for birth, phone, true_birth, true_phone, errors in zip(r["birth_date"], r["phone"], t["true_birth"],
                                                            t["true_phone"], t["errors"], strict=True):
        decoded = _decode(birth)
        if decoded is not None and not re.fullmatch(r"(19|20)\d{2}", birth.strip()):
            if not {"day_typo", "day_month_swap"} & set(errors.split()):
                assert decoded.isoformat() == true_birth, (birth, true_birth)
                checked += 1
        digits = re.sub(r"\D", "", phone.replace("+82", "0"))
        if phone and "*" not in phone and "phone_typo" not in errors:
            assert digits == true_phone.replace("-", ""), (phone, true_phone)
    assert checked > 2000


def test_hard_negatives_exist(generated):
    t = generated.tags
    people = t.drop_duplicates("person_id")
    namesakes = people.assign(year=people["true_birth"].str[:4]).groupby(["true_name", "year"])["person_id"]
    assert (namesakes.nunique() > 1).sum() >= 20  # same name, same birth year, different people
    households = people.groupby("household_id")["person_id"].nunique()
    assert (households >= 3).sum() >= 100
    assert (people["country"] != "").sum() >= 30  # foreign residents
    written = t.assign(name=generated.records["name"])
    both = written[written["country"] != ""].groupby("person_id")["name"].agg(
        lambda names: names.str.contains("[A-Za-z]").any() and names.str.contains("[가-힣]").any())
    assert both.any()  # the same foreign resident in Latin letters in one record and in Hangul in another
