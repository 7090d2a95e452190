// title: Indexes not online
// description: >
//   Every index not yet online, with its state and how far its population is (graph/schema.py:
//   await_indexes).
// mode: read
SHOW INDEXES YIELD name, state, populationPercent WHERE state <> 'ONLINE'
RETURN name, state, populationPercent ORDER BY name
