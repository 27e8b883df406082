// bridge-bench: what pushing a 30-field struct with nested arrays into Lua costs, by the fast
// path (presized tables, interned keys, raw sets) and by the general Codable path.
// Run: swift build -c release --product bridge-bench && .build/release/bridge-bench [N]
import Foundation
import LuaBridge

/// The keys of the pushed tree, interned once per state; every type in the tree writes with them.
enum Keys {
    static let item = ["kind", "fuel", "euro", "co2", "weight", "registered"]
    static let record = (1...10).map { "i\($0)" } + (1...8).map { "s\($0)" } + (1...5).map { "d\($0)" }
        + (1...4).map { "b\($0)" } + ["codes", "items", "note"]
    static let table = LuaKeyTable(record + item)
    static let integers = (1...10).map { table["i\($0)"] }, strings = (1...8).map { table["s\($0)"] }
    static let doubles = (1...5).map { table["d\($0)"] }, booleans = (1...4).map { table["b\($0)"] }
    static let codes = table["codes"], items = table["items"], note = table["note"]
    static let kind = table["kind"], fuel = table["fuel"], euro = table["euro"], co2 = table["co2"]
    static let weight = table["weight"], registered = table["registered"]
}

/// A nested list item: a vehicle-like record.
struct Item: Codable, LuaTablePushable {
    var kind = "van", fuel = "diesel", euro = 5, co2 = 189, weight = 3200, registered = "2013-03-14"
    func push(to writer: LuaTableWriter) {
        writer.table(fields: 6)
        writer.set(Keys.kind, kind); writer.set(Keys.fuel, fuel); writer.set(Keys.euro, euro)
        writer.set(Keys.co2, co2); writer.set(Keys.weight, weight); writer.set(Keys.registered, registered)
    }
}

/// Thirty fields: integers, floats, strings, booleans, an optional and two nested arrays.
struct Record: Codable, LuaTablePushable {
    var i1 = 1, i2 = 2, i3 = 3, i4 = 4, i5 = 5, i6 = 6, i7 = 7, i8 = 8, i9 = 9, i10 = 1 << 60
    var s1 = "Mersey Vans", s2 = "CH41 5LH", s3 = "Wirral", s4 = "urban", s5 = "leased", s6 = "D", s7 = "IoD2019", s8 = "soleTrader"
    var d1 = 18.5, d2 = 46.0, d3 = 0.1, d4 = -2.5, d5 = 1e9
    var b1 = true, b2 = false, b3 = true, b4 = false
    var codes = ["53201", "49410", "52290"]
    var items = [Item(), Item(), Item()]
    var note: String? = nil
    func push(to w: LuaTableWriter) {
        let i = Keys.integers, s = Keys.strings, d = Keys.doubles, b = Keys.booleans
        w.table(fields: 30)
        w.set(i[0], i1); w.set(i[1], i2); w.set(i[2], i3); w.set(i[3], i4); w.set(i[4], i5)
        w.set(i[5], i6); w.set(i[6], i7); w.set(i[7], i8); w.set(i[8], i9); w.set(i[9], i10)
        w.set(s[0], s1); w.set(s[1], s2); w.set(s[2], s3); w.set(s[3], s4)
        w.set(s[4], s5); w.set(s[5], s6); w.set(s[6], s7); w.set(s[7], s8)
        w.set(d[0], d1); w.set(d[1], d2); w.set(d[2], d3); w.set(d[3], d4); w.set(d[4], d5)
        w.set(b[0], b1); w.set(b[1], b2); w.set(b[2], b3); w.set(b[3], b4)
        w.set(Keys.codes, strings: codes)
        w.set(Keys.items, list: items)
        w.set(Keys.note, note)
    }
}

let count = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1])! : 200_000
let state = try LuaState()
let record = Record()
let base = state.top

@MainActor
func measure(_ label: String, _ push: () throws -> Void) rethrows -> Double {
    for _ in 0..<1000 { try push(); state.setTop(base) } // warm up
    state.collectGarbage()
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<count { try push(); state.setTop(base) }
    let ns = Double(DispatchTime.now().uptimeNanoseconds - start) / Double(count)
    print(String(format: "%-10@ %9.0f ns per push", label as NSString, ns))
    return ns
}

print("Pushing a 30-field struct with two nested arrays, \(count) times each (release build):")
let fast = try measure("fast path") { try state.push(record, keys: Keys.table) }
let codable = try measure("Codable") { try state.push(encoding: record) }
print(String(format: "Codable / fast = %.1fx", codable / fast))
