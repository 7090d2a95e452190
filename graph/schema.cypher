// JSS Graph schema: one uniqueness constraint per node key the loaders and resolution MERGE on,
// plus the indexes the catalogue queries need. Every statement is idempotent (IF NOT EXISTS);
// `jss db init` applies them, and `jss load` applies them when they are missing.

// --- source records (one node per record in an agency export) ------------------------------
CREATE CONSTRAINT agency_id IF NOT EXISTS FOR (n:Agency) REQUIRE n.agency_id IS UNIQUE;
CREATE CONSTRAINT call_id IF NOT EXISTS FOR (n:Call) REQUIRE n.call_id IS UNIQUE;
CREATE CONSTRAINT person_record_id IF NOT EXISTS FOR (n:PersonRecord) REQUIRE n.record_id IS UNIQUE;
CREATE CONSTRAINT police_measure_id IF NOT EXISTS FOR (n:PoliceMeasure) REQUIRE n.measure_id IS UNIQUE;
CREATE CONSTRAINT risk_assessment_id IF NOT EXISTS FOR (n:RiskAssessment) REQUIRE n.assessment_id IS UNIQUE;
CREATE CONSTRAINT service_key IF NOT EXISTS FOR (n:Service) REQUIRE n.service_key IS UNIQUE;
CREATE CONSTRAINT council_case_id IF NOT EXISTS FOR (n:CouncilCase) REQUIRE n.case_id IS UNIQUE;
CREATE CONSTRAINT council_measure_id IF NOT EXISTS FOR (n:CouncilMeasure) REQUIRE n.measure_id IS UNIQUE;
CREATE CONSTRAINT load_id IF NOT EXISTS FOR (n:Load) REQUIRE n.load_id IS UNIQUE;

// --- resolved entities (entity resolution) -------------------------------------------------
CREATE CONSTRAINT address_id IF NOT EXISTS FOR (n:Address) REQUIRE n.address_id IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.person_id IS UNIQUE;
CREATE CONSTRAINT household_id IF NOT EXISTS FOR (n:Household) REQUIRE n.household_id IS UNIQUE;
CREATE CONSTRAINT review_pair_id IF NOT EXISTS FOR (n:ReviewDecision) REQUIRE n.pair_id IS UNIQUE;
CREATE CONSTRAINT resolution_run_id IF NOT EXISTS FOR (n:ResolutionRun) REQUIRE n.run_id IS UNIQUE;
CREATE CONSTRAINT risk_model_id IF NOT EXISTS FOR (n:RiskModel) REQUIRE n.model_id IS UNIQUE;
CREATE CONSTRAINT risk_scoring_run IF NOT EXISTS FOR (n:RiskScoring) REQUIRE n.run IS UNIQUE;
CREATE CONSTRAINT suggestion_household IF NOT EXISTS FOR (n:Suggestion) REQUIRE n.household_id IS UNIQUE;
CREATE CONSTRAINT suggestion_decision_id IF NOT EXISTS FOR (n:SuggestionDecision) REQUIRE n.decision_id IS UNIQUE;
CREATE CONSTRAINT suggestion_run IF NOT EXISTS FOR (n:SuggestionRun) REQUIRE n.run IS UNIQUE;

// --- lookups -------------------------------------------------------------------------------
CREATE INDEX call_received_at IF NOT EXISTS FOR (n:Call) ON (n.received_at);
CREATE INDEX call_category IF NOT EXISTS FOR (n:Call) ON (n.category);
// calls by place (point.withinBBox / point.distance): the 경도/위도 of the calls file as a WGS-84 point
CREATE POINT INDEX call_location IF NOT EXISTS FOR (n:Call) ON (n.location);
CREATE INDEX person_record_name IF NOT EXISTS FOR (n:PersonRecord) ON (n.name_norm);
CREATE INDEX person_record_phone IF NOT EXISTS FOR (n:PersonRecord) ON (n.phone);
CREATE INDEX person_record_source IF NOT EXISTS FOR (n:PersonRecord) ON (n.source);
CREATE INDEX person_record_load IF NOT EXISTS FOR (n:PersonRecord) ON (n.load_id);
CREATE INDEX service_date IF NOT EXISTS FOR (n:Service) ON (n.date);
CREATE INDEX council_case_meeting IF NOT EXISTS FOR (n:CouncilCase) ON (n.meeting_date);
CREATE INDEX council_measure_due IF NOT EXISTS FOR (n:CouncilMeasure) ON (n.due_date);
CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name);
CREATE INDEX involved_role IF NOT EXISTS FOR ()-[r:INVOLVED_IN]-() ON (r.role);
CREATE FULLTEXT INDEX person_search IF NOT EXISTS FOR (n:Person|PersonRecord) ON EACH [n.name, n.name_norm, n.phone, n.address];
CREATE FULLTEXT INDEX address_search IF NOT EXISTS FOR (n:Address) ON EACH [n.text, n.address_id];
// Catalogue search (queries/search_people.cypher): CONTAINS on names, phones and addresses.
CREATE TEXT INDEX person_name_text IF NOT EXISTS FOR (n:Person) ON (n.name);
CREATE TEXT INDEX person_phone_text IF NOT EXISTS FOR (n:Person) ON (n.phone);
CREATE TEXT INDEX person_record_name_text IF NOT EXISTS FOR (n:PersonRecord) ON (n.name_norm);
CREATE TEXT INDEX person_record_phone_text IF NOT EXISTS FOR (n:PersonRecord) ON (n.phone);
CREATE TEXT INDEX person_record_address_text IF NOT EXISTS FOR (n:PersonRecord) ON (n.address);
CREATE TEXT INDEX address_text_text IF NOT EXISTS FOR (n:Address) ON (n.text);
CREATE INDEX person_record_client_ref IF NOT EXISTS FOR (n:PersonRecord) ON (n.client_ref);
// Overview page: first/last dates read in index order (queries/overview_counts.cypher).
CREATE INDEX police_measure_date IF NOT EXISTS FOR (n:PoliceMeasure) ON (n.date);
CREATE INDEX risk_assessment_date IF NOT EXISTS FOR (n:RiskAssessment) ON (n.date);
CREATE INDEX council_measure_start IF NOT EXISTS FOR (n:CouncilMeasure) ON (n.start_date);

// --- derived summaries (derived/: refreshed after loads and resolution; pattern queries seek on them)
CREATE INDEX person_victim_call_count IF NOT EXISTS FOR (n:Person) ON (n.victim_call_count);
CREATE INDEX person_suspect_victims IF NOT EXISTS FOR (n:Person) ON (n.suspect_victims);
CREATE INDEX person_exposed_calls IF NOT EXISTS FOR (n:Person) ON (n.exposed_calls);
CREATE INDEX address_call_count IF NOT EXISTS FOR (n:Address) ON (n.call_count);
CREATE INDEX household_contact_agency_count IF NOT EXISTS FOR (n:Household) ON (n.contact_agency_count);
CREATE INDEX victim_suspect_pair_calls IF NOT EXISTS FOR ()-[r:VICTIM_SUSPECT_PAIR]-() ON (r.calls);
// an agency's households by contacts (derived/cypher/08_household_contacts.cypher)
CREATE INDEX agency_contact_agency IF NOT EXISTS FOR (n:AgencyContact) ON (n.agency_id, n.contacts);
CREATE INDEX agency_contact_household IF NOT EXISTS FOR (n:AgencyContact) ON (n.household_id, n.agency_id);
CREATE INDEX suggestion_status IF NOT EXISTS FOR (n:Suggestion) ON (n.status, n.priority);
// calls and repeat calls per day, summed over the overview's period (15_call_repeat_days.cypher)
CREATE INDEX call_repeat_day IF NOT EXISTS FOR (n:CallRepeatDay) ON (n.day);
// the agencies page reads each agency's services and referrals received (16_agency_caseload.cypher)
CREATE INDEX agency_caseload_agency IF NOT EXISTS FOR (n:AgencyCaseload) ON (n.agency_id);
// the review queue reads grey-zone pairs strongest first and stops at a page (resolution/cypher/review_list.cypher)
CREATE INDEX possible_match_score IF NOT EXISTS FOR ()-[r:POSSIBLE_MATCH]-() ON (r.score);
// pattern tables (derived/tables.py, which also creates these): the app pages through ranked rows
// by seeking (pattern, version, rank), searches their text with the text indexes of each table's
// own row label (derived.tables.row_label) and reads a column's order from its PatternOrder node
CREATE INDEX pattern_row_page IF NOT EXISTS FOR (n:PatternRow) ON (n.pattern, n.version, n.rank);
// for each pattern table (graph/pattern_tables.py: each_table, EachTableRow its row label):
CREATE TEXT INDEX pattern_row_each_table_open IF NOT EXISTS FOR (n:EachTableRow) ON (n.search_open);
CREATE TEXT INDEX pattern_row_each_table_named IF NOT EXISTS FOR (n:EachTableRow) ON (n.search_named);
// end for each pattern table
CREATE INDEX pattern_row_search_long IF NOT EXISTS FOR (n:PatternRow) ON (n.search_long);
CREATE INDEX pattern_order IF NOT EXISTS FOR (n:PatternOrder) ON (n.pattern, n.version, n.sort);
