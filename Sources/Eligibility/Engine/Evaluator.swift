import Foundation
import LuaBridge

/// Evaluates businesses against a rule book: (business, proposal?, as-of) -> one `Decision` per
/// programme.
///
/// It owns one Lua state, with every rule file compiled once, and reuses it for every
/// evaluation; like the state it is not `Sendable`: make one per thread. A rule file that fails
/// to load does not stop the others: its programme decides `rule-error` (see `problems`).
///
/// ```swift
/// let evaluator = try Evaluator(rules: RuleBook(directory: URL(fileURLWithPath: "rules")))
/// let decisions = try evaluator.evaluate(business, asOf: AsOf(parsing: "2021-06-01"))
/// for decision in decisions where decision.outcome == .eligible {
///     print(decision.programme, decision.award!.formatted)
/// }
/// ```
public final class Evaluator {
    /// The rule book this evaluator was built from.
    public let rules: RuleBook
    /// Rule files that did not load, with `file:line: message`.
    public let problems: [RuleProblem]
    private let state: LuaState
    private let sandbox: Sandbox
    private let evaluateFunction: LuaReference
    private let describeFunction: LuaReference
    private let probeFunction: LuaReference

    /// Compiles every rule file of `rules` into a fresh sandboxed state.
    public init(rules: RuleBook, limits: LuaLimits = LuaLimits()) throws {
        self.rules = rules
        state = try LuaState(limits: limits)
        sandbox = try Sandbox(state: state, libraryFolder: rules.libraryFolder, libraryName: rules.displayName + "/lib")
        let runtimeSource = String(decoding: PackageResources.runtime_lua, as: UTF8.self)
        let runtimeChunk = try state.load(runtimeSource, chunkName: "=runtime")
        let schema = FactSchema.luaShapes
        let functions = try state.call(runtimeChunk, results: 1, budgeted: false, arguments: { [sandbox] state in
            state.push(sandbox.api)
            try state.push(schema)
            return 2
        }, read: { state, index in
            try ["define", "evaluate", "describe", "probe"].map { try state.field($0, ofTableAt: index) }
        })
        evaluateFunction = functions[1]
        describeFunction = functions[2]
        probeFunction = functions[3]

        var problems = rules.unreadable
        for file in rules.files {
            do {
                let chunk = try sandbox.load(file.source, chunkName: "@" + file.displayName)
                try state.call(functions[0], results: 1, budgeted: false, arguments: { state in
                    state.push(chunk)
                    state.push(file.displayName)
                    state.push(file.source)
                    return 3
                }, read: { _, _ in () })
            } catch let error as LuaError {
                problems.append(RuleProblem(programme: file.stem, message: Evaluator.located(error, in: file.displayName)))
            }
        }
        self.problems = problems
    }

    /// How `evaluate` pushes the business into Lua: the fast path (presized tables, interned
    /// keys; the default) or the general `Codable` path. Both build the same table; the choice
    /// exists so tests can check that and benchmarks can compare them.
    public enum BusinessPush: Sendable { case fast, codable }
    /// The push path `evaluate` uses (default `.fast`).
    public var businessPush: BusinessPush = .fast
    /// When true, `evaluate` adds the time it spends crossing the bridge (pushing the business,
    /// reading the decisions back) to `bridgeNanoseconds`; for benchmarks.
    public var measuresBridge = false
    /// Nanoseconds spent crossing the bridge while `measuresBridge` was on.
    public private(set) var bridgeNanoseconds: UInt64 = 0
    /// The last `programmes` filter, kept in the state so a batch does not rebuild it per row.
    private var onlyCache: (ids: Set<String>, table: LuaReference)?

    /// Evaluates one business. `proposal`, when given, replaces the business's own; `programmes`
    /// limits the evaluation to those ids; `explain` records every criterion's result, the facts
    /// it read and the parameters in force (slower: for `check` and `explain`, not batch work).
    public func evaluate(_ business: Business, proposal: Proposal? = nil, asOf: AsOf,
                         programmes: Set<String>? = nil, explain: Bool = false) throws -> [Decision] {
        var business = business
        if let proposal { business.proposal = proposal }
        let instant = asOf.luaString
        let only = try onlyTable(programmes)
        let measuring = measuresBridge
        var pushEnd: UInt64 = 0
        let start = measuring ? Evaluator.now() : 0
        let fast = businessPush == .fast
        var decisions = try state.call(evaluateFunction, results: 1, budgeted: false, arguments: { state in
            if fast {
                try state.push(business, keys: Business.luaKeys)
            } else {
                try state.push(encoding: business)
            }
            state.push(instant)
            state.push(explain)
            if let only { state.push(only) } else { state.pushNil() }
            if measuring { pushEnd = Evaluator.now() }
            return 4
        }, read: { state, index in
            let readStart = measuring ? Evaluator.now() : 0
            defer { if measuring { self.bridgeNanoseconds &+= (pushEnd - start) + (Evaluator.now() - readStart) } }
            if explain {
                let raw = try state.decode([RawDecision].self, at: index)
                return raw.map { $0.decision(asOf: instant, digest: rules.digest) }
            }
            return try Evaluator.readDecisions(state: state, at: index, asOf: instant, digest: rules.digest)
        })
        for problem in problems where programmes?.contains(problem.programme) ?? true {
            decisions.append(Decision(programme: problem.programme, outcome: .ruleError, failed: [], missing: [],
                                      error: problem.message, asOf: instant, rulesDigest: rules.digest,
                                      engineVersion: EngineVersion.current))
        }
        return decisions
    }

    /// The `only` set as a Lua table reference, rebuilt only when the set changes.
    private func onlyTable(_ programmes: Set<String>?) throws -> LuaReference? {
        guard let programmes else { return nil }
        if let cached = onlyCache, cached.ids == programmes { return cached.table }
        if let cached = onlyCache { state.release(cached.table) }
        try state.push(LuaValue.table(Dictionary(uniqueKeysWithValues: programmes.map { (LuaValue.string($0), LuaValue.boolean(true)) })))
        let reference = state.popReference()
        onlyCache = (programmes, reference)
        return reference
    }

    /// Reads the runtime's decision list with raw accessors and interned keys (the fast path;
    /// the `Codable` decoder is used only when explaining). Anything unexpected falls back to
    /// the decoder, so both read the same thing.
    private static func readDecisions(state: LuaState, at index: Int32, asOf: String, digest: String) throws -> [Decision] {
        typealias K = DecisionKeys
        let fast: [Decision]? = try state.read(at: index, keys: K.table) { r, list in
            let n = r.count(list)
            var out = [Decision]()
            out.reserveCapacity(n + 1)
            for i in 1...max(n, 1) where n > 0 {
                let mark = r.mark
                defer { r.pop(to: mark) }
                guard let d = r.element(i, of: list), let programme = r.string(K.programme, of: d) else { return nil }
                let outcome: Decision.Outcome
                if r.stringField(K.outcome, of: d, equals: "ineligible") { outcome = .ineligible }
                else if r.stringField(K.outcome, of: d, equals: "eligible") { outcome = .eligible }
                else if r.stringField(K.outcome, of: d, equals: "needs-information") { outcome = .needsInformation }
                else if r.stringField(K.outcome, of: d, equals: "closed") { outcome = .closed }
                else if r.stringField(K.outcome, of: d, equals: "rule-error") { outcome = .ruleError }
                else { return nil }
                out.append(Decision(
                    programme: programme, outcome: outcome, award: r.integer(K.award, of: d).map { Money(pence: $0) },
                    awardExplanation: r.string(K.awardExplanation, of: d), awardCapped: r.boolean(K.awardCapped, of: d),
                    failed: r.strings(K.failed, of: d) ?? [], missing: r.strings(K.missing, of: d) ?? [],
                    error: r.string(K.error, of: d), criteria: nil, awardReads: nil, parameters: nil,
                    asOf: asOf, rulesDigest: digest, engineVersion: EngineVersion.current))
            }
            return out
        }
        if let fast { return fast }
        return try state.decode([RawDecision].self, at: index).map { $0.decision(asOf: asOf, digest: digest) }
    }

    /// A monotonic clock in nanoseconds.
    static func now() -> UInt64 {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
    }

    /// What the rule book declares about each programme, with its parameters and whether it is
    /// open at `asOf` (when given).
    public func programmes(asOf: AsOf? = nil) throws -> [ProgrammeInfo] {
        try state.call(describeFunction, results: 1, budgeted: false, arguments: { state in
            if let asOf { state.push(asOf.luaString) } else { state.pushNil() }
            return 1
        }, read: { state, index in try state.decode([ProgrammeInfo].self, at: index) })
    }

    /// A load error as `file:line: message`, whatever Lua said.
    private static func located(_ error: LuaError, in file: String) -> String {
        let text = error.description
        return LuaError.location(in: text) != nil ? text : "\(file):1: \(text)"
    }
}

extension Evaluator {
    /// What one probe run found (for `Linter`): the errors the programme's tests and award raised,
    /// and the parameters they read.
    public struct ProbeReport: Decodable, Sendable {
        /// One error: the criterion id (or "award"), the line of its function, and the message.
        public struct Failure: Decodable, Hashable, Sendable {
            public var id: String
            public var line: Int
            public var message: String
        }
        public var errors: [Failure]
        /// Names of the declared parameters read.
        public var used: [String]
    }

    /// Runs every criterion test and the award of `programme` against `business` (a table built
    /// from `FactSchema`, typically a probe with every fact filled in), each whatever the others
    /// return, and reports the errors and the parameters read. Nil for an unknown programme.
    public func probe(programme: String, business: LuaValue, asOf: AsOf) throws -> ProbeReport? {
        try state.call(probeFunction, results: 1, budgeted: false, arguments: { state in
            state.push(programme)
            try state.push(business)
            state.push(asOf.luaString)
            return 3
        }, read: { state, index in try state.decode(ProbeReport?.self, at: index) })
    }
}

/// The interned keys of a decision table.
enum DecisionKeys {
    static let table = LuaKeyTable(["programme", "outcome", "award", "awardExplanation", "awardCapped", "failed", "missing", "error"])
    static let programme = table["programme"], outcome = table["outcome"], award = table["award"]
    static let awardExplanation = table["awardExplanation"], awardCapped = table["awardCapped"]
    static let failed = table["failed"], missing = table["missing"], error = table["error"]
}

/// A decision as the Lua runtime returns it.
private struct RawDecision: Decodable {
    var programme: String
    var outcome: Decision.Outcome
    var award: Int?
    var awardExplanation: String?
    var awardCapped: Bool?
    var failed: [String]?
    var missing: [String]?
    var error: String?
    var criteria: [CriterionResult]?
    var awardReads: [FactRead]?
    var parameters: [ParameterValue]?

    func decision(asOf: String, digest: String) -> Decision {
        Decision(programme: programme, outcome: outcome, award: award.map { Money(pence: $0) },
                 awardExplanation: awardExplanation, awardCapped: awardCapped, failed: failed ?? [],
                 missing: missing ?? [], error: error, criteria: criteria, awardReads: awardReads,
                 parameters: parameters, asOf: asOf, rulesDigest: digest, engineVersion: EngineVersion.current)
    }
}

extension FactSchema {
    /// The schema as the Lua runtime wants it: node -> key -> true (a leaf),
    /// `{ node = "Address" }` or `{ list = "Vehicle" | true }`.
    static let luaShapes: LuaValue = .table(Dictionary(uniqueKeysWithValues: nodes.map { node, fields in
        (LuaValue.string(node), LuaValue.table(Dictionary(uniqueKeysWithValues: fields.map { field in
            (LuaValue.string(field.name), shape(of: field.type))
        })))
    }))

    private static func shape(of type: FactType) -> LuaValue {
        switch type {
        case .node(let name): return .table([.string("node"): .string(name)])
        case .list(.node(let name)): return .table([.string("list"): .string(name)])
        case .list: return .table([.string("list"): .boolean(true)])
        default: return .boolean(true)
        }
    }
}
