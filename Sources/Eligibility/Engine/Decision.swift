/// What one programme decided for one business at one as-of instant. This is the engine's
/// output and the CLI's JSON (field names stable; money in integer pence).
public struct Decision: Codable, Hashable, Sendable {
    /// The five outcomes a programme can reach.
    public enum Outcome: String, Codable, Hashable, Sendable, CaseIterable {
        /// Open, every criterion true: the business can get `award`.
        case eligible
        /// At least one criterion false: `failed` lists every one.
        case ineligible
        /// Nothing failed but some criterion could not be decided: `missing` lists the facts to ask for.
        case needsInformation = "needs-information"
        /// The programme is not open at the as-of instant.
        case closed
        /// The programme's script failed: `error` says where and why. Other programmes are unaffected.
        case ruleError = "rule-error"
    }

    /// The programme's id (its file name without `.lua`).
    public var programme: String
    /// The outcome.
    public var outcome: Outcome
    /// The award, when eligible: integer pence, after rounding and the programme's maximum.
    public var award: Money?
    /// How the award was worked out, in the programme's words, if it says.
    public var awardExplanation: String?
    /// True when the programme's maximum cut the award down.
    public var awardCapped: Bool?
    /// Ids of every criterion that failed (ineligible).
    public var failed: [String]
    /// Paths of the facts that are missing (e.g. `premises.epcBand`), in the order first needed.
    public var missing: [String]
    /// For a rule error: `rules/FILE.lua:LINE: message`.
    public var error: String?
    /// For a rule error: where and what, as typed fields.
    public var diagnostic: RuleDiagnostic?
    /// Every criterion's result with the facts it read (only when explaining).
    public var criteria: [CriterionResult]?
    /// The facts the award read (only when explaining).
    public var awardReads: [FactRead]?
    /// The parameter values in force at the as-of instant (only when explaining).
    public var parameters: [ParameterValue]?
    /// The as-of instant, "YYYY-MM-DDTHH:MM" UK local time.
    public var asOf: String
    /// SHA-256 of the rule files that made the decision.
    public var rulesDigest: String
    /// The engine version that made the decision.
    public var engineVersion: String

    /// Creates a decision; what does not apply to its outcome defaults to absent.
    public init(programme: String, outcome: Outcome, award: Money? = nil, awardExplanation: String? = nil,
                awardCapped: Bool? = nil, failed: [String], missing: [String], error: String? = nil,
                diagnostic: RuleDiagnostic? = nil, criteria: [CriterionResult]? = nil, awardReads: [FactRead]? = nil,
                parameters: [ParameterValue]? = nil, asOf: String, rulesDigest: String, engineVersion: String) {
        self.programme = programme
        self.outcome = outcome
        self.award = award
        self.awardExplanation = awardExplanation
        self.awardCapped = awardCapped
        self.failed = failed
        self.missing = missing
        self.error = error
        self.diagnostic = diagnostic
        self.criteria = criteria
        self.awardReads = awardReads
        self.parameters = parameters
        self.asOf = asOf
        self.rulesDigest = rulesDigest
        self.engineVersion = engineVersion
    }
}

/// One criterion's result, when explaining.
public struct CriterionResult: Codable, Hashable, Sendable {
    /// The three values a criterion can take.
    public enum Outcome: String, Codable, Hashable, Sendable, CaseIterable {
        /// The test returned true.
        case pass
        /// The test returned false.
        case fail
        /// The test could not tell (it returned nil, or read an absent fact).
        case unknown
    }
    /// The criterion's id.
    public var id: String
    /// Pass, fail or unknown.
    public var outcome: Outcome
    /// The facts the test read, with their values, in the order read.
    public var reads: [FactRead]
    /// The absent facts that left it unknown.
    public var missing: [String]
}

/// A fact a test read and the value it found (nil: absent).
public struct FactRead: Codable, Hashable, Sendable {
    /// The fact's path, e.g. `address.localAuthority` or `fleet[0].fuel`.
    public var path: String
    /// The value read; nil when the fact was absent.
    public var value: PlainValue?
    /// For a dated fact, the day it was read as at.
    public var on: String?
}

/// A parameter's value at the as-of instant.
public struct ParameterValue: Codable, Hashable, Sendable {
    /// The parameter's name in the rule file.
    public var name: String
    /// Its value (nil: an effective-dated parameter with no value at that instant).
    public var value: PlainValue?
    /// Whether it is effective-dated.
    public var dated: Bool?
}

/// A plain value read back from Lua: what a fact a rule read, or a parameter, holds.
public indirect enum PlainValue: Codable, Hashable, Sendable, CustomStringConvertible {
    /// A Lua integer (money is integer pence).
    case integer(Int)
    /// A Lua float.
    case number(Double)
    /// A string.
    case string(String)
    /// A boolean.
    case boolean(Bool)
    /// A sequence.
    case list([PlainValue])
    /// A table with names.
    case table([String: PlainValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let b = try? container.decode(Bool.self) { self = .boolean(b) }
        else if let i = try? container.decode(Int.self) { self = .integer(i) }
        else if let d = try? container.decode(Double.self) { self = .number(d) }
        else if let s = try? container.decode(String.self) { self = .string(s) }
        else if let l = try? container.decode([PlainValue].self) { self = .list(l) }
        else { self = .table(try container.decode([String: PlainValue].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .integer(let i): try container.encode(i)
        case .number(let d): try container.encode(d)
        case .string(let s): try container.encode(s)
        case .boolean(let b): try container.encode(b)
        case .list(let l): try container.encode(l)
        case .table(let t): try container.encode(t)
        }
    }

    public var description: String {
        switch self {
        case .integer(let i): return String(i)
        case .number(let d): return String(d)
        case .string(let s): return "\"\(s)\""
        case .boolean(let b): return b ? "yes" : "no"
        case .list(let l): return "[" + l.map(\.description).joined(separator: ", ") + "]"
        case .table(let t): return "{" + t.keys.sorted().map { "\($0) = \(t[$0]!)" }.joined(separator: ", ") + "}"
        }
    }
}

/// A problem in a rule file, as the engine located it: the file and line where it was raised (or
/// declared), a code for the kind of problem, and the message. It crosses from Lua as these typed
/// fields; nothing parses a message for its location.
public struct RuleDiagnostic: Codable, Hashable, Sendable, CustomStringConvertible {
    /// The rule file, as messages name it (`rules/plug-in-van-grant.lua`, `rules/lib/dates.lua`).
    public var file: String
    /// The 1-based line.
    public var line: Int
    /// What kind of problem: `declaration`, `error`, `budget`, `memory`, `result`, `award`,
    /// `memory-between-businesses`, `syntax`, `file`.
    public var code: String
    /// What is wrong, and where possible what to write instead.
    public var message: String

    /// Creates a diagnostic.
    public init(file: String, line: Int, code: String, message: String) {
        self.file = file
        self.line = line
        self.code = code
        self.message = message
    }

    /// `file:line: message`.
    public var description: String { "\(file):\(line): \(message)" }
}
