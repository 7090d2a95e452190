"""The value formats of agency exports (data contract, "Value formats"), read in one place.

The loaders, entity resolution, masking and the CLI all read dates, birth dates, phones, names,
text and coordinates through these modules, so a value means the same thing wherever it is read:

- `values.dates`: date-times, dates and birth dates in every contract format (Excel serials,
  two-digit years, `년 월 일`, 오전/오후), with the century rule for two-digit years;
- `values.phones`: phone numbers as digits with `*` for masked digits, one at a time or a whole
  column at once in Arrow;
- `values.names`: mask characters (`*`, `○`, `●`, `x` …) and the cleaned name the loaders store;
- `values.text`: cleaned text (whitespace, Unicode forms) and display width in terminal columns;
- `values.coordinates`: a call's 경도/위도 pair as one WGS84 point (decimal degrees, or Korea's
  UTM-K grid in metres converted), or the reason it is none.

Every function is total: it never raises on odd input, it returns None (or UNKNOWN) when it cannot
read a value. The memoised ones (`dates.parse_birth`, `phones.normalise`) take hashable values: what
spreadsheet cells, CSV text and pandas columns hold. The package imports nothing of the project
(.importlinter), only the standard library and, for whole columns, pyarrow.
"""
