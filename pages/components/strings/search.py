"""The household page's person search (search.*)."""

STRINGS: dict[str, dict[str, str]] = {
    "search.born": {"ko": "{year}년생", "en": "born {year}"},
    "search.no_household": {"ko": "가구 미확인", "en": "no household"},
    "search.scope.agenda": {"ko": "협의회 안건 가구 안에서 찾습니다. 이름은 보이는 글자(성, 끝 글자)로 찾을 수 있습니다.",
                            "en": "Searching the council's agenda households. Find names by their visible "
                                  "letters (surname, last syllable)."},
    "search.scope.agency": {"ko": "우리 기관이 관여한 가구 안에서 찾습니다. 이름은 보이는 글자(성, 끝 글자)로 찾을 수 있습니다.",
                            "en": "Searching your agency's households. Find names by their visible letters "
                                  "(surname, last syllable)."},
    "search.no_results_scoped": {"ko": "열람 범위 안에서 찾은 사람이 없습니다",
                                 "en": "No one in your scope matches"},
    "search.searched_as": {"ko": "가려진 글자는 검색에 쓰지 않습니다. 보이는 글자(성과 끝 글자)가 같은 이름을 모두 보여 줍니다.",
                           "en": "Hidden letters are not searched: every name with the same visible letters is listed."},
    "search.more_masked": {"ko": "결과가 {shown}건을 넘습니다. 끝 글자까지 입력하세요 (예: 김*자, 김자).",
                           "en": "More than {shown} matches. Add the last letter too (e.g. 김*자 or 김자)."},
    "search.partial": {"ko": "검색어와 맞을 수 있는 사람이 너무 많아 일부만 살폈습니다. 검색어를 더 구체적으로 입력하세요.",
                       "en": "Too many people could match; only some were checked. Refine the search."},
}
