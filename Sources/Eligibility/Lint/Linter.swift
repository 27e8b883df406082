import Foundation
import LuaBridge

/// One thing `eligible lint` found in a rule file.
public struct LintFinding: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// How serious it is: errors fail the lint (exit 1); warnings do not.
    public enum Severity: String, Hashable, Sendable { case error, warning }
    /// The file, as messages name it (`rules/plug-in-van-grant.lua`).
    public var file: String
    /// The 1-based line.
    public var line: Int
    /// Error or warning.
    public var severity: Severity
    /// What is wrong and what to do.
    public var message: String

    public init(file: String, line: Int, severity: Severity, message: String) {
        self.file = file
        self.line = line
        self.severity = severity
        self.message = message
    }

    /// `file:line: error|warning: message`.
    public var description: String { "\(file):\(line): \(severity.rawValue): \(message)" }

    public static func < (a: LintFinding, b: LintFinding) -> Bool {
        (a.file, a.line, a.severity.rawValue, a.message) < (b.file, b.line, b.severity.rawValue, b.message)
    }
}

/// Checks a rules directory the way a careful reviewer would, without a business to hand:
///
/// - every file loads: Lua syntax, the declaration schema (unknown keys, missing title, bad
///   dates, criteria without a sentence), duplicate programme and criterion ids (the runtime's
///   own checks, reported at `file:line`);
/// - the programme id equals the file name;
/// - every criterion names the scheme clause it implements (a warning when it does not);
/// - every parameter is used (a warning when one is never read);
/// - every fact a test or award reads exists in the business model: each test runs, whatever the
///   others return, against schema-aware probe businesses (every fact given with a typical
///   value; and nothing given), so a typo such as `b.employes` is found without a business;
///   other errors on the typical probe are warnings (a test that cannot cope with ordinary facts);
/// - effective-dated parameters have a value throughout the programme's window: no gap (an
///   entry's `to` before the next `from`, a first entry after the programme opens, a last entry
///   ending before it closes) and no overlap (an entry's `to` after the next `from`).
public enum Linter {
    /// Lints the rules directory at `directory`; `displayName` is how messages name it.
    public static func lint(directory: URL, displayName: String) throws -> [LintFinding] {
        let book: RuleBook
        do {
            book = try RuleBook(directory: directory, displayName: displayName)
        } catch let error as RuleBookError {
            return [finding(error.message, severity: .error, defaultFile: displayName)]
        }
        return try lint(book)
    }

    /// Lints a rule book already read.
    public static func lint(_ book: RuleBook) throws -> [LintFinding] {
        var findings = [LintFinding]()
        let evaluator = try Evaluator(rules: book)
        let files = Dictionary(book.files.map { ($0.displayName, $0) }, uniquingKeysWith: { a, _ in a })
        for problem in evaluator.problems {
            findings.append(finding(problem.message, severity: .error, defaultFile: files.values.first { $0.stem == problem.programme }?.displayName ?? problem.programme))
        }
        if book.files.isEmpty {
            findings.append(LintFinding(file: book.displayName, line: 1, severity: .warning,
                                        message: "no rule files (*.lua) in this directory"))
        }
        for programme in try evaluator.programmes() {
            findings += check(programme, source: files[programme.file]?.source ?? "", evaluator: evaluator)
        }
        return Array(Set(findings)).sorted()
    }

    /// The checks of one loaded programme.
    static func check(_ p: ProgrammeInfo, source: String, evaluator: Evaluator) -> [LintFinding] {
        var findings = [LintFinding]()
        func add(_ line: Int, _ severity: LintFinding.Severity, _ message: String) {
            findings.append(LintFinding(file: p.file, line: line, severity: severity, message: message))
        }
        let stem = String((p.file.split(separator: "/").last ?? "").dropLast(4))
        if p.id != stem {
            add(p.line, .error, "programme id \"\(p.id)\" differs from the file name \(stem).lua; rename one so they match")
        }
        for criterion in p.criteria where criterion.id != "subsidy-control" {
            if (criterion.clause ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                add(criterion.line, .warning, "criterion \"\(criterion.id)\" has no clause; add clause = \"...\" naming the scheme paragraph it implements")
            }
            if criterion.text.trimmingCharacters(in: .whitespaces).isEmpty {
                add(criterion.line, .error, "criterion \"\(criterion.id)\" has no sentence; add text = \"...\"")
            }
        }

        // Windows and effective-dated parameters.
        let opens = instant(p.openFrom)
        let closes = p.openTo.map(endInstant)
        for spec in p.datedParams {
            let entries = spec.entries
            guard let first = entries.first else { continue }
            if let opens, first.from > opens {
                add(spec.line, .error, "dated parameter '\(spec.name)' has no value from \(p.openFrom) (when the programme opens) until \(first.from); start its first entry by \(p.openFrom)")
            }
            for (a, b) in zip(entries, entries.dropFirst()) {
                guard let to = a.to else { continue }
                if to < b.from {
                    add(spec.line, .error, "dated parameter '\(spec.name)' has a gap: no value from \(to) until \(b.from)")
                } else if to > b.from {
                    add(spec.line, .error, "dated parameter '\(spec.name)' has overlapping entries: one runs until \(to) but the next starts \(b.from)")
                }
            }
            if let last = entries.last, let to = last.to, closes.map({ to < $0 }) ?? true {
                add(spec.line, .error, "dated parameter '\(spec.name)' has no value after \(to), but the programme is open \(closes.map { "until \($0)" } ?? "with no end date")")
            }
            if let closes {
                for entry in entries where entry.from >= closes {
                    add(spec.line, .warning, "dated parameter '\(spec.name)': the entry from \(entry.from) is never in force (the programme closes \(closes))")
                }
            }
        }

        // Probes: typos in fact names, and which parameters are read.
        var instants = Set<String>()
        if let opens { instants.insert(opens) }
        for spec in p.datedParams {
            for entry in spec.entries where (opens.map { entry.from >= $0 } ?? true) && (closes.map { entry.from < $0 } ?? true) {
                instants.insert(entry.from)
            }
        }
        var used = Set<String>()
        for at in instants.sorted() {
            guard let asOf = try? AsOf(parsing: at) else { continue }
            for variant in ProbeBusiness.Variant.allCases {
                guard let report = try? evaluator.probe(programme: p.id, business: ProbeBusiness.make(variant), asOf: asOf) else { continue }
                used.formUnion(report.used)
                for failure in report.errors {
                    let location = LuaError.location(in: failure.message)
                    let line = location?.line ?? failure.line
                    let file = location?.file ?? p.file
                    let text = strippedLocation(failure.message)
                    let what = failure.id == "award" ? "the award" : "criterion \"\(failure.id)\""
                    if text.contains("has no fact") || text.contains("is a list:") {
                        findings.append(LintFinding(file: file, line: line, severity: .error, message: "\(what) reads a fact the business model does not have: \(text)"))
                    } else if variant == .typical && failure.id != "award" {
                        findings.append(LintFinding(file: file, line: line, severity: .warning, message: "\(what) failed on a probe business with every fact given: \(text)"))
                    }
                }
            }
        }
        let declared = p.params.map(\.name)
        let code = strippingComments(source)
        for name in declared where !used.contains(name) && !referenced(name, in: code) {
            add(declarationLine(of: name, in: source) ?? p.line, .warning, "parameter '\(name)' is never used; remove it or use it as p.\(name)")
        }
        return findings
    }

    // MARK: - Helpers

    /// A message `file:line: text` as a finding (no location: `defaultFile`, line 1).
    static func finding(_ message: String, severity: LintFinding.Severity, defaultFile: String) -> LintFinding {
        if let location = LuaError.location(in: message) {
            return LintFinding(file: location.file, line: location.line, severity: severity, message: strippedLocation(message))
        }
        var file = defaultFile
        var text = message
        if let colon = message.range(of: ": "), !message[..<colon.lowerBound].contains(" ") {
            file = String(message[..<colon.lowerBound])
            text = String(message[colon.upperBound...])
        }
        return LintFinding(file: file, line: 1, severity: severity, message: text)
    }

    /// The message without its leading `file:line: `.
    static func strippedLocation(_ message: String) -> String {
        guard LuaError.location(in: message) != nil else { return message }
        let parts = message.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        return parts[2].trimmingCharacters(in: .whitespaces)
    }

    /// "2021-04-01" -> "2021-04-01T00:00"; an instant stays as it is.
    static func instant(_ text: String) -> String? {
        guard let asOf = try? AsOf(parsing: text) else { return nil }
        return asOf.luaString
    }

    /// The first instant a window is closed: the day after a date-only `to`, or a timed `to`.
    static func endInstant(_ text: String) -> String {
        guard let asOf = try? AsOf(parsing: text) else { return text }
        if asOf.time != nil { return asOf.luaString }
        var (y, m, d) = (asOf.day.year, asOf.day.month, asOf.day.day + 1)
        if d > Day.daysInMonth(year: y, month: m) { d = 1; m += 1 }
        if m > 12 { m = 1; y += 1 }
        return String(format: "%04d-%02d-%02dT00:00", y, m, d)
    }

    /// The source with `--` comments removed (strings are not parsed; good enough to find names).
    static func strippingComments(_ source: String) -> String {
        source.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.range(of: "--").map { String(line[..<$0.lowerBound]) } ?? String(line)
        }.joined(separator: "\n")
    }

    /// Whether code mentions the parameter other than declaring it: `p.name`, `.name`, `["name"]`.
    static func referenced(_ name: String, in code: String) -> Bool {
        let escaped = NSRegularExpression.escapedPattern(for: name)
        let pattern = #"(\.\s*"# + escaped + #"\b)|(\[\s*["']"# + escaped + #"["']\s*\])"#
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return true }
        return regex.firstMatch(in: code, range: NSRange(code.startIndex..., in: code)) != nil
    }

    /// The line where `name = ...` is declared, if found.
    static func declarationLine(of name: String, in source: String) -> Int? {
        let escaped = NSRegularExpression.escapedPattern(for: name)
        guard let regex = try? NSRegularExpression(pattern: #"^\s*"# + escaped + #"\s*="#) else { return nil }
        for (i, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let text = String(line)
            if regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil { return i + 1 }
        }
        return nil
    }
}

/// Businesses built from `FactSchema` alone, for probing rule scripts without real data.
public enum ProbeBusiness {
    /// Which facts the probe gives.
    public enum Variant: CaseIterable, Sendable {
        /// Every fact, with an ordinary value (lists hold one element).
        case typical
        /// Every fact, with a boundary value (zero, false, the last enumeration case).
        case boundary
        /// No facts at all.
        case empty
    }

    /// The probe business as a Lua table.
    public static func make(_ variant: Variant) -> LuaValue {
        variant == .empty ? .table([:]) : node(FactSchema.root, variant)
    }

    private static func node(_ name: String, _ variant: Variant) -> LuaValue {
        var table = [LuaValue: LuaValue]()
        for field in FactSchema.fields(of: name) {
            table[.string(field.name)] = value(field.type, variant)
        }
        return .table(table)
    }

    private static func value(_ type: FactType, _ variant: Variant) -> LuaValue {
        let typical = variant == .typical
        switch type {
        case .integer: return .integer(typical ? 10 : 0)
        case .number: return .number(typical ? 25.5 : 0.0)
        case .string: return .string(typical ? "Liverpool" : "")
        case .boolean: return .boolean(typical)
        case .money: return .integer(typical ? 5_000_000 : 0)
        case .day: return .string(typical ? "2019-06-01" : "2000-01-01")
        case .enumeration(_, let cases): return .string((typical ? cases.first : cases.last) ?? "")
        case .node(let name): return node(name, variant)
        case .list(let element): return .table([.integer(1): value(element, variant)])
        }
    }
}
