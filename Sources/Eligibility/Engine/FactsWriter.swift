import LuaBridge

/// Puts a business's facts into the Lua view, driven by the vocabulary: no list of facts is
/// written here.
///
/// Every record position (the business, `premises`, `fleet`, `fleet[0]`, ...) has a slot the
/// runtime made once (`view.new_slot`): a data table this writer fills with raw sets and interned
/// keys, and the proxy rules read. Per business only what changed is written: facts given now,
/// and nil for facts given last time but not now. Dated facts become history tables; answers of
/// "does not apply" go into the slot's `na` table.
final class FactsWriter {
    private let state: LuaState
    let keys: LuaKeyTable
    private let newSlot: LuaReference
    private let historyMeta: LuaReference
    private let notApplicable: LuaReference
    private let recordNumbers: [RecordType: Int]
    /// The business's own slot.
    private(set) var root: Slot!

    /// One record position's tables in the state, and what was written there last.
    final class Slot {
        let data: LuaReference
        let proxy: LuaReference
        let na: LuaReference
        let path: String
        /// The record's facts' keys, in the record type's order (empty for a list).
        let keys: [LuaKey]
        /// Which facts (by index) were given, and which did not apply, last time.
        var given: [Bool]
        var notApplicable: [Bool]
        /// Child slots by fact index: records, and lists.
        var children: [Slot?]
        /// For a list slot: its item slots (lists of records) and how many items it held.
        var items: [Slot] = []
        var count = 0

        init(data: LuaReference, proxy: LuaReference, na: LuaReference, path: String, keys: [LuaKey]) {
            self.data = data
            self.proxy = proxy
            self.na = na
            self.path = path
            self.keys = keys
            given = Array(repeating: false, count: keys.count)
            notApplicable = given
            children = Array(repeating: nil, count: keys.count)
        }
    }

    init(state: LuaState, vocabulary: Vocabulary, runtime: LuaReference, notApplicable: LuaReference) throws {
        self.state = state
        keys = LuaKeyTable(vocabulary.names)
        newSlot = try state.field("new_slot", of: runtime)
        historyMeta = try state.field("history_meta", of: runtime)
        self.notApplicable = notApplicable
        var numbers = [RecordType: Int]()
        func number(_ record: RecordType) {
            numbers[record] = numbers.count + 1
            for fact in record.facts { if let child = fact.type.recordType { number(child) } }
        }
        number(vocabulary.root)
        recordNumbers = numbers
        root = try makeSlot(vocabulary.root, path: "", list: false)
    }

    /// The vocabulary's record types as the runtime wants them: number -> { path, fields, names }.
    static func recordTypes(_ vocabulary: Vocabulary) -> LuaValue {
        var table = [LuaValue: LuaValue]()
        var counter = 0
        func add(_ record: RecordType) {
            counter += 1
            var fields = [LuaValue: LuaValue]()
            for fact in record.facts { fields[.string(fact.name)] = .boolean(true) }
            table[.integer(Int64(counter))] = .table([
                .string("path"): .string(record.path),
                .string("fields"): .table(fields),
                .string("names"): .table(Dictionary(uniqueKeysWithValues: record.facts.enumerated().map { (.integer(Int64($0 + 1)), .string($1.name)) })),
            ])
            for fact in record.facts { if let child = fact.type.recordType { add(child) } }
        }
        add(vocabulary.root)
        return .table(table)
    }

    private func makeSlot(_ record: RecordType?, path: String, list: Bool) throws -> Slot {
        let number = record.flatMap { recordNumbers[$0] } ?? 0
        let keys = record.map { $0.facts.map { self.keys[$0.name] } } ?? []
        return try state.call(newSlot, results: 3, arguments: { state in
            state.push(number)
            state.push(path)
            state.push(list)
            return 3
        }, read: { state, first in
            Slot(data: state.reference(at: first), proxy: state.reference(at: first + 1), na: state.reference(at: first + 2),
                 path: path, keys: keys)
        })
    }

    /// The child slot of `slot` for fact `i`, made on first use (a protected call into the
    /// runtime; the raw writes around it use absolute stack indexes, so it does not disturb them).
    private func child(_ slot: Slot, _ i: Int, _ record: RecordType?, name: String, list: Bool) throws -> Slot {
        if let existing = slot.children[i] { return existing }
        let made = try makeSlot(record, path: FactPath.join(slot.path, name), list: list)
        slot.children[i] = made
        return made
    }

    /// Writes a business: after this the root slot's proxy is the business rules see.
    func write(_ record: FactRecord) throws {
        try state.write(keys: keys) { w in try write(record, into: root, w) }
    }

    private func write(_ record: FactRecord, into slot: Slot, _ w: LuaTableWriter) throws {
        let base = w.top
        let data = w.push(slot.data)
        var naTable: Int32 = 0
        let values = record.values
        for i in 0..<values.count {
            let key = slot.keys[i]
            switch values[i] {
            case nil:
                if slot.given[i] { w.clear(key, in: data); slot.given[i] = false }
                if slot.notApplicable[i] { clearNotApplicable(key, slot, &naTable, w); slot.notApplicable[i] = false }
                continue
            case .notApplicable?:
                if slot.given[i] { w.clear(key, in: data); slot.given[i] = false }
                if naTable == 0 { naTable = w.push(slot.na) }
                w.mark(key, in: naTable)
                slot.notApplicable[i] = true
                continue
            case .record(let child)?:
                let childSlot = try self.child(slot, i, child.type, name: record.type.facts[i].name, list: false)
                try write(child, into: childSlot, w)
                w.set(key, reference: childSlot.proxy, in: data)
            case .list(let items)?:
                let fact = record.type.facts[i]
                let list = try self.child(slot, i, nil, name: fact.name, list: true)
                try writeList(items, items: fact.type.recordType, into: list, w)
                w.set(key, reference: list.proxy, in: data)
            case .history(let entries)?:
                pushHistory(entries, path: FactPath.join(slot.path, record.type.facts[i].name), w)
                w.setTop(key, in: data)
            case let value?:
                pushScalar(value, w)
                w.setTop(key, in: data)
            }
            slot.given[i] = true
            if slot.notApplicable[i] { clearNotApplicable(key, slot, &naTable, w); slot.notApplicable[i] = false }
        }
        w.pop(to: base)
    }

    private func clearNotApplicable(_ key: LuaKey, _ slot: Slot, _ naTable: inout Int32, _ w: LuaTableWriter) {
        if naTable == 0 { naTable = w.push(slot.na) }
        w.clear(key, in: naTable)
    }

    private func writeList(_ values: [FactValue], items record: RecordType?, into list: Slot, _ w: LuaTableWriter) throws {
        let base = w.top
        let data = w.push(list.data)
        for (n, item) in values.enumerated() {
            if case .record(let r) = item {
                if n == list.items.count { list.items.append(try makeSlot(record, path: FactPath.item(list.path, n), list: false)) }
                let itemSlot = list.items[n]
                try write(r, into: itemSlot, w)
                w.set(at: n + 1, reference: itemSlot.proxy, in: data)
            } else {
                pushScalar(item, w)
                w.setTop(at: n + 1, in: data)
            }
        }
        if list.count > values.count { for n in values.count..<list.count { w.clear(at: n + 1, in: data) } }
        list.count = values.count
        w.pop(to: base)
    }

    /// A history table: [1] path, [2] entries, then each entry's first day (or false) and value.
    private func pushHistory(_ entries: [DatedValue], path: String, _ w: LuaTableWriter) {
        let table = w.newTable(sequence: 2 + 2 * entries.count)
        w.push(path)
        w.setTop(at: 1, in: table)
        w.push(integer: entries.count)
        w.setTop(at: 2, in: table)
        for (n, entry) in entries.enumerated() {
            if let from = entry.from { pushDay(from, w) } else { w.pushFalse() }
            w.setTop(at: 3 + 2 * n, in: table)
            switch entry.value {
            case .notApplicable: w.push(notApplicable)
            case .list(let items):
                let list = w.newTable(sequence: items.count)
                for (i, item) in items.enumerated() { pushScalar(item, w); w.setTop(at: i + 1, in: list) }
            default: pushScalar(entry.value, w)
            }
            w.setTop(at: 4 + 2 * n, in: table)
        }
        w.setMetatable(historyMeta, of: table)
    }

    private func pushScalar(_ value: FactValue, _ w: LuaTableWriter) {
        switch value {
        case .boolean(let b): w.push(boolean: b)
        case .integer(let i): w.push(integer: i)
        case .decimal(let d): w.push(number: d)
        case .money(let m): w.push(integer: m.pence)
        case .text(let s): w.push(s)
        case .day(let d): pushDay(d, w)
        case .minute(let m): pushInstant(m.day, m.time, withTime: true, w)
        case .notApplicable, .record, .list, .history: w.pushFalse()
        }
    }

    private func pushDay(_ d: Day, _ w: LuaTableWriter) { pushInstant(d, nil, withTime: false, w) }

    /// Pushes `2021-06-30` or `2021-06-30T17:00` without making a Swift string.
    private func pushInstant(_ d: Day, _ time: AsOf.Time?, withTime: Bool, _ w: LuaTableWriter) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16) { b in
            func put(_ value: Int, _ at: Int, _ width: Int) {
                var v = value
                for position in stride(from: at + width - 1, through: at, by: -1) {
                    b[position] = UInt8(v % 10) + 0x30
                    v /= 10
                }
            }
            put(d.year, 0, 4); b[4] = 0x2D; put(d.month, 5, 2); b[7] = 0x2D; put(d.day, 8, 2)
            var count = 10
            if withTime {
                b[10] = 0x54; put(time?.hour ?? 0, 11, 2); b[13] = 0x3A; put(time?.minute ?? 0, 14, 2)
                count = 16
            }
            w.push(bytes: UnsafeRawBufferPointer(start: b.baseAddress, count: count))
        }
    }
}
