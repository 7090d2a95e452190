// title: Drop retired pattern-row indexes
// description: >
//   The text indexes over every table's rows, replaced by one pair per table (row_label): a graph
//   refreshed before then still has them, and keeping them up to date costs every refresh. Two
//   statements (run as a script).
// mode: write
DROP INDEX pattern_row_search_open IF EXISTS;
DROP INDEX pattern_row_search_named IF EXISTS
