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
func spawn(_ argv: [String]) -> ProcessRun {
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

func spawnDirect(_ argv: [String], discardingOutput: Bool = false) -> ProcessRun {
    var pid: pid_t = 0
    let cArgs = argv.map { strdup($0) } + [nil]
    defer { for p in cArgs { free(p) } }
    var fileActions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&fileActions)
    defer { posix_spawn_file_actions_destroy(&fileActions) }
    if discardingOutput { posix_spawn_file_actions_addopen(&fileActions, 1, "/dev/null", O_WRONLY, 0) }
    let start = now()
    guard posix_spawn(&pid, argv[0], &fileActions, nil, cArgs, environ) == 0 else { fail("cannot run \(argv[0])") }
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return ProcessRun(seconds: Double(now() - start) / 1e9, cpuSeconds: seconds(usage.ru_utime) + seconds(usage.ru_stime),
               peakRSS: usage.ru_maxrss * 1024, status: status)
}

/// A finished child process: wall and CPU seconds (its own and its children's), peak RSS in
/// bytes, and its wait status.
struct ProcessRun {
    var seconds: Double
    var cpuSeconds: Double
    var peakRSS: Int
    var status: Int32
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

// The table: one run, every measure, the native baseline beside the engine.
let n = arguments.first.flatMap { Int($0) } ?? Int(ProcessInfo.processInfo.environment["N"] ?? "") ?? 1_000_000
let sampleSize = min(n, 100_000)
let rules = try RuleBook(directory: URL(fileURLWithPath: rulesDir))
func log(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }
log("eligible-bench: \(n) businesses end to end, \(sampleSize) in process, seed \(seed), as of \(asOfText), rules \(rulesDir) (\(rules.files.count) programmes)")

// 1. In process, on a register held in memory.
log("  generating \(sampleSize) businesses in memory")
let register = try Register(count: sampleSize, seed: seed, vocabulary: rules.vocabulary)
let engine = try Evaluator(rules: rules)
log("  decide-only")
let decide = try decideRates(register, engine: engine, asOf: asOf, explain: false)
log("  explained")
let explained = try decideRates(register, engine: engine, asOf: asOf, explain: true)
log("  stages")
let stages = try StageCosts(register, engine: engine, rules: rules, asOf: asOf, scratch: workDir)
log("  checksums")
let sums = try decisionChecksums(register, engine: engine, asOf: asOf)

// 2. The real binary, file to file.
func registerPath(_ ext: String) -> String { (workDir as NSString).appendingPathComponent("eligible-bench-\(n).\(ext)") }
let output = (workDir as NSString).appendingPathComponent("eligible-bench-out")
var batch: [String: ProcessRun] = [:]
for ext in ["jsonl", "csv"] {
    let input = registerPath(ext)
    log("  generating \(input)")
    generate(n, to: input)
    for jobs in [1, 2] {
        log("  eligible batch \(ext) --jobs \(jobs)")
        let run = spawn([binary, "batch", input, "--out", output + "." + ext, "--jobs", String(jobs), "--as-of", asOfText, "--rules", rulesDir])
        if run.status != 0 { log("  (wait status \(run.status))") }
        batch["\(ext) \(jobs)"] = run
    }
    if ext == "jsonl" {
        log("  native baseline, file to file")
        batch["native"] = spawn([CommandLine.arguments[0], "native-batch", input, output + ".native", "--as-of", asOfText])
    }
    try? FileManager.default.removeItem(atPath: input)
}
for ext in ["jsonl", "csv", "native"] { try? FileManager.default.removeItem(atPath: output + "." + ext) }

log("  eligible check, start to exit")
var checkRuns = (0..<21).map { _ in spawnDirect([binary, "check", "examples/mersey-vans.yaml", "--as-of", "2021-06-01", "--rules", rulesDir], discardingOutput: true) }
checkRuns.sort { $0.seconds < $1.seconds }
let check = checkRuns[checkRuns.count / 2]

func rate(_ r: Double) -> String {
    r >= 1_000_000 ? String(format: "%.2fM", r / 1e6) : r >= 1000 ? String(format: "%.1fk", r / 1e3) : String(format: "%.0f", r)
}
func ratio(_ a: Double, _ b: Double) -> String { String(format: "%.2fx", a / b) }
func mb(_ bytes: Int) -> String { String(format: "%.0f MB", Double(bytes) / 1_048_576) }
func perSecond(_ run: ProcessRun) -> String {
    "\(rate(Double(n) / run.seconds))/s wall, \(rate(Double(n) / run.cpuSeconds))/s CPU"
}
var cpuName = "unknown CPU"
if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
   let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") }) {
    cpuName = line.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? cpuName
}
let jsonl1 = batch["jsonl 1"]!, jsonl2 = batch["jsonl 2"]!, csv1 = batch["csv 1"]!, csv2 = batch["csv 2"]!, native = batch["native"]!
let micros = { (x: Double) in String(format: "%.2f", x) }
print("""
    eligible-bench: \(rules.files.count) programmes in \(rulesDir)/ as of \(asOfText); \(n) generated businesses end to end, \
    \(sampleSize) in process (seed \(seed)); \(ProcessInfo.processInfo.activeProcessorCount) cores (\(cpuName)). \
    In-process rates are per CPU second of one thread; batch rates per wall second and per CPU second.

    | measure | engine | native Swift baseline | engine / native | target |
    |---|---:|---:|---:|---:|
    | decide-only, full decisions, one core (businesses/s) | \(rate(decide.engine)) | \(rate(decide.native)) | \(ratio(decide.engine, decide.native)) | 100k |
    | decide with explanations, one core (businesses/s) | \(rate(explained.engine)) | \(rate(decide.native)) | \(ratio(explained.engine, decide.native)) | 20k |
    | `eligible batch` JSON Lines, 1 job | \(perSecond(jsonl1)) | \(perSecond(native)) | \(ratio(native.seconds, jsonl1.seconds)) | 50k |
    | `eligible batch` JSON Lines, 2 jobs | \(perSecond(jsonl2)) (\(ratio(jsonl1.seconds, jsonl2.seconds)) of 1 job) | | | 1.8x |
    | `eligible batch` CSV, 1 job | \(perSecond(csv1)) | | | 50k |
    | `eligible batch` CSV, 2 jobs | \(perSecond(csv2)) (\(ratio(csv1.seconds, csv2.seconds)) of 1 job) | | | 1.8x |
    | peak memory at \(n) rows: JSON Lines 1 / 2 jobs, CSV 1 / 2 jobs | \(mb(jsonl1.peakRSS)) / \(mb(jsonl2.peakRSS)), \(mb(csv1.peakRSS)) / \(mb(csv2.peakRSS)) | \(mb(native.peakRSS)) | | < 100 MB |
    | `eligible check` one business, start to exit (median of 21) | \(String(format: "%.1f ms", check.seconds * 1000)) (\(String(format: "%.1f ms", check.cpuSeconds * 1000)) CPU) | | | 15 ms |
    | per business (µs): read / decode and validate / push / decide and read back / encode / write | \(micros(stages.read)) / \(micros(stages.decodeAndValidate)) / \(micros(stages.push)) / \(micros(stages.decideAndReadBack)) / \(micros(stages.encode)) / \(micros(stages.write)) = \(micros(stages.total)) | | | |
    | checksum of all decisions on the \(sampleSize)-row register | \(String(sums.engine, radix: 16)) | \(String(sums.native, radix: 16)) | \(sums.engine == sums.native ? "identical" : "DIFFERENT") | unchanged |

    """)
