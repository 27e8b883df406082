// eligible-bench: the batch benchmark (`make bench`). Benchmark-only code.
//
//   eligible-bench [N] [--rules DIR] [--bin PATH] [--as-of DAY] [--seed S] [--work DIR]
//       generates N businesses (default 1,000,000), measures the engine against the native
//       Swift baseline and prints a Markdown table.
//   eligible-bench generate N FILE [--seed S]     writes a synthetic register as JSON Lines
//   eligible-bench native-batch IN OUT [--as-of]  the native end-to-end baseline (one thread)
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

/// Writes N businesses as JSON Lines.
func generate(_ n: Int, to path: String) {
    guard let file = FileHandle(forWritingAtPath: path) ?? {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        return FileHandle(forWritingAtPath: path)
    }() else { fail("cannot write \(path)") }
    file.truncateFile(atOffset: 0)
    var population = Population(seed: seed)
    var buffer = [UInt8]()
    buffer.reserveCapacity(1 << 21)
    for i in 0..<n {
        BusinessJSONLine.append(population.next(index: i + 1), to: &buffer)
        if buffer.count > 1 << 20 { file.write(Data(buffer)); buffer.removeAll(keepingCapacity: true) }
    }
    file.write(Data(buffer))
    file.closeFile()
}

let nativeDecoder = JSONDecoder()

/// The native end-to-end baseline: read JSON Lines, decode (same decoder as the engine), decide
/// natively, write one JSON line of decisions per row. One thread.
func nativeBatch(input: String, output: String) {
    guard let fd = fopen(input, "r") else { fail("cannot read \(input)") }
    guard let out = fopen(output, "w") else { fail("cannot write \(output)") }
    var linePointer: UnsafeMutablePointer<CChar>?
    var capacity = 0
    var lineNumber = 0
    var buffer = [UInt8]()
    let at = asOf.luaString
    while true {
        let n = getline(&linePointer, &capacity, fd)
        guard n > 0, let linePointer else { break }
        lineNumber += 1
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(linePointer).assumingMemoryBound(to: UInt8.self), count: n)
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: "{\"line\":\(lineNumber)".utf8)
        do {
            let b = try nativeDecoder.decode(Business.self, from: Data(buffer: bytes))
            buffer.append(contentsOf: ",\"decisions\":[".utf8)
            for (i, r) in NativeRules.evaluate(b, at: at).enumerated() {
                if i > 0 { buffer.append(0x2C) }
                buffer.append(contentsOf: "{\"programme\":\"\(r.programme)\",\"outcome\":\"\(r.outcome.rawValue)\"".utf8)
                if let award = r.award { buffer.append(contentsOf: ",\"award\":\(award)".utf8) }
                buffer.append(0x7D)
            }
            buffer.append(contentsOf: "]}\n".utf8)
        } catch {
            buffer.append(contentsOf: ",\"rejected\":true}\n".utf8)
        }
        _ = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, out) }
    }
    fclose(out)
    fclose(fd)
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
if arguments.first == "decide" {
    // Decide-only on a prepared population (for profiling): eligible-bench decide N
    let count = arguments.count > 1 ? Int(arguments[1]) ?? 10_000 : 10_000
    let book = try RuleBook(directory: URL(fileURLWithPath: rulesDir))
    var people = Population(seed: seed)
    let facts = try (0..<count).map { try BusinessFacts(people.next(index: $0 + 1), vocabulary: book.vocabulary) }
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
    nativeBatch(input: arguments[1], output: arguments[2])
    exit(0)
}

let n = arguments.first.flatMap { Int($0) } ?? Int(ProcessInfo.processInfo.environment["N"] ?? "") ?? 1_000_000
let rules = try RuleBook(directory: URL(fileURLWithPath: rulesDir))
let at = asOf.luaString
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
    let businesses = (0..<count).map { population.next(index: done + $0 + 1) }
    let facts = try businesses.map { try BusinessFacts($0, vocabulary: rules.vocabulary) }
    let t0 = now()
    var luaResults: [[Decision]] = []
    luaResults.reserveCapacity(count)
    for f in facts { luaResults.append(try evaluator.evaluate(f, asOf: asOf)) }
    let t1 = now()
    var nativeResults: [[NativeRules.Result]] = []
    nativeResults.reserveCapacity(count)
    for b in businesses { nativeResults.append(NativeRules.evaluate(b, at: at)) }
    let t2 = now()
    luaNanos += t1 - t0
    nativeNanos += t2 - t1
    if compared < 200_000 {
        for (i, (lua, native)) in zip(luaResults, nativeResults).enumerated() {
            let byID = Dictionary(uniqueKeysWithValues: lua.map { ($0.programme, $0) })
            for r in native {
                compared += 1
                if let d = byID[r.programme], d.outcome == r.outcome, d.award?.pence == r.award { agree += 1 }
                else if disagreements.count < 5 {
                    disagreements.append("business \(done + i + 1) \(r.programme): engine \(byID[r.programme].map { "\($0.outcome.rawValue) \($0.award?.pence ?? -1)" } ?? "-") native \(r.outcome.rawValue) \(r.award ?? -1)")
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
    | native baseline agrees with the engine (outcome and award) | \(agree) of \(compared) decisions | | |

    """)
for d in disagreements { log("  disagreement: \(d)") }
if sink == 0 { print("") }
