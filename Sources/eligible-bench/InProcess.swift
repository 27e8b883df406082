import Eligibility
import Foundation

// The in-process measurements of the bench table: decide-only and explained rates against the
// native baseline, the cost of each stage of a batch row, and a checksum of every decision.
// Rates are per CPU second of the measuring thread, so other work on the machine does not
// lower them.

/// A generated register held in memory: its JSON lines, the engine's facts and the native
/// businesses decoded from the same lines.
struct Register {
    let lines: [[UInt8]]
    let facts: [BusinessFacts]
    let native: [NativeBusiness]

    init(count: Int, seed: UInt64, vocabulary: Vocabulary) throws {
        var population = Population(seed: seed)
        lines = (1...max(count, 1)).map { population.jsonLine(index: $0) }
        facts = try lines.enumerated().map { i, line in
            try line.withUnsafeBufferPointer {
                try BusinessFile.decodeJSONLine($0, fileName: "register.jsonl", line: i + 1, vocabulary: vocabulary)
            }
        }
        native = nativeBusinesses(jsonLines: lines)
        guard native.count == lines.count else { fail("the native baseline rejected \(lines.count - native.count) generated rows") }
    }
}

/// Businesses per CPU second of `body`, which decides `count` businesses.
func cpuRate(_ count: Int, _ body: () throws -> Void) rethrows -> Double {
    let start = threadCPU()
    try body()
    return Double(count) / (Double(threadCPU() - start) / 1e9)
}

/// Decide-only rates (full decisions; `explain` adds every criterion's reads), engine and native.
func decideRates(_ register: Register, engine: Evaluator, asOf: AsOf, explain: Bool) throws -> (engine: Double, native: Double) {
    let sample = explain ? register.facts.prefix(max(register.facts.count / 5, 1)) : register.facts[...]
    for f in sample.prefix(1000) { _ = try engine.evaluate(f, asOf: asOf, explain: explain) }   // warm up
    let engineRate = try cpuRate(sample.count) {
        for f in sample { _ = try engine.evaluate(f, asOf: asOf, explain: explain) }
    }
    let at = At(asOf)
    var out = [NativeDecision]()
    let nativeRate = cpuRate(register.native.count) {
        for b in register.native { NativeRules.decide(b, at: at, into: &out) }
    }
    return (engineRate, nativeRate)
}

/// Microseconds per business for each stage of a JSON Lines batch row, each stage timed on its
/// own over the whole register (CPU time of this thread).
struct StageCosts {
    var read = 0.0, decodeAndValidate = 0.0, push = 0.0, decideAndReadBack = 0.0, encode = 0.0, write = 0.0

    init(_ register: Register, engine: Evaluator, rules: RuleBook, asOf: AsOf, scratch: String) throws {
        let n = Double(register.lines.count)
        func micros(_ body: () throws -> Void) rethrows -> Double {
            let start = threadCPU()
            try body()
            return Double(threadCPU() - start) / 1e3 / n
        }
        // The register as a file, read back and split into lines.
        var file = [UInt8]()
        for line in register.lines { file.append(contentsOf: line); file.append(0x0A) }
        let path = (scratch as NSString).appendingPathComponent("eligible-bench-stages.jsonl")
        guard FileManager.default.createFile(atPath: path, contents: Data(file)) else { fail("cannot write \(path)") }
        defer { try? FileManager.default.removeItem(atPath: path) }
        var lines = [ArraySlice<UInt8>]()
        read = try micros {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            lines = bytes.split(separator: 0x0A)
        }
        var facts = [BusinessFacts]()
        facts.reserveCapacity(lines.count)
        decodeAndValidate = try micros {
            for (i, line) in lines.enumerated() {
                facts.append(try line.withUnsafeBufferPointer {
                    try BusinessFile.decodeJSONLine($0, fileName: "register.jsonl", line: i + 1, vocabulary: rules.vocabulary)
                })
            }
        }
        engine.resetStages()
        engine.timesStages = true
        var decisions = [[Decision]]()
        decisions.reserveCapacity(facts.count)
        for f in facts { decisions.append(try engine.evaluate(f, asOf: asOf)) }
        engine.timesStages = false
        push = Double(engine.stageNanoseconds.push) / 1e3 / n
        decideAndReadBack = Double(engine.stageNanoseconds.decide) / 1e3 / n
        let writer = BatchRowWriter(format: .jsonl, programmes: engine.programmeIDs, asOf: asOf.luaString,
                                    rulesDigest: rules.digest, engineVersion: EngineVersion.current)
        var out = [UInt8]()
        out.reserveCapacity(file.count)
        encode = micros {
            for (i, d) in decisions.enumerated() { writer.write(line: i + 1, .decided(id: nil, decisions: d), into: &out) }
        }
        let outPath = (scratch as NSString).appendingPathComponent("eligible-bench-stages-out.jsonl")
        defer { try? FileManager.default.removeItem(atPath: outPath) }
        write = try micros { try Data(out).write(to: URL(fileURLWithPath: outPath)) }
    }

    var total: Double { read + decodeAndValidate + push + decideAndReadBack + encode + write }
}

/// 64-bit FNV-1a over every decision (programme, outcome, award, failed criteria, missing facts, in programme order),
/// the engine's and the native baseline's: equal sums mean identical decisions.
func decisionChecksums(_ register: Register, engine: Evaluator, asOf: AsOf) throws -> (engine: UInt64, native: UInt64) {
    func mix(_ hash: inout UInt64, _ text: String) {
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        hash = (hash ^ 0x0A) &* 0x100_0000_01b3
    }
    var engineSum: UInt64 = 0xcbf2_9ce4_8422_2325, nativeSum = engineSum
    for f in register.facts {
        let lines = try engine.evaluate(f, asOf: asOf).map {
            "\($0.programme) \($0.outcome.rawValue) \($0.award?.pence ?? -1) \($0.failed) \($0.missing)"
        }
        for line in lines.sorted() { mix(&engineSum, line) }
    }
    let at = At(asOf)
    var out = [NativeDecision]()
    for b in register.native {
        NativeRules.decide(b, at: at, into: &out)
        let lines = out.enumerated().map { k, d in
            let missing = (0..<d.missing.count).map { Path.name(of: d.missing[$0]) }
            return "\(NativeRules.programmes[k].id) \(d.outcome.rawValue) \(d.award ?? -1) \(nativeFailedIDs(d, programme: k)) \(missing)"
        }
        for line in lines.sorted() { mix(&nativeSum, line) }
    }
    return (engineSum, nativeSum)
}
