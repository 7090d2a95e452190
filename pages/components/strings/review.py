"""The review page (rv.*)."""

STRINGS: dict[str, dict[str, str]] = {
    "rv.title": {"ko": "동일인 판단 보류 쌍", "en": "Grey-zone record pairs"},
    "rv.intro": {"ko": "두 기록이 같은 사람인지 자동으로 정하지 못한 쌍입니다. 항목별 비교와 가중치를 보고 판단하세요. "
                       "결정은 다음 동일인 판단 실행 때 반영되며, 알고리즘보다 우선합니다.",
                 "en": "Pairs the algorithm could not settle. Read the per-field comparison and weights, then decide; "
                       "decisions apply at the next resolution run and win over the algorithm."},
    "rv.confirm": {"ko": "같은 사람", "en": "Same person"},
    "rv.split": {"ko": "다른 사람", "en": "Different people"},
    "rv.score": {"ko": "점수", "en": "Score"},
    "rv.none": {"ko": "검토할 쌍이 없습니다", "en": "No pairs to review"},
    "rv.decided": {"ko": "결정을 저장했습니다: {decision}", "en": "Decision saved: {decision}"},
    "rv.left": {"ko": "기록 A", "en": "Record A"},
    "rv.right": {"ko": "기록 B", "en": "Record B"},
    "rv.pair": {"ko": "쌍 {n}", "en": "Pair {n}"},
    "rv.col.field": {"ko": "항목", "en": "Field"},
    "rv.col.level": {"ko": "비교", "en": "Comparison"},
    "rv.col.weight": {"ko": "가중치", "en": "Weight"},
    "rv.col.mu": {"ko": "확률 (같은 사람 · 다른 사람)", "en": "m · u"},
    "rv.mu": {"ko": "같은 사람 {m} · 다른 사람 {u}", "en": "m {m} · u {u}"},
    "rv.mu_tip": {"ko": "이번 식별 실행의 모델: m = 같은 사람의 두 기록이 이 비교 결과일 확률(기록에서 EM으로 추정), "
                        "u = 다른 두 사람이 이 결과일 확률(무작위 기록 쌍에서 추정). 가중치 = log₂(m/u).",
                  "en": "This resolution run's model: m = the chance one person's two records compare like this "
                        "(estimated from the records by EM), u = the chance two different people do (from random "
                        "pairs of records). Weight = log₂(m/u)."},
    "rv.u_per_value": {"ko": "값별 빈도", "en": "per value"},
    "rv.source": {"ko": "출처", "en": "From"},
    "rv.total": {"ko": "합계 (일치 점수)", "en": "Total (match score)"},
    "rv.thresholds": {"ko": "자동 연결 기준 {match} 이상 · 검토 대상 {review} 이상",
                      "en": "Linked automatically at {match} or more · reviewed from {review}"},
    "rv.above_match": {"ko": "점수는 자동 연결 기준 이상이지만, 이어 붙이면 서로 맞지 않는 기록(예: 다른 생년월일)이 한 사람이 "
                             "되므로 자동으로 연결하지 않았습니다.",
                       "en": "The score reaches the linking threshold, but linking would join records that disagree "
                             "(e.g. different birth dates) into one person, so it was left for review."},
    "rv.weight_tip": {"ko": "가중치 = log₂(m/u): 같은 사람일 때 이 비교 결과가 나올 확률(m)과 다른 사람일 때의 확률(u)의 "
                            "비입니다. 양수는 같은 사람 쪽, 음수는 다른 사람 쪽 근거이고, 합계가 일치 점수입니다 "
                            "(Fellegi–Sunter).",
                      "en": "Weight = log₂(m/u): how much likelier this comparison result is for the same person (m) "
                            "than for different people (u). Positive points to one person, negative to two; the "
                            "weights add up to the match score (Fellegi–Sunter)."},
    "rv.field.name": {"ko": "성명", "en": "Name"},
    "rv.field.birth": {"ko": "생년월일", "en": "Birth date"},
    "rv.field.sex": {"ko": "성별", "en": "Sex"},
    "rv.field.phone": {"ko": "연락처", "en": "Phone"},
    "rv.field.address": {"ko": "주소", "en": "Address"},
    "rv.field.client_ref": {"ko": "기관 내부관리번호", "en": "Agency client number"},
    "rv.field.context": {"ko": "같은 신고", "en": "Same call"},
    "rv.field.household": {"ko": "가족 공통 정보", "en": "Shared by a family"},
    "rv.level.household.overlap": {"ko": "이름·생년월일이 다를 때 전화와 주소는 한 번만 셈",
                                   "en": "phone and address counted once when name and birth date differ"},
    "rv.class.exact": {"ko": "일치", "en": "Exact"},
    "rv.class.close": {"ko": "비슷함", "en": "Close"},
    "rv.class.different": {"ko": "다름", "en": "Different"},
    "rv.class.missing": {"ko": "비교 불가 (값 없음)", "en": "Missing"},
    "rv.level.name.typo": {"ko": "자모 한 개 차이", "en": "one letter apart"},
    "rv.level.name.latin": {"ko": "영문 표기, 같은 성·비슷한 이름", "en": "Latin spelling, same surname"},
    "rv.level.name.masked": {"ko": "가려진 이름의 보이는 글자 일치", "en": "visible syllables of a masked name agree"},
    "rv.level.name.syllable": {"ko": "한 음절 다름", "en": "one syllable differs"},
    "rv.level.name.swap": {"ko": "같은 이름, 순서만 다름", "en": "same name parts, other order"},
    "rv.level.name.fuzzy": {"ko": "철자가 비슷함", "en": "close spelling"},
    "rv.level.name.token": {"ko": "이름 일부 일치", "en": "one part of the name agrees"},
    "rv.level.birth.swap": {"ko": "월·일이 바뀜", "en": "month and day swapped"},
    "rv.level.birth.month": {"ko": "같은 연·월", "en": "same year and month"},
    "rv.level.birth.partial": {"ko": "한쪽은 연도(·월)만 기록", "en": "one side has only the year (and month)"},
    "rv.level.birth.near": {"ko": "월·일 같고 연도 1년 차이", "en": "same day, one year apart"},
    "rv.level.birth.year": {"ko": "같은 연도", "en": "same year"},
    "rv.level.birth.digit": {"ko": "숫자 한 자리 다름", "en": "one digit differs"},
    "rv.level.phone.masked": {"ko": "가려진 번호의 보이는 자리 일치", "en": "visible digits of a masked number agree"},
    "rv.level.phone.last4": {"ko": "끝 4자리 일치", "en": "last four digits agree"},
    "rv.level.address.building": {"ko": "같은 건물", "en": "same building"},
    "rv.level.address.district": {"ko": "같은 읍·면·동", "en": "same neighbourhood"},
    "rv.level.address.close": {"ko": "번지·우편번호 같고 글자 비슷함", "en": "same numbers, close wording"},
    "rv.level.address.numbers": {"ko": "번지·우편번호 같음", "en": "same numbers"},
    "rv.level.address.words": {"ko": "글자 비슷함, 번호 다름", "en": "close wording, other numbers"},
    "rv.level.client_ref.same": {"ko": "같은 기관·같은 번호", "en": "same agency, same number"},
    "rv.level.client_ref.differ": {"ko": "같은 기관·다른 번호", "en": "same agency, different number"},
    "rv.level.context.same": {"ko": "한 신고에 함께 기록", "en": "named on the same call"},
}
