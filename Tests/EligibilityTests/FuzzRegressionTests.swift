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

    /// The properties of `Sources/fuzz-business` (see `FuzzBusiness`).
    @Test(arguments: inputs("fuzz-business"))
    func businessInput(path: String) throws {
        let data = try Self.data(path)
        let vocabulary = Self.rules.vocabulary
        let general: BusinessFacts?
        do {
            general = try BusinessFile.decode(data, fileName: "fuzz", vocabulary: vocabulary)
        } catch let errors as InputErrors {
            #expect(!errors.errors.isEmpty)
            #expect(errors.errors.allSatisfy { $0.file == "fuzz" && !$0.message.isEmpty }, "\(errors)")
            general = nil
        }
        if !data.isEmpty && !data.contains(0x0A) && !data.contains(0x0D) {
            let row = try? data.withUnsafeBytes {
                try BusinessFile.decodeJSONLine($0.bindMemory(to: UInt8.self), fileName: "fuzz.jsonl", line: 1, vocabulary: vocabulary)
            }
            #expect(row == (try? BusinessFile.decode(data, fileName: "fuzz.jsonl", vocabulary: vocabulary)))
        }
        guard let business = general else { return }
        for (text, name) in [(business.yamlText(), "fuzz.yaml"), (business.jsonText(), "fuzz.json")] {
            #expect(try BusinessFile.decode(Data(text.utf8), fileName: name, vocabulary: vocabulary) == business, "\(text)")
        }
        let evaluator = try Evaluator(rules: Self.rules)
        for day in ["2020-06-01", "2021-06-01", "2023-01-15"] {
            let decisions = try evaluator.evaluate(business, asOf: AsOf(parsing: day))
            #expect(!decisions.contains { $0.outcome == .ruleError }, "\(decisions.filter { $0.outcome == .ruleError })")
            let explained = try evaluator.evaluate(business, asOf: AsOf(parsing: day), explain: true)
            #expect(decisions.map(\.outcome) == explained.map(\.outcome))
        }
    }

    @Test(arguments: inputs("fuzz-rules"))
    func ruleInput(path: String) throws {
        let folder = try scratchRules([:])
        try Self.data(path).write(to: folder.appendingPathComponent("fuzz.lua"))
        let engine = try Evaluator(rules: RuleBook(directory: folder, displayName: "rules"),
                                   limits: LuaLimits(instructionBudget: 200_000, memoryCapBytes: 16 << 20))
        let business = try exampleBusiness("mersey-vans.yaml", vocabulary: engine.vocabulary)
        let asOf = try AsOf(parsing: "2021-06-01T12:00")
        let first = try engine.evaluate(business, asOf: asOf, explain: true)
        #expect(first.count == 1)
        #expect(try engine.evaluate(business, asOf: asOf, explain: true) == first)
    }
}
