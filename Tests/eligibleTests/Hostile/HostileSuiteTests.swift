import Foundation
import Testing

/// Issue 12's acceptance, through the built binary: every case of `HostileCatalogue`, written
/// loaded-first and loaded-last next to a copy of the shipped rules, must end in time, be its own
/// programme's rule error at its own `file:line`, leave every other decision (two businesses, one
/// reused state) equal to the clean baseline, and get a located lint finding. Cases run in groups
/// (one scratch directory, two batches and a lint per group), the groups in parallel.
@Suite struct HostileSuiteTests {
    /// How many cases share one scratch directory.
    static let groupSize = 12

    /// The groups: known issues and slow cases alone, the rest `groupSize` at a time.
    /// `HOSTILE_CASES=3,17` runs only those cases, each alone (to find which case of a group fails).
    static let groups: [HostileGroup] = {
        if let only = ProcessInfo.processInfo.environment["HOSTILE_CASES"] {
            let numbers = Set(only.split(separator: ",").compactMap { Int($0) })
            return HostileCatalogue.numbered.filter { numbers.contains($0.number) }.map { HostileGroup(cases: [$0]) }
        }
        let alone = HostileCatalogue.numbered.filter { $0.case.runsAlone }
        let together = HostileCatalogue.numbered.filter { !$0.case.runsAlone }
        var groups = alone.map { HostileGroup(cases: [$0]) }
        for start in stride(from: 0, to: together.count, by: groupSize) {
            groups.append(HostileGroup(cases: Array(together[start..<min(start + groupSize, together.count)])))
        }
        return groups
    }()

    @Test(arguments: groups)
    func hostileFilesHurtOnlyThemselves(group: HostileGroup) throws {
        _ = try HostileFixture.baseline.get()
        let findings = HostileRun(cases: group.cases).check()
        let known = group.cases.compactMap(\.case.knownIssue)
        if known.isEmpty {
            for finding in findings { Issue.record(Comment(rawValue: finding.description)) }
        } else {
            withKnownIssue(Comment(rawValue: known.joined(separator: "; "))) {
                for finding in findings { Issue.record(Comment(rawValue: finding.description)) }
            }
        }
    }

    @Test func theCatalogueSpansEveryClassWithAtLeastOneHundredCases() {
        #expect(HostileCatalogue.all.count >= 100)
        for kind in HostileCase.Kind.allCases {
            #expect(HostileCatalogue.all.contains { $0.kind == kind }, "no case of \(kind.rawValue)")
        }
        for hostile in HostileCatalogue.all {
            #expect(hostile.template.contains(HostileCase.idPlaceholder) || hostile.want == .loadProblem,
                    "\(hostile.name): a file that loads must declare {{ID}}")
        }
    }
}

/// Cases run together in one scratch directory.
struct HostileGroup: Sendable, CustomTestStringConvertible {
    let cases: [(number: Int, case: HostileCase)]
    var testDescription: String {
        cases.count == 1 ? "case \(cases[0].number): \(cases[0].case.testDescription)"
            : "cases \(cases.first?.number ?? 0)-\(cases.last?.number ?? 0)"
    }
}
