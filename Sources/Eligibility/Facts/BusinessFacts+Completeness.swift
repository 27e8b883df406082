/// Required facts: a group the vocabulary marks `required: yes` facts in (a prior subsidy's
/// amount, currency, date and scheme) is refused by business files when one is missing. Facts
/// built up answer by answer can lack them for a while; these find and drop such groups.
extension BusinessFacts {
    /// The required facts missing from the groups that are given (`subsidies[0].amount`), in
    /// the vocabulary's order.
    public var missingRequiredFacts: [String] {
        var found = [String]()
        Self.collectMissing(in: record, path: "", into: &found)
        return found
    }

    /// Leaves out every group (or list item) that lacks a required fact, so the facts can be
    /// written as a business file and read back; returns the paths of the groups left out, as
    /// they were before any was removed.
    public mutating func removeIncompleteGroups() -> [String] {
        var removed = [String]()
        record = Self.pruned(record, path: "", removed: &removed)
        return removed
    }

    private static func collectMissing(in record: FactRecord, path: String, into found: inout [String]) {
        for (i, fact) in record.type.facts.enumerated() {
            let factPath = FactPath.join(path, fact.name)
            guard let value = record.values[i] else {
                if fact.required { found.append(factPath) }
                continue
            }
            switch value {
            case .record(let child): collectMissing(in: child, path: factPath, into: &found)
            case .list(let items):
                for (n, item) in items.enumerated() {
                    if case .record(let child) = item { collectMissing(in: child, path: FactPath.item(factPath, n), into: &found) }
                }
            default: continue
            }
        }
    }

    private static func isComplete(_ record: FactRecord) -> Bool {
        record.type.facts.indices.allSatisfy { !record.type.facts[$0].required || record.values[$0] != nil }
    }

    private static func pruned(_ record: FactRecord, path: String, removed: inout [String]) -> FactRecord {
        var record = record
        for (i, fact) in record.type.facts.enumerated() {
            let factPath = FactPath.join(path, fact.name)
            switch record.values[i] {
            case .record(let child)?:
                let kept = pruned(child, path: factPath, removed: &removed)
                if isComplete(kept) {
                    record.values[i] = .record(kept)
                } else {
                    removed.append(factPath)
                    record.values[i] = nil
                }
            case .list(let items)?:
                var kept = [FactValue]()
                for (n, item) in items.enumerated() {
                    guard case .record(let child) = item else { kept.append(item); continue }
                    let itemPath = FactPath.item(factPath, n)
                    let inner = pruned(child, path: itemPath, removed: &removed)
                    if isComplete(inner) { kept.append(.record(inner)) } else { removed.append(itemPath) }
                }
                record.values[i] = .list(kept)
            default:
                continue
            }
        }
        return record
    }
}
