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
/// - the fact vocabulary reads cleanly (every mistake at its line);
/// - every file loads: Lua syntax, the declaration schema (unknown keys, missing title, bad
///   dates, criteria without a sentence, an id that differs from the file name), as the runtime
///   itself reports them, at `file:line`;
/// - every criterion names the scheme clause it implements, and every programme its sources (a
///   warning when one does not);
/// - every parameter is used (a warning when one is never read);
/// - every fact a test or award reads is in the vocabulary: each test runs, whatever the others
///   return, against probe businesses built from the vocabulary's examples (every fact given;
///   and nothing given), so a typo such as `b.employes` is found without a business; other
///   errors on the typical probe are warnings (a test that cannot cope with ordinary facts);
/// - effective-dated parameters have a value throughout the programme's window: no gap and no
///   overlap;
/// - the shipped editor annotations (`rules/types/eligible.lua`) match the vocabulary.
public enum Linter {
    /// Lints the rules directory at `directory`; `displayName` is how messages name it.
    public static func lint(directory: URL, displayName: String) throws -> [LintFinding] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            // The finding's file is the directory: the message does not name it again.
            return [LintFinding(file: displayName, line: 1, severity: .error, message: "no such rules directory (use --rules DIR or set ELIGIBLE_RULES)")]
        }
        let book: RuleBook
        do {
            book = try RuleBook(directory: directory, displayName: displayName)
        } catch let error as RuleBookError {
            if !error.vocabularyProblems.isEmpty {
                return error.vocabularyProblems.map { LintFinding(file: $0.file, line: $0.line, severity: .error, message: $0.message) }
            }
            return [LintFinding(file: displayName, line: 1, severity: .error, message: error.message)]
        }
        return try lint(book)
    }

    /// Lints a rule book already read.
    public static func lint(_ book: RuleBook) throws -> [LintFinding] {
        var findings = [LintFinding]()
        let evaluator = try Evaluator(rules: book)
        let files = Dictionary(book.files.map { ($0.displayName, $0) }, uniquingKeysWith: { a, _ in a })
        for problem in evaluator.problems {
            let d = problem.diagnostic
            findings.append(LintFinding(file: d.file, line: d.line, severity: .error, message: d.message))
        }
        if book.files.isEmpty {
            findings.append(LintFinding(file: book.displayName, line: 1, severity: .warning,
                                        message: "no rule files (*.lua) in this directory"))
        }
        let annotations = book.directory.appendingPathComponent(LuaAnnotations.shippedPath)
        if let shipped = FileManager.default.contents(atPath: annotations.path),
           String(decoding: shipped, as: UTF8.self) != LuaAnnotations.document(book.vocabulary) {
            findings.append(LintFinding(file: "\(book.displayName)/\(LuaAnnotations.shippedPath)", line: 1, severity: .warning,
                                        message: "the editor annotations do not match \(book.vocabulary.file); run: eligible schema --format lua --rules \(book.displayName) > \(book.displayName)/\(LuaAnnotations.shippedPath)"))
        }
        let probes = ProbeBusiness.Variant.allCases.map { ($0, ProbeBusiness.make($0, vocabulary: book.vocabulary)) }
        for programme in try evaluator.programmes() {
            findings += check(programme, source: files[programme.file]?.source ?? "", evaluator: evaluator, probes: probes)
        }
        return Array(Set(findings)).sorted()
    }

    /// The checks of one loaded programme.
    static func check(_ p: ProgrammeInfo, source: String, evaluator: Evaluator,
                      probes: [(ProbeBusiness.Variant, BusinessFacts)]) -> [LintFinding] {
        var findings = [LintFinding]()
        func add(_ line: Int, _ severity: LintFinding.Severity, _ message: String) {
            findings.append(LintFinding(file: p.file, line: line, severity: severity, message: message))
        }
        if p.sources.isEmpty {
            add(p.line, .warning, "programme \"\(p.id)\" names no sources; add sources = { \"...\" } with the published documents its figures come from")
        }
        for criterion in p.criteria {
            if (criterion.clause ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                add(criterion.line, .warning, "criterion \"\(criterion.id)\" has no clause; add clause = \"...\" naming the scheme paragraph it implements")
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

        // Probes: facts the vocabulary lacks, and which parameters are read.
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
            for (variant, facts) in probes {
                guard let report = try? evaluator.probe(programme: p.id, facts: facts, asOf: asOf) else { continue }
                used.formUnion(report.used)
                for failure in report.errors {
                    let what = failure.id == "award" ? "the award" : failure.id == "programme" ? "the programme" : "criterion \"\(failure.id)\""
                    if failure.message.contains("has no fact") || failure.message.contains("is a list:") {
                        findings.append(LintFinding(file: failure.file, line: failure.line, severity: .error, message: "\(what) reads a fact the vocabulary does not have: \(failure.message)"))
                    } else if variant == .typical && failure.certain {
                        findings.append(LintFinding(file: failure.file, line: failure.line, severity: .warning, message: "\(what) failed on a probe business with every fact given: \(failure.message)"))
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

    /// Whether code mentions the parameter other than declaring it: `p.name`, `.name`, `["name"]`,
    /// or `{name}` in a text.
    static func referenced(_ name: String, in code: String) -> Bool {
        let escaped = NSRegularExpression.escapedPattern(for: name)
        let pattern = #"(\.\s*"# + escaped + #"\b)|(\[\s*["']"# + escaped + #"["']\s*\])|(\{"# + escaped + #"(:\w+)?\})"#
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

/// Businesses built from the vocabulary alone, for probing rule scripts without real data.
public enum ProbeBusiness {
    /// Which facts the probe gives.
    public enum Variant: CaseIterable, Sendable {
        /// Every fact, with its example (or an ordinary value); lists hold one item.
        case typical
        /// Every fact, with a boundary value (zero, no, the last value of a list).
        case boundary
        /// No facts at all.
        case empty
    }

    /// The probe business.
    public static func make(_ variant: Variant, vocabulary: Vocabulary) -> BusinessFacts {
        guard variant != .empty else { return BusinessFacts(vocabulary: vocabulary) }
        return BusinessFacts(vocabulary: vocabulary, record: record(vocabulary.root, variant))
    }

    private static func record(_ type: RecordType, _ variant: Variant) -> FactRecord {
        var record = FactRecord(type: type)
        for (i, fact) in type.facts.enumerated() {
            let value = self.value(fact, fact.type, variant)
            record.values[i] = fact.dated ? .history([DatedValue(from: nil, value: value)]) : value
        }
        return record
    }

    private static func value(_ fact: FactDefinition, _ type: FactType, _ variant: Variant) -> FactValue {
        let typical = variant == .typical
        if typical, let example = fact.example, type.recordType == nil,
           case .success(let value) = ScalarReading.read(example, as: type.itemType ?? type, range: fact.range) {
            return type.isList ? .list([value]) : value
        }
        let low = fact.range?.lowerBound ?? 0
        switch type {
        case .yesNo: return .boolean(typical)
        case .wholeNumber: return .integer(typical ? max(Int(low), 10) : max(Int(low), 0))
        case .decimal: return .decimal(typical ? max(low, 25.5) : max(low, 0))
        case .money: return .money(typical ? .pounds(50_000) : .zero)
        case .day: return .day(typical ? Day.probe : Day.epoch)
        case .minute: return .minute(AsOf(day: typical ? Day.probe : Day.epoch))
        case .text: return .text(typical ? "Liverpool" : "")
        case .oneOf(let list): return .text((typical ? list.valueNames.first : list.valueNames.last) ?? "")
        case .textList, .severalOf: return .list([value(fact, type.itemType ?? .text, variant)])
        case .record(let child): return .record(record(child, variant))
        case .records(let child): return .list([.record(record(child, variant))])
        }
    }
}
