// title: Write canonical addresses
// description: MERGE one Address per building and unit (road and lot forms tied on evidence).
// mode: write
// params:
//   rows: {type: list}
UNWIND $rows AS row
MERGE (a:Address {address_id: row.address_id})
SET a.text = row.text, a.city = row.city, a.district = row.district, a.road = row.road, a.lot = row.lot,
    a.unit = row.unit, a.address_key = row.address_key
