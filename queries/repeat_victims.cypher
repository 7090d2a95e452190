// title: Repeat victims
// title_ko: 반복 피해자
// description: >
//   People (resolved Person nodes) who were the victim in at least `min_calls` distinct 112 calls
//   falling inside some window of `window_days` days (any window, not the calendar year). Two
//   calls are inside one window when their reception times are at most `window_days` × 24 hours apart.
//   `call_ids` lists all of the person's victim calls; `window_call_ids` only those that belong
//   to a qualifying window.
// description_ko: >
//   `window_days`일 이내의 어느 기간이든 112 신고 `min_calls`건 이상에서 피해자였던 사람(동일인 식별된
//   Person). 두 신고의 접수 시각 차이가 `window_days`×24시간 이하이면 같은 기간으로 봅니다. `call_ids`는 그
//   사람이 피해자인 모든 신고, `window_call_ids`는 조건을 채운 기간에 속한 신고입니다.
// mode: read
// app: true
// params:
//   window_days: {type: int, default: 365, description: Window length in days}
//   min_calls: {type: int, default: 2, description: Fewest victim calls inside one window}
// columns:
//   person_id: Resolved person (Person.person_id)
//   name: Canonical name
//   household_id: The person's household, if resolved
//   calls_in_window: Most victim calls inside any one window
//   total_calls: All victim calls of the person
//   first_call_at: First victim call (reception time)
//   last_call_at: Last victim call
//   call_ids: All victim call_ids, oldest first
//   window_call_ids: The call_ids inside qualifying windows
// kinds:
//   person_id: id
//   name: name
//   household_id: id
//   calls_in_window: number
//   total_calls: number
//   first_call_at: date
//   last_call_at: date
//   call_ids: id
//   window_call_ids: id

// Reads each person's victim calls as the summaries keep them (derived/, refreshed after every load
// and resolution): Person.victim_call_ids / victim_call_at, oldest first.
MATCH (p:Person) WHERE p.victim_call_count >= $min_calls
WITH p, p.victim_call_at AS days
// For each call i, how many calls fall inside [day_i, day_i + window]: a window holding k calls can
// always slide to start at its first call, so these counts find the best window.
WITH p, days,
     [i IN range(0, size(days) - 1) |
        size([j IN range(i, size(days) - 1) WHERE days[j] <= days[i] + duration({days: $window_days})])] AS counts
WITH p, days, counts, reduce(best = 0, n IN counts | CASE WHEN n > best THEN n ELSE best END) AS best
WHERE best >= $min_calls
WITH p, best,
     [j IN range(0, size(days) - 1)
        WHERE any(i IN range(0, j) WHERE counts[i] >= $min_calls
                  AND days[j] <= days[i] + duration({days: $window_days})) | p.victim_call_ids[j]] AS window_call_ids
RETURN p.person_id AS person_id, p.name AS name,
       COLLECT { MATCH (p)-[:MEMBER_OF]->(h:Household) RETURN h.household_id ORDER BY h.household_id LIMIT 1 }[0]
         AS household_id,
       best AS calls_in_window, p.victim_call_count AS total_calls,
       p.victim_call_at[0] AS first_call_at, p.victim_call_at[-1] AS last_call_at,
       p.victim_call_ids AS call_ids, window_call_ids
ORDER BY calls_in_window DESC, total_calls DESC, person_id
