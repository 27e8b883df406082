import ArgumentParser
import Eligibility
import Foundation

/// `--format text|json|markdown` for check, explain and programmes.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown
}

/// `--programme ID` (repeatable), checked against the rule book.
struct ProgrammeFilter: ParsableArguments {
    @Option(name: .customLong("programme"), help: "Only this programme (repeatable); an unknown id is bad input (exit 65) and lists the known ids.")
    var ids: [String] = []

    /// The set to pass to the evaluator (nil: all), or bad input naming the known ids.
    func selection(known: [String]) throws -> Set<String>? {
        guard !ids.isEmpty else { return nil }
        let unknown = ids.filter { !known.contains($0) }
        if !unknown.isEmpty {
            throw Failure.badInput("unknown programme \(unknown.map { "'\($0)'" }.joined(separator: ", ")); known programmes: \(known.sorted().joined(separator: ", "))")
        }
        return Set(ids)
    }
}

/// Output helpers shared by the reporting commands.
enum Output {
    /// Stable, readable JSON: sorted keys, two-space indentation, no escaped slashes.
    static func json<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Writes text to stdout as is; a failure is an output error (exit 74) naming where.
    static func write(_ text: String) throws(Failure) {
        try OutputFile.standardOutput.write(text)
    }

    /// A symbol when styled output is allowed, else the plain word.
    static func mark(_ outcome: Decision.Outcome) -> String {
        switch outcome {
        case .eligible: return Terminal.styled ? Terminal.style("✓", "32") : "+"
        case .needsInformation: return Terminal.styled ? Terminal.style("?", "33") : "?"
        case .ineligible: return Terminal.styled ? Terminal.style("✗", "31") : "-"
        case .closed: return Terminal.styled ? Terminal.style("○", "2") : "."
        case .ruleError: return Terminal.styled ? Terminal.style("!", "35") : "!"
        }
    }

    /// A criterion result's mark.
    static func mark(_ outcome: CriterionResult.Outcome) -> String {
        switch outcome {
        case .pass: return Terminal.styled ? Terminal.style("✓", "32") : "pass   "
        case .fail: return Terminal.styled ? Terminal.style("✗", "31") : "FAIL   "
        case .unknown: return Terminal.styled ? Terminal.style("?", "33") : "unknown"
        }
    }

    /// Bold when styled.
    static func bold(_ text: String) -> String { Terminal.style(text, "1") }

    /// Dim when styled.
    static func dim(_ text: String) -> String { Terminal.style(text, "2") }

    /// The heading of each outcome's section.
    static func heading(_ outcome: Decision.Outcome) -> String {
        switch outcome {
        case .eligible: return "Eligible"
        case .needsInformation: return "Needs information"
        case .ineligible: return "Not eligible"
        case .closed: return "Closed"
        case .ruleError: return "Rule errors"
        }
    }

    /// One fact read, displayed: `address.localAuthority = Wirral` (absent: `not given`).
    /// Control characters a business file holds are escaped.
    static func read(_ read: FactRead, _ vocabulary: Vocabulary) -> String {
        Terminal.printable("\(read.path)\(read.on.map { " on \($0)" } ?? "") = \(read.value.map { $0.displayed(forFact: read.path, in: vocabulary) } ?? "(not given)")")
    }

    /// The reads worth showing: without the end-of-list probes a rule's `ipairs` makes (the
    /// absent item after the last one, `fleet[1]` of a one-vehicle fleet).
    static func shown(_ reads: [FactRead]) -> [FactRead] {
        reads.filter { !($0.value == nil && $0.path.hasSuffix("]")) }
    }

    /// One fact read, in words: `Headcount, counting working owners: 52 people (employees)`.
    static func has(_ read: FactRead, _ vocabulary: Vocabulary) -> String {
        let fact = vocabulary.fact(atPath: read.path)
        var value = read.value.map { $0.displayed(forFact: read.path, in: vocabulary) } ?? "not given"
        if read.value != nil, let unit = fact?.unit, fact?.type.isNumber == true { value += unit == "%" ? "%" : " \(unit)" }
        let meaning = (fact?.meaning ?? read.path) + (read.on.map { " on \(words($0))" } ?? "")
        return "\(meaning): \(value) (\(read.path))"
    }

    /// A programme's window in words: "open 2021-04-01 to 2024-03-31", "from 2021-04-01".
    static func window(from: String?, to: String?) -> String {
        guard let from else { return "" }
        if let to { return "\(from) to \(to)" }
        return "from \(from), no end date"
    }

    /// When a closed programme was or will be open: "was open from 24 March 2020 to 28 August
    /// 2020", "will be open from 1 April 2022, with no end date", "was open from 30 September
    /// 2020 until 17:00 on 31 March 2021" (a closing minute is the first minute it is shut).
    static func closedNote(from: String?, to: String?, asOf: AsOf) -> String {
        let future = from.flatMap { try? AsOf(parsing: $0) }.map { asOf < $0 } ?? false
        var note = future ? "will be open" : "was open"
        if let from { note += " from \(words(from))" }
        if let to {
            note += ((try? AsOf(parsing: to))?.time == nil ? " to " : " until ") + words(to)
        } else if future {
            note += ", with no end date"
        }
        return note
    }

    /// A day or minute as said aloud: `1 April 2022`, `17:00 on 31 March 2021`.
    static func words(_ instant: String) -> String {
        guard let parsed = try? AsOf(parsing: instant), monthNames.indices.contains(parsed.day.month - 1) else { return instant }
        let day = "\(parsed.day.day) \(monthNames[parsed.day.month - 1]) \(parsed.day.year)"
        return parsed.time.map { "\($0.text) on \(day)" } ?? day
    }

    /// January to December, in English whatever the machine's locale.
    private static let monthNames: [String] = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        return formatter.monthSymbols
    }()

    /// The business's name for headings: its name, else its id, else the file (control
    /// characters escaped).
    static func businessName(_ business: BusinessFacts, file: String) -> String {
        Terminal.printable(business.name ?? business.id ?? file)
    }
}

/// Loads the rule book, the business and the programme descriptions the reporting commands share.
struct Session {
    let evaluator: Evaluator
    let programmes: [ProgrammeInfo]
    let asOf: AsOf

    init(rules: RulesOption, asOf: AsOfOption) throws {
        self.asOf = try asOf.instant()
        evaluator = try rules.evaluator()
        programmes = try evaluator.programmes(asOf: self.asOf)
    }

    /// Every programme id, loaded or failed to load, sorted.
    var knownIds: [String] {
        (programmes.map(\.id) + evaluator.problems.map(\.programme)).sorted()
    }
}
