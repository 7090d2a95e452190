"""Everything that touches Neo4j: settings, the runner (the only importer of the driver), the
local server launcher and the schema."""
