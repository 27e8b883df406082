import Eligibility
import Foundation

// The native baseline's entry points for the benchmark, and `eligible-bench agree`: the engine
// and the native baseline on the same generated register, decision by decision.

/// The failed criterion ids of a native decision for programme number `k`.
func nativeFailedIDs(_ d: NativeDecision, programme k: Int) -> [String] {
    let ids = NativeRules.programmes[k].criteria
    return ids.indices.filter { d.failed & (1 << UInt32($0)) != 0 }.map { ids[$0] }
}

/// Whether the engine's decision and the native one agree exactly: outcome, award, failed
/// criteria and missing facts (in order).
func agrees(_ e: Decision, _ n: NativeDecision, programme k: Int) -> Bool {
    guard e.outcome == n.outcome, e.award?.pence == n.award else { return false }
    guard e.failed == nativeFailedIDs(n, programme: k) else { return false }
    guard e.missing.count == n.missing.count else { return false }
    for i in 0..<n.missing.count where e.missing[i] != Path.name(of: n.missing[i]) { return false }
    return true
}

func describe(_ e: Decision) -> String {
    var s = e.outcome.rawValue
    if let a = e.award { s += " award \(a.pence)" }
    if !e.failed.isEmpty { s += " failed \(e.failed)" }
    if !e.missing.isEmpty { s += " missing \(e.missing)" }
    if let error = e.error { s += " error \(error)" }
    return s
}

func describe(_ n: NativeDecision, programme k: Int) -> String {
    var s = n.outcome.rawValue
    if let a = n.award { s += " award \(a)" }
    let failed = nativeFailedIDs(n, programme: k)
    if !failed.isEmpty { s += " failed \(failed)" }
    if n.missing.count > 0 { s += " missing \(n.missing.names)" }
    return s
}

/// `eligible-bench agree N [--as-of DAY] [--rules DIR] [--seed S]`: generates N businesses, decides
/// each with the engine and natively, prints per programme how many decisions agree and the
/// outcome mix, and the first disagreements in detail. Returns whether all agreed.
func runAgree(count: Int, asOf: AsOf, rulesDirectory: String, seed: UInt64, chaos: Double = 0, showing: Int = 5) throws -> Bool {
    let book = try RuleBook(directory: URL(fileURLWithPath: rulesDirectory))
    let engine = try Evaluator(rules: book)
    for problem in engine.problems { print("rule problem: \(problem)") }
    let ids = engine.programmeIDs
    let nativeIDs = NativeRules.programmes.map(\.id)
    // Each engine programme's place in the native order (the engine lists problems last).
    var nativeIndex = [String: Int]()
    for (k, id) in nativeIDs.enumerated() { nativeIndex[id] = k }
    let missingNative = Set(ids).subtracting(nativeIDs), missingEngine = Set(nativeIDs).subtracting(ids)
    if !missingNative.isEmpty { print("programmes the native baseline does not have: \(missingNative.sorted())") }
    if !missingEngine.isEmpty { print("native programmes the engine did not load: \(missingEngine.sorted())") }

    struct Tally { var agree = 0, total = 0; var outcomes = [Decision.Outcome: Int]() }
    var tallies = [Tally](repeating: Tally(), count: nativeIDs.count)
    var shown = 0, disagreements = 0, rejected = 0
    var population = Population(seed: seed, chaos: chaos)
    let at = At(asOf)
    var native = [NativeDecision]()
    native.reserveCapacity(nativeIDs.count)
    let t0 = now()
    for i in 1...max(count, 1) where i <= count {
        let line = population.jsonLine(index: i)
        let facts: BusinessFacts
        do {
            facts = try line.withUnsafeBufferPointer {
                try BusinessFile.decodeJSONLine($0, fileName: "register.jsonl", line: i, vocabulary: book.vocabulary)
            }
        } catch {
            rejected += 1
            if rejected <= showing { print("engine rejected line \(i): \(error)\n  \(String(decoding: line, as: UTF8.self))") }
            continue
        }
        let decisions = try engine.evaluate(facts, asOf: asOf)
        do {
            let b = try NativeBusiness.decode(line)
            NativeRules.decide(b, at: at, into: &native)
        } catch {
            rejected += 1
            if rejected <= showing { print("native decoder rejected line \(i): \(error)") }
            continue
        }
        for e in decisions {
            guard let k = nativeIndex[e.programme] else { continue }
            let n = native[k]
            tallies[k].total += 1
            tallies[k].outcomes[e.outcome, default: 0] += 1
            if agrees(e, n, programme: k) {
                tallies[k].agree += 1
            } else {
                disagreements += 1
                if shown < showing {
                    shown += 1
                    print("""
                        disagreement: business \(i), \(e.programme)
                          engine: \(describe(e))
                          native: \(describe(n, programme: k))
                          \(String(decoding: line.prefix(4000), as: UTF8.self))
                        """)
                }
            }
        }
        if i % 20_000 == 0 { FileHandle.standardError.write(Data("  agree: \(i) / \(count)\n".utf8)) }
    }
    let seconds = Double(now() - t0) / 1e9
    print("")
    print("eligible-bench agree: \(count) businesses (seed \(seed)\(chaos > 0 ? ", chaos \(chaos)" : "")) as of \(asOf), rules \(rulesDirectory), \(String(format: "%.1f", seconds)) s")
    print("")
    print("| programme | agree | eligible | ineligible | needs information | closed | rule error |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    var agreeAll = 0, totalAll = 0
    for (k, id) in nativeIDs.enumerated() {
        let t = tallies[k]
        agreeAll += t.agree
        totalAll += t.total
        let o = t.outcomes
        print("| \(id) | \(t.agree)/\(t.total) | \(o[.eligible] ?? 0) | \(o[.ineligible] ?? 0) | \(o[.needsInformation] ?? 0) | \(o[.closed] ?? 0) | \(o[.ruleError] ?? 0) |")
    }
    print("")
    let percent = totalAll == 0 ? 0 : 100 * Double(agreeAll) / Double(totalAll)
    print("\(agreeAll) of \(totalAll) decisions agree (\(String(format: "%.4f", percent))%); \(disagreements) disagree; \(rejected) rows rejected")
    return disagreements == 0 && rejected == 0 && missingNative.isEmpty && missingEngine.isEmpty
}

// MARK: - The native baseline for the bench table

/// Reads a JSON Lines register into native businesses (rows that do not decode are skipped).
func nativeBusinesses(jsonLines lines: [[UInt8]]) -> [NativeBusiness] {
    lines.compactMap { try? NativeBusiness.decode($0) }
}

/// Native decide-only time on pre-decoded businesses: every programme for every business,
/// `repeats` times over. Returns the seconds and how many businesses were decided.
func nativeDecideOnly(_ businesses: [NativeBusiness], asOf: AsOf, repeats: Int = 1) -> (seconds: Double, businesses: Int) {
    let at = At(asOf)
    var out = [NativeDecision]()
    out.reserveCapacity(NativeRules.programmes.count)
    var sink = 0
    let t0 = now()
    for _ in 0..<repeats {
        for b in businesses {
            NativeRules.decide(b, at: at, into: &out)
            sink &+= out[0].failed == 0 ? 1 : 0
        }
    }
    let seconds = Double(now() - t0) / 1e9
    if sink == Int.min { print(sink) }
    return (seconds, businesses.count * repeats)
}

/// The native end-to-end baseline: read a JSON Lines register, decode, decide natively, write one
/// JSON line of decisions per row (the shape of `eligible batch`'s output, without the rule
/// digest and engine version). One thread. Returns rows read and rejected.
@discardableResult
func nativeBatch(input: String, output: String, asOf: AsOf) -> (rows: Int, rejected: Int) {
    guard let fd = fopen(input, "r") else { fail("cannot read \(input)") }
    guard let out = fopen(output, "w") else { fail("cannot write \(output)") }
    let at = At(asOf)
    var asOfField = Array(",\"asOf\":\"".utf8)
    asOfField.append(contentsOf: asOf.luaString.utf8)
    asOfField.append(0x22)
    let programmeFields = NativeRules.programmes.map { Array("{\"programme\":\"\($0.id)\",\"outcome\":\"".utf8) }
    var linePointer: UnsafeMutablePointer<CChar>?
    var capacity = 0
    var lineNumber = 0, rows = 0, rejected = 0
    var w = ByteWriter(capacity: 1 << 21)
    var decisions = [NativeDecision]()
    while true {
        let n = getline(&linePointer, &capacity, fd)
        guard n > 0, let linePointer else { break }
        lineNumber += 1
        var bytes = UnsafeBufferPointer(start: UnsafeRawPointer(linePointer).assumingMemoryBound(to: UInt8.self), count: n)
        while let last = bytes.last, last == 0x0A || last == 0x0D { bytes = UnsafeBufferPointer(rebasing: bytes.dropLast()) }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
        rows += 1
        w.raw("{\"line\":")
        w.int(lineNumber)
        do {
            let b = try NativeBusiness.decode(bytes)
            if case .given(let id) = b.id {
                w.raw(",\"id\":")
                jsonString(id, &w)
            }
            w.bytes(asOfField, asOfField.count)
            w.raw(",\"decisions\":[")
            NativeRules.decide(b, at: at, into: &decisions)
            for (k, d) in decisions.enumerated() {
                if k > 0 { w.byte(0x2C) }
                w.bytes(programmeFields[k], programmeFields[k].count)
                w.text(d.outcome.rawValue)
                w.byte(0x22)
                if let award = d.award, d.outcome == .eligible {
                    w.raw(",\"award\":")
                    w.int(award)
                    if d.capped { w.raw(",\"awardCapped\":true") }
                }
                if d.failed != 0 {
                    w.raw(",\"failed\":[")
                    for (i, id) in nativeFailedIDs(d, programme: k).enumerated() {
                        if i > 0 { w.byte(0x2C) }
                        jsonString(id, &w)
                    }
                    w.byte(0x5D)
                }
                if d.missing.count > 0 {
                    w.raw(",\"missing\":[")
                    for i in 0..<d.missing.count {
                        if i > 0 { w.byte(0x2C) }
                        jsonString(Path.name(of: d.missing[i]), &w)
                    }
                    w.byte(0x5D)
                }
                w.byte(0x7D)
            }
            w.raw("]}\n")
        } catch {
            rejected += 1
            w.raw(",\"rejected\":{\"message\":")
            jsonString(String(describing: error), &w)
            w.raw("}}\n")
        }
        if w.count > 1 << 20 {
            fwrite(w.base, 1, w.count, out)
            w.removeAll()
        }
    }
    fwrite(w.base, 1, w.count, out)
    w.release()
    free(linePointer)
    fclose(out)
    fclose(fd)
    return (rows, rejected)
}

/// A JSON string literal.
func jsonString(_ s: String, _ w: inout ByteWriter) {
    w.byte(0x22)
    for c in s.utf8 {
        switch c {
        case 0x22: w.byte(0x5C); w.byte(0x22)
        case 0x5C: w.byte(0x5C); w.byte(0x5C)
        case 0x00..<0x20:
            w.raw("\\u00")
            w.byte(c >> 4 < 10 ? (c >> 4) + 0x30 : (c >> 4) + 0x57)
            w.byte(c & 15 < 10 ? (c & 15) + 0x30 : (c & 15) + 0x57)
        default: w.byte(c)
        }
    }
    w.byte(0x22)
}
