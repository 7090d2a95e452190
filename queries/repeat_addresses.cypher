// title: Repeat addresses
// title_ko: 반복 신고 주소
// description: >
//   Resolved addresses where at least `min_calls` 112 calls happened inside some window of
//   `window_days` days (any window), with the households living there and the call_ids.
// description_ko: >
//   `window_days`일 이내의 어느 기간이든 112 신고가 `min_calls`건 이상 발생한 주소(동일 주소 식별된
//   Address)와 그 주소의 세대, 신고번호.
// mode: read
// app: true
// params:
//   window_days: {type: int, default: 365, description: Window length in days}
//   min_calls: {type: int, default: 3, description: Fewest calls inside one window}
// columns:
//   address_id: Resolved address (Address.address_id)
//   address: Canonical address text
//   district: District (읍·면·동) when known
//   household_ids: Households living at the address
//   calls_in_window: Most calls inside any one window
//   total_calls: All calls at the address
//   categories: Call categories seen
//   call_ids: All call_ids at the address, oldest first
//   window_call_ids: The call_ids inside qualifying windows
// kinds:
//   address_id: id
//   address: address
//   district: address
//   household_ids: id
//   calls_in_window: number
//   total_calls: number
//   categories: code
//   call_ids: id
//   window_call_ids: id

// Reads the calls per address as the summaries keep them (derived/): Address.call_ids / call_at.
MATCH (a:Address) WHERE a.call_count >= $min_calls
WITH a, a.call_at AS days
WITH a, days,
     [i IN range(0, size(days) - 1) |
        size([j IN range(i, size(days) - 1) WHERE days[j] <= days[i] + duration({days: $window_days})])] AS counts
WITH a, days, counts, reduce(best = 0, n IN counts | CASE WHEN n > best THEN n ELSE best END) AS best
WHERE best >= $min_calls
WITH a, best,
     [j IN range(0, size(days) - 1)
        WHERE any(i IN range(0, j) WHERE counts[i] >= $min_calls
                  AND days[j] <= days[i] + duration({days: $window_days})) | a.call_ids[j]] AS window_call_ids
RETURN a.address_id AS address_id, coalesce(a.text, a.road_address, a.lot_address) AS address,
       a.district AS district,
       COLLECT { MATCH (h:Household)-[:LIVES_AT]->(a) RETURN DISTINCT h.household_id } AS household_ids,
       best AS calls_in_window, a.call_count AS total_calls, a.call_categories AS categories,
       a.call_ids AS call_ids, window_call_ids
ORDER BY calls_in_window DESC, total_calls DESC, address_id
