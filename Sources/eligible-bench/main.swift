// eligible-bench: the batch benchmark (`make bench`). Benchmark-only code.
//
//   eligible-bench [N] [--rules DIR] [--bin PATH] [--as-of DAY] [--seed S] [--work DIR]
//       generates N businesses (default 1,000,000), measures the engine against the native
//       Swift baseline and prints a Markdown table.
//   eligible-bench generate N FILE [--seed S]     writes a synthetic register: JSON Lines, or
//                                                 CSV when FILE ends in .csv
//   eligible-bench agree N [--as-of DAY] [--rules DIR] [--seed S] [--chaos P]
//                                                 the engine and the native baseline on N
//                                                 generated businesses, decision by decision
//   eligible-bench native-batch IN OUT [--as-of]  the native end-to-end baseline (one thread)
//   eligible-bench native-decide N [--as-of DAY]  the native baseline's decide-only rate
//   eligible-bench generate-timing N              generation rates per CPU second (one thread)
import Eligibility
import Foundation
import LuaBridge

func now() -> UInt64 {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("eligible-bench: \(message)\n".utf8))
    exit(2)
}

var arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String, default value: String) -> String {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return value }
    let v = arguments[i + 1]
    arguments.removeSubrange(i...i + 1)
    return v
}
let seed = UInt64(option("--seed", default: "20210401")) ?? 20210401
let asOfText = option("--as-of", default: "2022-06-01")
let rulesDir = option("--rules", default: "rules")
let binary = option("--bin", default: ".build/release/eligible")
let workDir = option("--work", default: NSTemporaryDirectory())
let asOf = try AsOf(parsing: asOfText)

/// Writes N businesses as JSON Lines (or CSV, for a .csv name).
func generate(_ n: Int, to path: String) {
    let seconds = generateRegister(count: n, path: path, seed: seed)
    FileHandle.standardError.write(Data("eligible-bench: wrote \(n) businesses to \(path) in \(String(format: "%.2f", seconds)) s (\(Int(Double(n) / max(seconds, 1e-9))) rows/s)\n".utf8))
}

/// The engine's facts for a generated business (through its JSON line, as a register gives it).
func engineFacts(_ line: [UInt8], vocabulary: Vocabulary, index: Int) throws -> BusinessFacts {
    try line.withUnsafeBufferPointer { try BusinessFile.decodeJSONLine($0, fileName: "register.jsonl", line: index, vocabulary: vocabulary) }
}

/// Runs a program, returning wall seconds, peak RSS (bytes) and its exit status. The peak RSS
/// comes from GNU time when installed: a child's own rusage would count this (large) process's
/// memory from before the exec.
func spawn(_ argv: [String]) -> (seconds: Double, peakRSS: Int, status: Int32) {
    let timeFile = (workDir as NSString).appendingPathComponent("eligible-bench-time.txt")
    if FileManager.default.isExecutableFile(atPath: "/usr/bin/time") {
        var result = spawnDirect(["/usr/bin/time", "-f", "%M", "-o", timeFile] + argv)
        if let text = try? String(contentsOfFile: timeFile, encoding: .utf8),
           let kb = text.split(separator: "\n").last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) {
            result.peakRSS = kb * 1024
        }
        try? FileManager.default.removeItem(atPath: timeFile)
        return result
    }
    return spawnDirect(argv)
}

func spawnDirect(_ argv: [String]) -> (seconds: Double, peakRSS: Int, status: Int32) {
    var pid: pid_t = 0
    let cArgs = argv.map { strdup($0) } + [nil]
    defer { for p in cArgs { free(p) } }
    var fileActions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&fileActions)
    defer { posix_spawn_file_actions_destroy(&fileActions) }
    let start = now()
    guard posix_spawn(&pid, argv[0], &fileActions, nil, cArgs, environ) == 0 else { fail("cannot run \(argv[0])") }
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    return (Double(now() - start) / 1e9, usage.ru_maxrss * 1024, status)
}

if arguments.first == "generate" {
    guard arguments.count >= 3, let n = Int(arguments[1]) else { fail("usage: eligible-bench generate N FILE") }
    generate(n, to: arguments[2])
    exit(0)
}
if arguments.first == "generate-timing" {
    // Single-thread generation rates, to see what the facts and each format cost.
    let n = arguments.count > 1 ? Int(arguments[1]) ?? 100_000 : 100_000
    let r = generationTiming(count: n, seed: seed)
    print(String(format: "facts only %.0f, JSON %.0f, CSV %.0f businesses per CPU second (one thread, no file)", r.facts, r.json, r.csv))
    exit(0)
}
if arguments.first == "native-decide" {
    // The native baseline's decide-only rate on pre-decoded businesses: eligible-bench native-decide N
    let n = arguments.count > 1 ? Int(arguments[1]) ?? 100_000 : 100_000
    var people = Population(seed: seed)
    let businesses = nativeBusinesses(jsonLines: (1...max(n, 1)).map { people.jsonLine(index: $0) })
    _ = nativeDecideOnly(businesses, asOf: asOf)   // warm up
    let cpu0 = threadCPU()
    let r = nativeDecideOnly(businesses, asOf: asOf, repeats: 3)
    let cpu = Double(threadCPU() - cpu0) / 1e9
    print(String(format: "native decide-only: %d businesses x 27 programmes in %.3f s wall (%.3f s CPU): %.0f businesses/s wall, %.0f per CPU second",
                 r.businesses, r.seconds, cpu, Double(r.businesses) / r.seconds, Double(r.businesses) / cpu))
    exit(0)
}
if arguments.first == "agree" {
    guard arguments.count >= 2, let n = Int(arguments[1]) else { fail("usage: eligible-bench agree N [--as-of DAY] [--rules DIR] [--seed S]") }
    let chaos = Double(option("--chaos", default: "0")) ?? 0
    exit(try runAgree(count: n, asOf: asOf, rulesDirectory: rulesDir, seed: seed, chaos: chaos) ? 0 : 1)
}
if arguments.first == "decide" {
    // Decide-only on a prepared population (for profiling): eligible-bench decide N
    let count = arguments.count > 1 ? Int(arguments[1]) ?? 10_000 : 10_000
    let book = try RuleBook(directory: URL(fileURLWithPath: rulesDir))
    var people = Population(seed: seed)
    let facts = try (0..<count).map { try engineFacts(people.jsonLine(index: $0 + 1), vocabulary: book.vocabulary, index: $0 + 1) }
    let engine = try Evaluator(rules: book)
    engine.timesStages = true
    let t0 = now()
    for _ in 0..<3 { for f in facts { _ = try engine.evaluate(f, asOf: asOf) } }
    let seconds = Double(now() - t0) / 1e9
    let s = engine.stageNanoseconds
    print(String(format: "%.1f businesses/s; push %.2f, decide %.2f µs", Double(3 * count) / seconds,
                 Double(s.push) / Double(3 * count) / 1000, Double(s.decide) / Double(3 * count) / 1000))
    exit(0)
}
if arguments.first == "native-batch" {
    guard arguments.count >= 3 else { fail("usage: eligible-bench native-batch IN OUT") }
    nativeBatch(input: arguments[1], output: arguments[2], asOf: asOf)
    exit(0)
}

let n = arguments.first.flatMap { Int($0) } ?? Int(ProcessInfo.processInfo.environment["N"] ?? "") ?? 1_000_000
let rules = try RuleBook(directory: URL(fileURLWithPath: rulesDir))
func log(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }
log("eligible-bench: \(n) businesses, seed \(seed), as of \(asOfText), rules \(rulesDir) (\(rules.files.count) programmes)")

// 1. Eval-only, one state, on businesses generated in chunks (generation and conversion not timed).
let evaluator = try Evaluator(rules: rules)
evaluator.timesStages = true
var population = Population(seed: seed)
var luaNanos: UInt64 = 0, nativeNanos: UInt64 = 0
var agree = 0, compared = 0
var disagreements: [String] = []
var done = 0
let chunk = 10_000
var sink = 0
while done < n {
    let count = min(chunk, n - done)
    let lines = (0..<count).map { population.jsonLine(index: done + $0 + 1) }
    let facts = try lines.enumerated().map { try engineFacts($1, vocabulary: rules.vocabulary, index: done + $0 + 1) }
    let businesses = nativeBusinesses(jsonLines: lines)
    let t0 = now()
    var luaResults: [[Decision]] = []
    luaResults.reserveCapacity(count)
    for f in facts { luaResults.append(try evaluator.evaluate(f, asOf: asOf)) }
    let t1 = now()
    var nativeResults: [[NativeDecision]] = []
    nativeResults.reserveCapacity(count)
    let nativeAt = At(asOf)
    for b in businesses {
        var decisions = [NativeDecision]()
        NativeRules.decide(b, at: nativeAt, into: &decisions)
        nativeResults.append(decisions)
    }
    let t2 = now()
    luaNanos += t1 - t0
    nativeNanos += t2 - t1
    if compared < 200_000 {
        for (i, (lua, native)) in zip(luaResults, nativeResults).enumerated() {
            let byID = Dictionary(uniqueKeysWithValues: lua.map { ($0.programme, $0) })
            for (k, r) in native.enumerated() {
                compared += 1
                let id = NativeRules.programmes[k].id
                if let d = byID[id], agrees(d, r, programme: k) { agree += 1 }
                else if disagreements.count < 5 {
                    disagreements.append("business \(done + i + 1) \(id): engine \(byID[id].map(describe) ?? "-") native \(describe(r, programme: k))")
                }
            }
        }
    }
    sink &+= luaResults.count + nativeResults.count
    done += count
    if done % 100_000 == 0 { log("  eval-only: \(done) / \(n)") }
}
let luaRate = Double(n) / (Double(luaNanos) / 1e9)
let nativeRate = Double(n) / (Double(nativeNanos) / 1e9)
let stages = evaluator.stageNanoseconds
let bridgeShare = Double(stages.push) / Double(luaNanos)

// 4. End to end: the real binary, JSON Lines in and out, 1 and 2 jobs; native baseline.
let input = (workDir as NSString).appendingPathComponent("eligible-bench-\(n).jsonl")
let output = (workDir as NSString).appendingPathComponent("eligible-bench-out.jsonl")
log("  generating \(input)")
generate(n, to: input)
let inputBytes = (try? FileManager.default.attributesOfItem(atPath: input)[.size] as? Int) ?? 0
var e2e: [Int: (seconds: Double, peakRSS: Int, status: Int32)] = [:]
for jobs in [1, 2] {
    log("  end-to-end: \(binary) batch --jobs \(jobs)")
    e2e[jobs] = spawn([binary, "batch", input, "--out", output, "--jobs", String(jobs), "--as-of", asOfText, "--rules", rulesDir])
    if e2e[jobs]!.status != 0 && e2e[jobs]!.status != 256 { log("  (exit status \(e2e[jobs]!.status))") }
}
let outputBytes = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
log("  end-to-end: native baseline")
let nativeE2E = spawn([CommandLine.arguments[0], "native-batch", input, output, "--as-of", asOfText])
try? FileManager.default.removeItem(atPath: input)
try? FileManager.default.removeItem(atPath: output)

// The table.
func rate(_ r: Double) -> String {
    r >= 1_000_000 ? String(format: "%.2fM", r / 1e6) : r >= 1000 ? String(format: "%.1fk", r / 1e3) : String(format: "%.0f", r)
}
func ratio(_ a: Double, _ b: Double) -> String { String(format: "%.2fx", a / b) }
func mb(_ bytes: Int) -> String { String(format: "%.0f MB", Double(bytes) / 1_048_576) }
let one = e2e[1]!, two = e2e[2]!
let e2eOne = Double(n) / one.seconds, e2eTwo = Double(n) / two.seconds, e2eNative = Double(n) / nativeE2E.seconds
var cpuName = "unknown CPU"
if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
   let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") }) {
    cpuName = line.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? cpuName
}
print("""
    eligible-bench: N = \(n) businesses (seed \(seed)), as of \(asOfText), \(rules.files.count) programmes in \(rulesDir)/, \
    \(ProcessInfo.processInfo.activeProcessorCount) cores (\(cpuName)); input \(mb(inputBytes)), output \(mb(outputBytes))

    | measure | engine (Lua rules) | native Swift baseline | engine / native |
    |---|---:|---:|---:|
    | eval-only, one state, one core (businesses/s) | \(rate(luaRate)) | \(rate(nativeRate)) | \(ratio(luaRate, nativeRate)) |
    | share of eval time crossing the bridge (push + read back) | \(String(format: "%.1f%%", bridgeShare * 100)) | - | - |
    | end-to-end `eligible batch` JSONL->JSONL, 1 job (businesses/s) | \(rate(e2eOne)) (\(String(format: "%.1f", one.seconds)) s) | \(rate(e2eNative)) (\(String(format: "%.1f", nativeE2E.seconds)) s, 1 thread) | \(ratio(e2eOne, e2eNative)) |
    | end-to-end, 2 jobs (businesses/s) | \(rate(e2eTwo)) (\(String(format: "%.1f", two.seconds)) s) | \(rate(e2eNative)) (1 thread) | \(ratio(e2eTwo, e2eNative)) |
    | 2 jobs / 1 job speed-up | \(ratio(e2eTwo, e2eOne)) | - | - |
    | peak RSS, end-to-end, 2 jobs (1 job) | \(mb(two.peakRSS)) (\(mb(one.peakRSS))) | \(mb(nativeE2E.peakRSS)) | \(ratio(Double(two.peakRSS), Double(nativeE2E.peakRSS))) |
    | per business: push / decide (µs) | \(String(format: "%.2f / %.2f", Double(stages.push) / Double(n) / 1000, Double(stages.decide) / Double(n) / 1000)) | - | - |
    | native baseline agrees with the engine (outcome, award, failed, missing) | \(agree) of \(compared) decisions | | |

    """)
for d in disagreements { log("  disagreement: \(d)") }
if sink == 0 { print("") }
