"""The agencies page's network (pages/components/agencynet.py): agencies in one block per group of
types, coloured by group; edges as wide as the households shared; labels that keep their size and
never overlap one another at the opening zoom."""

from __future__ import annotations

import itertools

from pages.components import agencynet
from pages.components.agencynet import COLOUR, edge_width, group_of, label_box, network_elements

TYPES = ["경찰서", "지구대·파출소", "지구대·파출소", "가정폭력상담소", "의료기관", "해바라기센터", "보호시설",
         "아동보호전문기관", "읍면동주민센터", "법률지원기관", "가해자교정기관", "교육기관", "기타", "새로운유형"]


def _pairs() -> list[dict]:
    agencies = [(f"A{i:02d}", f"제주{t}{i} 아주 긴 이름의 기관 {i}", t) for i, t in enumerate(TYPES * 3)]
    out = []
    for k, (a, b) in enumerate(itertools.combinations(agencies, 2)):
        if k % 7 == 0:
            out.append({"agency_a": a[0], "agency_a_name": a[1], "agency_a_type": a[2], "agency_b": b[0],
                        "agency_b_name": b[1], "agency_b_type": b[2], "shared_households": 2 + k % 60})
    return out


def test_groups_colours_and_widths() -> None:
    assert group_of("지구대·파출소") == "police_box" and group_of("해바라기센터") == "medical"
    assert group_of("새로운유형") == group_of(None) == "other"
    assert len(set(COLOUR.values())) == len(COLOUR)
    assert edge_width(61, 61) == agencynet.MAX_EDGE and edge_width(0, 61) == agencynet.MIN_EDGE
    assert edge_width(10, 61) < edge_width(30, 61)
    els = network_elements(_pairs(), {"A00": {"calls": 5000}}, lambda g: f"[{g}]")
    nodes = [e for e in els if "position" in e]
    groups = [e for e in els if "agency-group" in (e.get("classes") or "")]
    assert {g["data"]["group"] for g in groups} == {n["data"]["group"] for n in nodes}
    assert all(n["data"]["parent"] == f"group:{n['data']['group']}" for n in nodes)
    assert all(n["data"]["colour"] == COLOUR[n["data"]["group"]] for n in nodes)
    edges = [e["data"] for e in els if "source" in e["data"]]
    by_shared = sorted(edges, key=lambda e: e["shared"])
    assert [e["width"] for e in by_shared] == sorted(e["width"] for e in by_shared)
    assert by_shared[-1]["width"] == agencynet.MAX_EDGE


def test_labels_fit_their_cells_and_never_overlap() -> None:
    els = network_elements(_pairs(), {}, str)
    boxes = []
    for e in els:
        if "position" not in e:
            continue
        w, h = label_box(e["data"]["label"])
        assert w <= agencynet.LABEL_WIDTH + 4 and e["data"]["label"].count("\n") <= 1
        x, y, size = e["position"]["x"], e["position"]["y"], e["data"]["size"]
        boxes.append((x - max(w, size) / 2, y - size / 2, x + max(w, size) / 2, y + size / 2 + 4 + h))
    for a, b in itertools.combinations(boxes, 2):
        assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
    width, _ = agencynet.bounds(els)
    assert width <= agencynet.TARGET_WIDTH       # the opening zoom of a full-width panel stays near 1


def test_long_names_use_two_lines_even_without_a_space() -> None:
    assert agencynet.label_lines("중앙지구대") == "중앙지구대"
    assert agencynet.label_lines("제주여성인권연대 가정폭력상담소") == "제주여성인권연대\n가정폭력상담소"
    one_word = agencynet.label_lines("제주시정신건강복지센터")
    assert one_word.replace("\n", "") == "제주시정신건강복지센터" and one_word.count("\n") == 1
    assert agencynet.label_lines("가" * 40).endswith("…")
