"""The Cypher console (con.*)."""

STRINGS: dict[str, dict[str, str]] = {
    "con.title": {"ko": "Cypher 콘솔 (읽기 전용)", "en": "Cypher console (read-only)"},
    "con.hint": {
        "ko": "쿼리는 읽기 전용 트랜잭션에서 실행되며, 쓰기·관리 명령·LOAD CSV·다중 문장은 거부됩니다. "
              "보호시설의 주소·연락처는 관리자 외에는 표시되지 않습니다. 모든 실행과 내보내기는 감사 기록에 남습니다.",
        "en": "Queries run in a read-only transaction; writes, administration commands, LOAD CSV and several "
              "statements at once are refused. Shelter addresses and phone numbers are shown to administrators "
              "only. Every run and export is recorded in the audit trail."},
    "con.example": {"ko": "예시 쿼리", "en": "Example query"},
    "con.example_pick": {"ko": "카탈로그에서 불러오기", "en": "Load one from the catalogue"},
    "con.params": {"ko": "매개변수 (JSON)", "en": "Parameters (JSON)"},
    "con.run": {"ko": "실행", "en": "Run"},
    "con.export": {"ko": "CSV 내보내기", "en": "Export CSV"},
    "con.summary": {"ko": "{rows}행, {ms} ms", "en": "{rows} rows, {ms} ms"},
    "con.refused": {"ko": "거부됨: {reason}", "en": "Refused: {reason}"},
    "con.syntax": {"ko": "Cypher 문법 오류입니다: {detail}", "en": "Cypher syntax error: {detail}"},
    "con.failed": {"ko": "쿼리를 실행하지 못했습니다: {detail}", "en": "The query failed: {detail}"},
    "con.params_json": {"ko": "매개변수는 {{\"이름\": 값}} 형태의 JSON 객체여야 합니다",
                        "en": "Parameters must be a JSON object such as {{\"name\": value}}"},
    "con.cut_bytes": {"ko": "결과가 잘렸습니다: {cap}바이트까지만 표시합니다 ({rows}행; 열을 줄이거나 LIMIT을 쓰거나 "
                            "JSS_CONSOLE_MAX_BYTES 설정을 늘리십시오).",
                      "en": "The result was cut at {cap} bytes ({rows} rows; return fewer columns, use LIMIT or "
                            "raise JSS_CONSOLE_MAX_BYTES)."},
    "con.cut_rows": {"ko": "결과가 잘렸습니다: 처음 {cap}행만 표시합니다 (LIMIT을 쓰거나 JSS_ROW_CAP 설정을 늘리십시오).",
                     "en": "The result was cut: only the first {cap} rows are shown (use LIMIT or raise JSS_ROW_CAP)."},
    "con.suppressed": {"ko": "보호시설 위치 정보 {n}건을 가렸습니다.", "en": "{n} shelter location values withheld."},
}
