import Eligibility
import Foundation

/// The hostile suite's shared fixtures: the register every run decides, the as-of instants, the
/// clean baseline, and scratch rule directories (a copy of the shipped `rules/` plus hostile files).
enum HostileFixture {
    /// The instants each run decides at: one while the 2020 grant funds were open (they read the
    /// dated list `premises.rateReliefs`), one while most of the 2021 programmes were.
    static let instants = ["2020-06-01", "2021-02-20"]

    /// Seconds any run may take before its cases' own allowances: loading 27 programmes and
    /// deciding two businesses takes under a second in a debug build on an idle machine, but the
    /// groups run side by side on shared cores (and with the rest of the test suite); a hang is
    /// endless, so the bound is generous: 20 s was exceeded once by `lint` on a machine loaded
    /// about four times over.
    static let baseSeconds = 60.0

    /// A scratch directory for the suite's files.
    static let workspace: URL = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("eligible-hostile-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }()

    /// Two businesses, one JSON object per line: a pub with a dated list fact (its rate reliefs)
    /// and a rural printer; decided one after the other by one reused state (`--jobs 1`).
    static let register: Result<URL, HostileSetupError> = {
        do {
            let rules = try RuleBook(directory: CLI.root.appendingPathComponent("rules"), displayName: "rules")
            let businesses = ["fixtures/businesses/pub.yaml", "examples/rural-print.json"]
            let lines = try businesses.map { path -> String in
                let facts = try BusinessFile.load(CLI.root.appendingPathComponent(path), vocabulary: rules.vocabulary)
                let object = try JSONSerialization.jsonObject(with: Data(facts.jsonText().utf8))
                return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
            }
            let url = workspace.appendingPathComponent("register.jsonl")
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
            return .success(url)
        } catch {
            return .failure(HostileSetupError(message: "the register could not be written: \(error)"))
        }
    }()

    /// The shipped programmes' decisions without any hostile file: per instant, per row, each
    /// decision as canonical JSON, in output order.
    static let baseline: Result<[String: [[String]]], HostileSetupError> = {
        do {
            let project = try scratch(files: [:])
            defer { try? FileManager.default.removeItem(at: project) }
            var decided = [String: [[String]]]()
            for instant in instants {
                let run = try batch(in: project, at: instant, seconds: 60)
                guard !run.timedOut, run.status == 0 else {
                    return .failure(HostileSetupError(message: "the clean batch at \(instant) failed (\(run.status)): \(run.stderr)"))
                }
                decided[instant] = try rows(run.stdout).map { $0.map(\.json) }
            }
            return .success(decided)
        } catch {
            return .failure(HostileSetupError(message: "the baseline could not be made: \(error)"))
        }
    }()

    /// A project directory holding `rules/`: a copy of the shipped rules (facts.yaml, lib/, the
    /// programmes) plus `files` (file name -> bytes).
    static func scratch(files: [String: Data]) throws -> URL {
        let project = workspace.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        let rules = project.appendingPathComponent("rules")
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("rules"), to: rules)
        for (name, bytes) in files { try bytes.write(to: rules.appendingPathComponent(name)) }
        return project
    }

    /// `eligible batch register.jsonl --jobs 1 --rules rules --as-of instant` in `project`.
    static func batch(in project: URL, at instant: String, seconds: Double) throws -> TimedProcess.Result {
        guard let binary = CLI.binary else { throw HostileSetupError(message: "the eligible binary was not found; build it first") }
        let register = try self.register.get()
        return try TimedProcess.run(binary, ["batch", register.path, "--jobs", "1", "--rules", "rules", "--as-of", instant],
                                    in: project, seconds: seconds)
    }

    /// `eligible lint rules` in `project`.
    static func lint(in project: URL, seconds: Double) throws -> TimedProcess.Result {
        guard let binary = CLI.binary else { throw HostileSetupError(message: "the eligible binary was not found; build it first") }
        return try TimedProcess.run(binary, ["lint", "rules"], in: project, seconds: seconds)
    }

    /// One decision of a batch row: its programme, outcome and error, and the whole as JSON.
    struct Decided {
        var programme: String
        var outcome: String
        var error: String?
        var json: String
    }

    /// The decided rows of a batch's JSON Lines output.
    static func rows(_ output: String) throws -> [[Decided]] {
        try output.split(separator: "\n").map { line in
            guard let row = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let decisions = row["decisions"] as? [[String: Any]] else {
                throw HostileSetupError(message: "not a decided row: \(line.prefix(300))")
            }
            return try decisions.map { d in
                let json = String(decoding: try JSONSerialization.data(withJSONObject: d, options: [.sortedKeys]), as: UTF8.self)
                return Decided(programme: d["programme"] as? String ?? "?", outcome: d["outcome"] as? String ?? "?",
                               error: d["error"] as? String, json: json)
            }
        }
    }
}

/// The suite could not set itself up (no binary, no register, no baseline).
struct HostileSetupError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// One run of the built binary over a scratch rules directory holding some hostile cases, each
/// written twice (loaded first as `000-hostile-N.lua` and last as `zzz-hostile-N.lua`), and the
/// checks of issue 12's acceptance on what it printed.
struct HostileRun {
    /// Something a run found wrong; `number` names the case when the finding is its own.
    struct Finding: CustomStringConvertible {
        var number: Int?
        var message: String
        var description: String { number.map { "case \($0): \(message)" } ?? message }
    }

    /// The cases, with their numbers in the catalogue.
    let cases: [(number: Int, case: HostileCase)]

    /// The two files of case `number`: loaded first and loaded last.
    static func stems(_ number: Int) -> [String] {
        let n = String(format: "%03d", number)
        return ["000-hostile-\(n)", "zzz-hostile-\(n)"]
    }

    /// The wall-clock bound of each binary run.
    var seconds: Double { HostileFixture.baseSeconds + cases.reduce(0) { $0 + $1.case.seconds } }

    /// Runs `batch` at both instants and `lint`, at once, and returns what is wrong.
    func check() -> [Finding] {
        var files = [String: Data]()
        for (number, hostile) in cases {
            for stem in Self.stems(number) { files[stem + ".lua"] = hostile.bytes(id: stem) }
        }
        let project: URL
        do { project = try HostileFixture.scratch(files: files) } catch { return [Finding(message: "scratch: \(error)")] }
        defer { try? FileManager.default.removeItem(at: project) }
        let jobs = HostileFixture.instants.count + 1
        let results = ResultBox(count: jobs)
        let bound = seconds
        DispatchQueue.concurrentPerform(iterations: jobs) { job in
            let result = Result {
                job < HostileFixture.instants.count
                    ? try HostileFixture.batch(in: project, at: HostileFixture.instants[job], seconds: bound)
                    : try HostileFixture.lint(in: project, seconds: bound)
            }
            results.set(job, result)
        }
        var findings = [Finding]()
        for (job, instant) in HostileFixture.instants.enumerated() {
            switch results.get(job) {
            case .success(let run)?: findings += checkBatch(run, at: instant)
            case .failure(let error)?: findings.append(Finding(message: "batch at \(instant): \(error)"))
            case nil: findings.append(Finding(message: "batch at \(instant) did not run"))
            }
        }
        switch results.get(jobs - 1) {
        case .success(let run)?: findings += checkLint(run)
        case .failure(let error)?: findings.append(Finding(message: "lint: \(error)"))
        case nil: findings.append(Finding(message: "lint did not run"))
        }
        return findings
    }

    /// The checks of one batch run: it ended in time with exit 0; each hostile file's programme
    /// is a rule error at its own `file:line`; every other decision equals the baseline.
    private func checkBatch(_ run: TimedProcess.Result, at instant: String) -> [Finding] {
        let what = "batch at \(instant)"
        if run.timedOut { return [Finding(message: "\(what) did not end within \(seconds) s (killed)")] }
        guard run.status == 0 else {
            return [Finding(message: "\(what) exited \(run.status) after \(String(format: "%.1f", run.seconds)) s: \(run.stderr.suffix(600))")]
        }
        let baseline: [[String]]
        let rows: [[HostileFixture.Decided]]
        do {
            baseline = try HostileFixture.baseline.get()[instant] ?? []
            rows = try HostileFixture.rows(run.stdout)
        } catch {
            return [Finding(message: "\(what): \(error)")]
        }
        guard rows.count == baseline.count else {
            return [Finding(message: "\(what) printed \(rows.count) rows, not \(baseline.count)")]
        }
        var findings = [Finding]()
        for (row, (decided, expected)) in zip(rows, baseline).enumerated() {
            for (number, hostile) in cases {
                for stem in Self.stems(number) {
                    let file = "rules/\(stem).lua"
                    guard let d = decided.first(where: { $0.programme == stem }) else {
                        findings.append(Finding(number: number, message: "\(what), row \(row + 1): no decision for \(file)"))
                        continue
                    }
                    let prefix = "\(file):\(hostile.line): "
                    if d.outcome != "rule-error" || !(d.error ?? "").hasPrefix(prefix) {
                        findings.append(Finding(number: number, message: "\(what), row \(row + 1): \(file) should be a rule error at \(prefix)...; got \(d.outcome): \(d.error ?? "no error")"))
                    } else if let saying = hostile.saying, !(d.error ?? "").contains(saying) {
                        findings.append(Finding(number: number, message: "\(what), row \(row + 1): \(file)'s error should say \"\(saying)\"; got \(d.error ?? "")"))
                    }
                }
            }
            let others = decided.filter { !$0.programme.contains("-hostile-") }.map(\.json)
            if others != expected {
                let differing = zip(others, expected).first { $0 != $1 }
                findings.append(Finding(message: "\(what), row \(row + 1): the shipped programmes' decisions differ from the clean run"
                    + (differing.map { ": got \($0.0.prefix(400)) instead of \($0.1.prefix(400))" } ?? " (\(others.count) decisions, not \(expected.count))")))
            }
        }
        return findings
    }

    /// The checks of the lint run: it ended in time, without an internal error, with a finding
    /// at each hostile file's marked line (where its rule error points).
    private func checkLint(_ run: TimedProcess.Result) -> [Finding] {
        if run.timedOut { return [Finding(message: "lint did not end within \(seconds) s (killed)")] }
        guard run.status == 0 || run.status == 1 else {
            return [Finding(message: "lint exited \(run.status): \(run.stderr.suffix(600))")]
        }
        let lines = run.stdout.split(separator: "\n")
        var findings = [Finding]()
        for (number, hostile) in cases {
            for stem in Self.stems(number) {
                let prefix = "rules/\(stem).lua:\(hostile.line): "
                if !lines.contains(where: { $0.hasPrefix(prefix) }) {
                    findings.append(Finding(number: number, message: "lint printed no finding at \(prefix)"))
                }
            }
        }
        return findings
    }
}

/// Results written by concurrent jobs, read once they have all ended.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<TimedProcess.Result, Error>?]
    init(count: Int) { results = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ result: Result<TimedProcess.Result, Error>) { lock.withLock { results[index] = result } }
    func get(_ index: Int) -> Result<TimedProcess.Result, Error>? { lock.withLock { results[index] } }
}
