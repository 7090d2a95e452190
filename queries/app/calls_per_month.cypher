// title: Calls per month
// title_ko: 월별 112 신고
// description: >
//   112 calls received from `from` up to the day before `to` (dates), per calendar year, month
//   and category (미기재 when none): what the overview's year-on-year change compares when a year
//   is covered only in part (the same months of both years; pages/components/changes.py). Read
//   through the calls' date index, so it walks only the months asked for (the page asks only
//   when a year is covered in part; whole years come from calls_yoy).
// mode: read
// params:
//   from: {type: date, required: true}
//   to: {type: date, required: true}
// kinds:
//   year: number
//   month: number
//   category: code
//   calls: number
MATCH (c:Call)
WHERE c.received_at >= localdatetime({date: date($from)}) AND c.received_at < localdatetime({date: date($to)})
WITH c.received_at.year AS year, c.received_at.month AS month, coalesce(c.category, '미기재') AS category,
     count(*) AS calls
RETURN year, month, category, calls
ORDER BY year, month, category
