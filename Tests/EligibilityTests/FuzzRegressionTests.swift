import Foundation
import LuaBridge
import Testing
@testable import Eligibility

/// Replays every input in `fuzz/seeds/<target>/` and `fuzz/regressions/<target>/` (crashers and
/// hangs, kept once fixed) through the properties the fuzz targets check
/// (`Sources/fuzz-business`, `Sources/fuzz-rules`; see fuzz/README.md), so `swift test` keeps
/// them fixed without the fuzzer.
@Suite struct FuzzRegressionTests {
    static func inputs(_ target: String) -> [String] {
        ["seeds", "regressions"].flatMap { folder -> [String] in
            let dir = repositoryRoot.appendingPathComponent("fuzz").appendingPathComponent(folder).appendingPathComponent(target)
            return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted().map { "\(folder)/\(target)/\($0)" }
        }
    }

    static func data(_ path: String) throws -> Data {
        try Data(contentsOf: repositoryRoot.appendingPathComponent("fuzz").appendingPathComponent(path))
    }

    /// The shipped rules, read once (an `Evaluator` is per test: it is not `Sendable`).
    static let rules = try! RuleBook(directory: repositoryRoot.appendingPathComponent("rules"), displayName: "rules")

    @Test(arguments: inputs("fuzz-business"))
    func businessInput(path: String) throws {
        let data = try Self.data(path)
        let business: Business
        do {
            business = try BusinessFile.decode(data, fileName: "fuzz")
        } catch let error as InputError {
            #expect(error.file == "fuzz" && !error.message.isEmpty)
            return
        }
        #expect(try BusinessFile.decode(JSONEncoder().encode(business), fileName: "fuzz.json") == business)
        let evaluator = try Evaluator(rules: Self.rules)
        for day in ["2020-06-01", "2021-06-01", "2023-01-15"] {
            let decisions = try evaluator.evaluate(business, asOf: AsOf(parsing: day))
            #expect(!decisions.contains { $0.outcome == .ruleError }, "\(decisions.filter { $0.outcome == .ruleError })")
        }
        if !data.contains(0x0A) && !data.contains(0x0D) {
            let row = try? data.withUnsafeBytes {
                try BusinessFile.decodeJSONLine($0.bindMemory(to: UInt8.self), fileName: "fuzz.jsonl", line: 1)
            }
            #expect(row == (try? BusinessFile.decode(data, fileName: "fuzz.jsonl")))
        }
    }

    @Test(arguments: inputs("fuzz-rules"))
    func ruleInput(path: String) throws {
        let folder = try scratchRules([:])
        try Self.data(path).write(to: folder.appendingPathComponent("fuzz.lua"))
        let engine = try Evaluator(rules: RuleBook(directory: folder, displayName: "rules"),
                                   limits: LuaLimits(instructionBudget: 200_000, memoryCapBytes: 16 << 20))
        let business = try BusinessFile.load(repositoryRoot.appendingPathComponent("examples").appendingPathComponent("mersey-vans.yaml"))
        let asOf = try AsOf(parsing: "2021-06-01T12:00")
        let first = try engine.evaluate(business, asOf: asOf, explain: true)
        #expect(first.count == 1)
        #expect(try engine.evaluate(business, asOf: asOf, explain: true) == first)
    }
}
