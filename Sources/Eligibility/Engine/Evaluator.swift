import Foundation
import LuaBridge

/// Evaluates businesses against a rule book: (business facts, as-of) -> one `Decision` per
/// programme.
///
/// It owns one Lua state, with every rule file compiled once and the business's view made once,
/// and reuses both for every evaluation; like the state it is not `Sendable`: make one per
/// thread. A rule file that fails to load does not stop the others: its programme decides
/// `rule-error` (see `problems`).
///
/// ```swift
/// let rules = try RuleBook(directory: URL(fileURLWithPath: "rules"))
/// let evaluator = try Evaluator(rules: rules)
/// let facts = try BusinessFile.load(URL(fileURLWithPath: "examples/mersey-vans.yaml"), vocabulary: rules.vocabulary)
/// for decision in try evaluator.evaluate(facts, asOf: AsOf(parsing: "2021-06-01")) where decision.outcome == .eligible {
///     print(decision.programme, decision.award?.formatted ?? "")
/// }
/// ```
public final class Evaluator {
    /// The rule book this evaluator was built from.
    public let rules: RuleBook
    /// Rule files that did not load, each with its diagnostic.
    public let problems: [RuleProblem]
    /// The fact vocabulary businesses are typed by.
    public var vocabulary: Vocabulary { rules.vocabulary }
    private let state: LuaState
    private let runtime: LuaReference
    private let describeFunction: LuaReference
    private let probeFunction: LuaReference
    private let decider: Decider
    private let writer: FactsWriter
    /// Every loaded programme, in load order.
    private let loaded: [LoadedProgramme]

    /// Nanoseconds spent in each stage since `resetStages()` (for `make bench`): pushing the
    /// facts, and deciding (the calls into the rules and building the decisions, interleaved).
    package private(set) var stageNanoseconds = (push: UInt64(0), decide: UInt64(0))
    /// Whether `evaluate` times its stages.
    package var timesStages = false
    /// Clears `stageNanoseconds`.
    package func resetStages() { stageNanoseconds = (0, 0) }

    /// The runtime's modules, in the order they load.
    private static let modules: [(name: String, source: [UInt8])] = [
        ("instants", PackageResources.instants_lua), ("view", PackageResources.view_lua),
        ("declare", PackageResources.declare_lua), ("seal", PackageResources.seal_lua),
        ("evaluate", PackageResources.evaluate_lua), ("describe", PackageResources.describe_lua),
    ]

    /// Compiles every rule file of `rules` into a fresh sandboxed state.
    public init(rules: RuleBook, limits: LuaLimits = LuaLimits()) throws {
        self.rules = rules
        let state = try LuaState(limits: limits)
        self.state = state
        let sandbox = try Sandbox(state: state, libraryFolder: rules.libraryFolder, libraryName: rules.displayName + "/lib")
        let chunks = try Self.modules.map { try state.load(String(decoding: $0.source, as: UTF8.self), chunkName: "=" + $0.name) }
        let entry = try state.load(String(decoding: PackageResources.runtime_lua, as: UTF8.self), chunkName: "=runtime")
        let vocabulary = rules.vocabulary
        runtime = try state.call(entry, results: 1, arguments: { state in
            state.push(sandbox.api)
            try state.push(FactsWriter.recordTypes(vocabulary))
            state.push(vocabulary.file)
            try state.push(LuaValue.table([:]))
            let list = state.top
            for (i, chunk) in chunks.enumerated() { state.push(chunk); state.setItem(i + 1, ofTableAt: list) }
            state.push(sandbox.runtimeHelpers)
            state.pushFunction { state in
                let word = state.rawString(at: 1) ?? ""
                var names = [String]()
                var i = 1
                while let name = state.rawString(atIndex: i, ofTableAt: 2) { names.append(name); i += 1 }
                state.push(Suggestion.didYouMean(word, among: names))
                return 1
            }
            state.setField("suggest", ofTableAt: state.top - 1)
            return 5
        }, read: { state, index in state.reference(at: index) })
        for chunk in chunks + [entry] { state.release(chunk) }
        describeFunction = try state.field("describe", of: runtime)
        probeFunction = try state.field("probe", of: runtime)
        let define = try state.field("define", of: runtime)
        let notApplicable = try state.field("not_applicable", of: sandbox.runtimeHelpers)
        writer = try FactsWriter(state: state, vocabulary: vocabulary, runtime: runtime, notApplicable: notApplicable)
        let setBusiness = try state.field("set_business", of: runtime)
        let root = writer.root!
        try state.call(setBusiness, results: 0, arguments: { state in state.push(root.proxy); return 1 }, read: { _, _ in () })

        var problems = rules.unreadable
        for file in rules.files {
            let line = file.programmeLine
            do {
                let chunk = try sandbox.load(file.source, chunkName: "@" + file.displayName)
                let diagnostic = try state.call(define, results: 1, arguments: { state in
                    state.push(chunk)
                    state.push(file.displayName)
                    state.push(file.stem)
                    state.push(line)
                    return 4
                }, read: { state, index in try state.decode(RuleDiagnostic?.self, at: index) })
                if let diagnostic { problems.append(RuleProblem(programme: file.stem, diagnostic: diagnostic)) }
            } catch let error as LuaError {
                problems.append(RuleProblem(programme: file.stem, diagnostic: Evaluator.diagnostic(error, file: file.displayName, line: line)))
            }
        }
        self.problems = problems
        let catalogue = try state.field("catalogue", of: runtime)
        loaded = try state.call(catalogue, results: 1, read: { state, index in try LoadedProgramme.catalogue(at: index, state: state) })
        decider = Decider(state: state, runtime: Decider.Runtime(
            makePlan: try state.field("plan", of: runtime), failure: try state.field("failure", of: runtime),
            parameters: try state.field("parameters", of: runtime), reached: try state.field("reached", of: runtime),
            clean: try state.field("clean", of: runtime), setTraced: try state.field("set_traced", of: runtime),
            calls: try state.field("calls", of: runtime), note: try state.field("note", of: runtime),
            business: root.proxy), programmes: loaded, digest: rules.digest)
    }

    /// A load error as a diagnostic. A syntax error's location is the compiler's, for the chunk
    /// this evaluator named; anything else is reported at the programme's line.
    private static func diagnostic(_ error: LuaError, file: String, line: Int) -> RuleDiagnostic {
        if case .syntax(let message) = error, message.hasPrefix(file + ":") {
            let rest = message.dropFirst(file.count + 1)
            if let colon = rest.firstIndex(of: ":"), let number = Int(rest[..<colon]) {
                return RuleDiagnostic(file: file, line: number, code: "syntax", message: String(rest[rest.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
            }
        }
        return RuleDiagnostic(file: file, line: line, code: error.isSyntax ? "syntax" : "error", message: error.description)
    }

    // MARK: - Evaluating

    /// Evaluates one business. `programmes` limits the evaluation to those ids; `explain`
    /// records every criterion's result, the facts it read and the parameters in force (slower:
    /// for `check` and `explain`, not batch work).
    public func evaluate(_ facts: BusinessFacts, asOf: AsOf, programmes: Set<String>? = nil,
                         explain: Bool = false) throws -> [Decision] {
        // Facts typed by another vocabulary (another rule book's) are read again with this one's.
        let facts = facts.vocabulary === vocabulary ? facts
            : try BusinessFile.read(facts.document, fileName: "business", vocabulary: vocabulary)
        let instant = asOf.luaString
        let timing = timesStages
        let t0 = timing ? Evaluator.now() : 0
        try writer.write(facts.record)
        let t1 = timing ? Evaluator.now() : 0
        var decisions = try decider.decide(at: instant, only: programmes, explain: explain)
        for problem in problems where programmes?.contains(problem.programme) ?? true {
            decisions.append(Decision(programme: problem.programme, outcome: .ruleError, failed: [], missing: [],
                                      error: problem.message, diagnostic: problem.diagnostic, asOf: instant,
                                      rulesDigest: rules.digest, engineVersion: EngineVersion.current))
        }
        if timing {
            stageNanoseconds.push &+= t1 - t0
            stageNanoseconds.decide &+= Evaluator.now() - t1
        }
        return decisions
    }

    /// Evaluates a business given as the typed Swift model (converted with this rule book's
    /// vocabulary); `proposal`, when given, replaces the business's own.
    public func evaluate(_ business: Business, proposal: Proposal? = nil, asOf: AsOf,
                         programmes: Set<String>? = nil, explain: Bool = false) throws -> [Decision] {
        var business = business
        if let proposal { business.proposal = proposal }
        return try evaluate(BusinessFacts(business, vocabulary: vocabulary), asOf: asOf, programmes: programmes, explain: explain)
    }

    /// A monotonic clock in nanoseconds.
    static func now() -> UInt64 {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
    }

    // MARK: - Describing

    /// The ids of the programmes that loaded, in load order (rule files sorted by name).
    public var programmeIDs: [String] { loaded.map(\.id) }

    /// What the rule book declares about each programme, with its texts and parameters as at
    /// `asOf` (its opening, when nil) and whether it is open then.
    public func programmes(asOf: AsOf? = nil) throws -> [ProgrammeInfo] {
        try state.call(describeFunction, results: 1, arguments: { state in
            if let asOf { state.push(asOf.luaString) } else { state.pushNil() }
            return 1
        }, read: { state, index in try ProgrammeInfo.list(at: index, state: state) })
    }
}

extension Evaluator {
    /// What one probe run found (for `Linter`): the errors the programme's tests and award raised,
    /// and the parameters they read.
    public struct ProbeReport: Decodable, Sendable {
        /// One error: the criterion id (or "award"), where it was raised, and the message.
        public struct Failure: Decodable, Hashable, Sendable {
            public var id: String
            public var file: String
            public var line: Int
            public var message: String
        }
        /// The errors, in criterion order.
        public var errors: [Failure]
        /// Names of the declared parameters read.
        public var used: [String]
    }

    /// Runs every criterion test and the award of `programme` against `facts` (typically a
    /// probe with every fact filled in), each whatever the others return, and reports the errors
    /// and the parameters read. Nil for an unknown programme.
    public func probe(programme: String, facts: BusinessFacts, asOf: AsOf) throws -> ProbeReport? {
        try writer.write(facts.record)
        return try state.call(probeFunction, results: 1, arguments: { state in
            state.push(programme)
            state.push(asOf.luaString)
            return 2
        }, read: { state, index in try state.decode(ProbeReport?.self, at: index) })
    }
}
