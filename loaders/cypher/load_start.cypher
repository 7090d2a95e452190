// title: Start a load
// description: MERGE the Load node of a bundle and mark it started. Re-running the same bundle reuses
//   its Load (the id is a hash of the bundle's bytes), so an interrupted load is completed by running
//   it again.
// mode: write
// params:
//   load_id: {type: str, required: true}
//   bundle: {type: str, required: true, description: Folder name of the bundle}
//   files: {type: list, required: true, description: File names in the bundle}
//   now: {type: str, required: true, description: ISO local date-time of the start}
MERGE (l:Load {load_id: $load_id})
  ON CREATE SET l.first_load_id = $load_id, l.first_started_at = localdatetime($now), l.runs = 0
SET l.status = 'started', l.bundle = $bundle, l.files = $files, l.started_at = localdatetime($now),
    l.runs = l.runs + 1, l.completed_at = null
