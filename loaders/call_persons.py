"""`call_persons`: people named on a call → `PersonRecord` nodes,
`(PersonRecord)-[:INVOLVED_IN {role, relation_to_victim}]->(Call)`.

Record id `call_persons:<call_id>:<sha1(role|name|birth)[:12]>`. Two rows of one call with the
same role, name and birth (two unnamed child witnesses, say) are different people as far as the
export says, so the second gets `-2` appended rather than being merged away or rejected.
"""

from __future__ import annotations

from typing import Any

from loaders.contract import FILES
from loaders.records import birth_key, iso, person_props, person_record_hash
from loaders.refs import Refs
from loaders.validate import ProblemLog

SPEC = FILES["call_persons"]
UNIQUE_KEY = False


def build(v: dict[str, Any], row: int, refs: Refs, log: ProblemLog) -> tuple[str, dict[str, Any]] | None:
    call_id = v["call_id"]
    refs.call(row, "call_id", call_id)
    if call_id is None:
        return None
    name, birth = v["name"], v["birth_date"]
    key = f"call_persons:{call_id}:{person_record_hash(v['role'], name[1], birth_key(birth))}"
    props = person_props("call_persons", name, birth, sex=v["sex"], phone=v["phone"], address=v["address"])
    return key, {"key": key, "call_id": call_id, "role": v["role"], "relation": v["relation_to_victim"],
                 "props": props, "birth_date": iso(birth[0])}
