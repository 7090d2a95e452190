"""What a role may see of a value: pure masking functions and the record masker pages, exports and
the console pass every result through before it leaves the server.

Policy (docs/security.md):
- `council` (no `data:full_detail`): names masked (김*희), birth dates to the year, addresses to the
  읍·면·동, phones, client numbers, call narratives and resolution evidence withheld.
- everyone but `admin` (no `data:shelter_address`): protection-facility locations are withheld —
  the address/phone of shelter agencies (보호시설, 청소년쉼터) and any address recorded while a
  person was in a shelter (services with field 주거·보호시설, or given by a shelter agency).

Which value is what is decided by the *key* it is returned under (column name, map key or node
property), by these conventions that every query and page follows:

| convention | keys |
|---|---|
| person name | `name`, `name_norm`, `*_name`, `names`, `*_names` (not when the key contains `agency`, and not the `name` of an `Agency` node) |
| birth date | `birth_date`, `birth_raw`, `dob`, `*_birth_date` (`birth_year` is kept) |
| phone | `phone`, `*_phone`, `phones` |
| address | `address`, `*_address`, `addresses`, `location` (a call's point), every text property of an `Address` node |
| withheld from council | `client_ref`, `summary`, `evidence`, `*_client_ref` |
| shelter marker | `type`/`*_type` equal to 보호시설/청소년쉼터, `field`/`*_field` equal to 주거·보호시설, `is_shelter`/`in_shelter` true: every address and phone key of the same row/map is withheld |

On top of the key conventions, every string anywhere in a result is compared with the known shelter
addresses and phones (`SensitiveValues`, loaded by `auth.shelters`), which catches values returned
under an unconventional name, inside lists, maps, paths or concatenations.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from auth.roles import can
from values import dates, names
from values import phones as phone_values

SHELTER_AGENCY_TYPES = frozenset({"보호시설", "청소년쉼터"})
SHELTER_SERVICE_FIELDS = frozenset({"주거·보호시설"})
SUPPRESSED = "(보호시설 비공개)"
WITHHELD = "(비공개)"

_PROVINCE = ("제주특별자치도", "제주도", "제주")
# 읍·면·동 tokens: Hangul, optionally one digit (이도1동), ending in 읍/면/동/가 — never a leading digit
# (101동 is an apartment building, not a 동).
_DONG_RE = re.compile(r"^[\uac00-\ud7a3]{1,8}\d?[\uac00-\ud7a3]?(읍|면|동|가)$")
_CITY_RE = re.compile(r"^[\uac00-\ud7a3]{1,8}(시|군|구)$")


# --- pure value functions ---------------------------------------------------------------------
def mask_name(name: Any) -> Any:
    """'김영희'→'김*희', '남궁민수'→'남**수', '김철'→'김*', 'John Smith'→'J*** S****'."""
    if not isinstance(name, str) or not name.strip():
        return name
    compact = "".join(name.split())
    if names.is_korean_name(compact):
        if len(compact) <= 1:
            return "*"
        if len(compact) == 2:
            return compact[0] + "*"
        return compact[0] + "*" * (len(compact) - 2) + compact[-1]
    return " ".join(w[0] + "*" * (len(w) - 1) for w in name.split())


def birth_year(value: Any) -> Any:
    """A birth date reduced to its year (int), read as the loader reads it (`values.dates`);
    unreadable values become WITHHELD, None and "" stay as they are."""
    if value is None or value == "":
        return value
    if not isinstance(value, (str, int, float, date)):
        value = str(value)  # the driver's temporal types and anything else: read as text (and hashable)
    return dates.year_of(dates.parse_birth(value)) or WITHHELD


def mask_address(address: Any) -> Any:
    """An address reduced to its 읍·면·동 (with the 시 when written): '제주특별자치도 제주시 연삼로 123,
    101동 202호 (이도이동)' → '제주시 이도이동'. Without a recognisable 읍·면·동 only the 시 (or WITHHELD).
    A value that is no text (a call's location point) has no 읍·면·동 to keep: WITHHELD."""
    if address is None or address == "" or (isinstance(address, str) and not address.strip()):
        return address
    if not isinstance(address, str):
        return WITHHELD
    text = unicodedata.normalize("NFKC", address)
    in_parens = " ".join(re.findall(r"\(([^)]*)\)", text))
    outside = re.sub(r"\([^)]*\)", " ", text)
    tokens = [t for t in re.split(r"[\s,]+", outside) if t]
    city, dong = None, None
    for tok in tokens:
        if tok[0].isdigit():
            break  # lot or building numbers: a 동 after them is a building, not an area
        if tok in _PROVINCE or tok.endswith("도") and len(tok) > 2 and tok.startswith("제주"):
            continue
        if city is None and _CITY_RE.match(tok):
            city = tok
            continue
        if _DONG_RE.match(tok):
            dong = tok
            break
    if dong is None:
        for tok in re.split(r"[\s,]+", in_parens):
            if tok and not tok[0].isdigit() and _DONG_RE.match(tok):
                dong = tok
                break
    parts = [p for p in (city, dong) if p]
    return " ".join(parts) if parts else WITHHELD


def mask_phone(phone: Any) -> Any:
    if not isinstance(phone, str) or not phone.strip():
        return phone
    return WITHHELD


# --- sensitive (shelter) values -----------------------------------------------------------------
def _norm_text(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in text if ch.isalnum())


def _strip_province(norm: str) -> str:
    for p in _PROVINCE:
        if norm.startswith(p):
            return norm[len(p):]
    return norm


_ADDR_PREFIX = 4  # shortest shelter address kept (see build)
_PHONE_PREFIX = 7  # shortest shelter phone kept
_PIECE = 4  # length of the address pieces indexed for fragment tests (the shortest fragment tested)


@dataclass
class SensitiveValues:
    """Shelter addresses and phones that no role but admin may see, compared after normalisation
    (Unicode NFKC, case, spaces and punctuation ignored; phones by their digits)."""

    addresses: set[str] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)
    element_ids: set[str] = field(default_factory=set)  # nodes whose location properties are withheld

    @classmethod
    def build(cls, addresses: Iterable[Any] = (), phones: Iterable[Any] = (),
              element_ids: Iterable[str] = ()) -> SensitiveValues:
        sv = cls(element_ids={e for e in element_ids if e})
        for a in addresses:
            if isinstance(a, str) and a.strip():
                n = _norm_text(a)
                for variant in (n, _strip_province(n)):
                    if len(variant) >= 4:
                        sv.addresses.add(variant)
        for p in phones:
            # The digits as written and the number as the loader normalises it (+82, lost 0).
            digits = re.sub(r"\D", "", str(p or ""))
            number = phone_values.normalise(p)
            for variant in (digits, number if number and "*" not in number else ""):
                if len(variant) >= _PHONE_PREFIX:
                    sv.phones.add(variant)
        return sv

    def _index(self) -> tuple[dict[str, list[str]], dict[str, list[str]], str, dict[str, list[str]]]:
        """Lookup structures built once per instance: for fragment tests, each 4-character piece
        of a shelter address that holds a digit → the addresses holding it (a fragment is tested
        against the addresses sharing its rarest piece; searching one string of all 109 k
        national shelter addresses took ≈1 ms per value, seconds per page); a prefix index
        (containment tests become one dict lookup per character of the value); and the phones
        joined into one string (a handful). Masking runs on every value of every row shown."""
        cached = getattr(self, "_idx", None)
        if cached is None:
            by_prefix: dict[str, list[str]] = {}
            pieces: dict[str, list[str]] = {}
            for a in self.addresses:
                by_prefix.setdefault(a[:_ADDR_PREFIX], []).append(a)
                for piece in {a[i:i + _PIECE] for i in range(len(a) - _PIECE + 1)}:
                    if any(ch.isdigit() for ch in piece):
                        pieces.setdefault(piece, []).append(a)
            phone_prefix: dict[str, list[str]] = {}
            for p in self.phones:
                phone_prefix.setdefault(p[:_PHONE_PREFIX], []).append(p)
            cached = (pieces, by_prefix, "\x00".join(self.phones), phone_prefix)
            object.__setattr__(self, "_idx", cached)
        return cached

    @staticmethod
    def _in_an_address(norm: str, pieces: dict[str, list[str]]) -> bool:
        """Whether `norm` (holding a digit, at least _PIECE long) is part of a shelter address:
        every address containing it holds each of its pieces, so only the addresses of its
        rarest piece with a digit are searched, and a piece no address holds answers at once."""
        rarest: list[str] | None = None
        for i in range(len(norm) - _PIECE + 1):
            piece = norm[i:i + _PIECE]
            if not any(ch.isdigit() for ch in piece):
                continue
            holders = pieces.get(piece)
            if holders is None:
                return False
            if rarest is None or len(holders) < len(rarest):
                rarest = holders
        return rarest is not None and any(norm in a for a in rarest)

    def matches(self, value: Any) -> bool:
        """True when `value` reveals a shelter location: equals or contains a shelter address or
        phone, or is a fragment of one that carries a house/phone number (>=4 chars with a digit
        and a non-digit: a bare number such as a row number or a building number alone is not a
        location)."""
        if isinstance(value, bool) or value is None:
            return False
        if isinstance(value, (int, float)):
            value = str(int(value)) if float(value).is_integer() else str(value)
        if not isinstance(value, str):
            return False
        norm = _norm_text(value)
        if not norm:
            return False
        pieces, by_prefix, joined_phones, phone_prefix = self._index()
        if by_prefix:
            for i in range(len(norm) - _ADDR_PREFIX + 1):
                for a in by_prefix.get(norm[i:i + _ADDR_PREFIX], ()):
                    if norm.startswith(a, i):
                        return True
            if (len(norm) >= 4 and any(ch.isdigit() for ch in norm) and not norm.isdigit()
                    and (self._in_an_address(norm, pieces) or self._in_an_address(norm[::-1], pieces))):
                return True
        digits = re.sub(r"\D", "", value)
        if len(digits) >= 7 and phone_prefix:
            if digits in joined_phones or digits[::-1] in joined_phones:
                return True
            for i in range(len(digits) - _PHONE_PREFIX + 1):
                for p in phone_prefix.get(digits[i:i + _PHONE_PREFIX], ()):
                    if digits.startswith(p, i):
                        return True
        return False

    def __bool__(self) -> bool:
        return bool(self.addresses or self.phones or self.element_ids)


# --- the record masker --------------------------------------------------------------------------
@dataclass(frozen=True)
class Policy:
    full_detail: bool
    shelter_visible: bool
    # A list read before the user gave a purpose of access (search hits, pattern tables): only
    # what picks the right person — the name as the role may see it and the year of birth; never
    # a full birth date, phone or withheld value beside a name, whatever the role.
    listing: bool = False

    @classmethod
    def for_role(cls, role: str | None, *, listing: bool = False) -> Policy:
        return cls(full_detail=can(role, "data:full_detail"), shelter_visible=can(role, "data:shelter_address"),
                   listing=listing)

    @property
    def unchanged(self) -> bool:
        """True when this policy changes nothing (an admin reading with a purpose)."""
        return self.full_detail and self.shelter_visible and not self.listing


def _kind(key: str, labels: frozenset[str]) -> str | None:
    k = key.lower()
    if "Address" in labels and not k.startswith("_") and not k.endswith("_id"):
        return "address"
    if k in {"name", "name_norm", "names"} or k.endswith(("_name", "_names", "_name_norm")):
        if "agency" in k or "Agency" in labels or k in {"label_name", "query_name", "file_name"}:
            return None
        return "name"
    if k in {"birth_date", "birth_raw", "dob"} or k.endswith("_birth_date"):
        return "birth"
    if k in {"phone", "phones"} or k.endswith("_phone"):
        return "phone"
    if k in {"address", "addresses", "location"} or k.endswith("_address"):
        return "address"
    if k in {"client_ref", "summary", "evidence"} or k.endswith("_client_ref"):
        return "withheld"
    return None


def column_kind(key: str) -> str | None:
    """What a result column holds by the key conventions above: name, birth, phone, address,
    withheld or None (anything else)."""
    return _kind(key, frozenset())


def search_classes(columns: Iterable[str]) -> tuple[list[str], list[str]]:
    """(open, named) for a table search: the columns any user's search may look into, and the
    names and birth dates only a user who sees them unmasked may. Address, phone and withheld
    columns are in neither: shelter locations may be withheld, and a match would reveal them."""
    open_cols, named = [], []
    for c in columns:
        kind = column_kind(c)
        if "address" in c.lower() or "phone" in c.lower() or kind in {"address", "phone", "withheld"}:
            continue
        (named if kind in {"name", "birth"} else open_cols).append(c)
    return open_cols, named


def is_shelter_marker(key: str, value: Any) -> bool:
    k = key.lower()
    if isinstance(value, str):
        if (k == "type" or k.endswith("_type")) and value in SHELTER_AGENCY_TYPES:
            return True
        if (k == "field" or k.endswith("_field")) and value in SHELTER_SERVICE_FIELDS:
            return True
    return k in {"is_shelter", "in_shelter"} and value is True


def mask_scalar(kind: str, value: Any) -> Any:
    if isinstance(value, list):
        return [mask_scalar(kind, v) for v in value]
    if kind == "name":
        return mask_name(value)
    if kind == "birth":
        return birth_year(value)
    if kind == "address":
        return mask_address(value)
    if kind == "phone":
        return mask_phone(value)
    return WITHHELD if value not in (None, "") else value


def mask_value(value: Any, policy: Policy, sensitive: SensitiveValues | None = None) -> Any:
    """Apply `policy` to any result value (scalars, lists, maps, nodes, relationships, paths)."""
    if policy.unchanged:
        return value
    if isinstance(value, dict):
        return _mask_map(value, policy, sensitive)
    if isinstance(value, list):
        return [mask_value(v, policy, sensitive) for v in value]
    if not policy.shelter_visible and sensitive is not None and sensitive.matches(value):
        return SUPPRESSED
    return value


def _mask_map(record: dict[str, Any], policy: Policy, sensitive: SensitiveValues | None) -> dict[str, Any]:
    labels = frozenset(record.get("_labels") or ())
    shelter = not policy.shelter_visible and (
        any(is_shelter_marker(k, v) for k, v in record.items())
        or ("Agency" in labels and record.get("type") in SHELTER_AGENCY_TYPES)
        or (sensitive is not None and record.get("_element_id") in sensitive.element_ids))
    out: dict[str, Any] = {}
    for key, value in record.items():
        kind = _kind(key, labels) if not key.startswith("_") else None
        if shelter and kind in {"address", "phone"} and value not in (None, ""):
            out[key] = SUPPRESSED
            continue
        if kind and (not policy.full_detail or (policy.listing and kind in _LISTING_HIDDEN)):
            value = mask_scalar(kind, value)
        out[key] = mask_value(value, policy, sensitive)
    return out


_LISTING_HIDDEN = frozenset({"birth", "phone", "withheld"})


def mask_rows(rows: list[dict[str, Any]], role: str | None,
              sensitive: SensitiveValues | None = None, *, listing: bool = False) -> list[dict[str, Any]]:
    """Every row of a result with `role`'s policy applied (admin: unchanged). Unknown role: the
    strictest policy."""
    policy = Policy.for_role(role, listing=listing)
    if policy.unchanged:
        return rows
    return [_mask_map(r, policy, sensitive) for r in rows]


def mask_record(record: dict[str, Any], role: str | None,
                sensitive: SensitiveValues | None = None) -> dict[str, Any]:
    return mask_rows([record], role, sensitive)[0]
