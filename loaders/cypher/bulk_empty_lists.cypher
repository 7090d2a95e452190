// title: Empty lists after an import
// description: >
//   An empty list property cannot be written in an import file (an empty field means not set); the
//   normal load stores [] for a council case nobody attended, so the bulk load sets it after the import.
// mode: write
MATCH (cc:CouncilCase) WHERE cc.attending IS NULL SET cc.attending = []
