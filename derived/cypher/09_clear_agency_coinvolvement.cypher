// title: Remove the agency co-involvement links
// description: CO_INVOLVED relationships between agencies are rebuilt on every refresh.
// mode: write
MATCH (:Agency)-[r:CO_INVOLVED]->(:Agency)
DELETE r
