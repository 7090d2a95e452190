// title: Figures of each council case
// description: >
//   CouncilCase.attending_agencies (agencies that attended its meeting), outside_agencies (of them,
//   those that are not police: agency type other than 경찰서 / 지구대·파출소),
//   non_police_submission (submitted by an agency that is not police; an agency without a type
//   counts as police when its id starts with P-, the contract's police ids) and measure_fields
//   (one entry per council measure of the case, its field or 미기재, sorted). council_kpis reads
//   these instead of walking every case's agencies and measures. Written only where they changed.
// mode: write
MATCH (k:CouncilCase)
CALL (k) {
  OPTIONAL MATCH (k)-[:SUBMITTED_BY]->(sub:Agency)
  WITH k, sub LIMIT 1
  CALL (k) {
    OPTIONAL MATCH (k)<-[:ATTENDED]-(o:Agency)
    RETURN count(o) AS attending,
           count(CASE WHEN NOT coalesce(o.type, '') IN ['경찰서', '지구대·파출소'] THEN o END) AS outside
  }
  CALL (k) {
    OPTIONAL MATCH (k)<-[:FOR_CASE]-(m:CouncilMeasure)
    WITH DISTINCT m
    WITH m ORDER BY coalesce(m.field, '미기재')
    RETURN collect(CASE WHEN m IS NOT NULL THEN coalesce(m.field, '미기재') END) AS fields
  }
  WITH k, attending, outside, fields,
       coalesce(NOT (coalesce(sub.type, '') IN ['경찰서', '지구대·파출소']
                     OR (sub.type IS NULL AND coalesce(sub.agency_id, k.submitted_by) STARTS WITH 'P-')), false)
         AS non_police
  WHERE k.attending_agencies IS NULL OR k.attending_agencies <> attending OR k.outside_agencies <> outside
     OR k.non_police_submission IS NULL OR k.non_police_submission <> non_police
     OR k.measure_fields IS NULL OR k.measure_fields <> fields
  SET k.attending_agencies = attending, k.outside_agencies = outside, k.non_police_submission = non_police,
      k.measure_fields = fields
} IN CONCURRENT TRANSACTIONS OF 5000 ROWS
