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
            try ["define", "evaluate", "describe"].map { try state.field($0, ofTableAt: index) }
        })
        evaluateFunction = functions[1]
        describeFunction = functions[2]

        var problems = [RuleProblem]()
        for file in rules.files {
            do {
                let chunk = try sandbox.load(file.source, chunkName: "@" + file.displayName)
                try state.call(functions[0], results: 1, budgeted: false, arguments: { state in
                    state.push(chunk)
                    state.push(file.displayName)
                    return 2
                }, read: { _, _ in () })
            } catch let error as LuaError {
                problems.append(RuleProblem(programme: file.stem, message: Evaluator.located(error, in: file.displayName)))
            }
        }
        self.problems = problems
    }

    /// Evaluates one business. `proposal`, when given, replaces the business's own; `programmes`
    /// limits the evaluation to those ids; `explain` records every criterion's result, the facts
    /// it read and the parameters in force (slower: for `check` and `explain`, not batch work).
    public func evaluate(_ business: Business, proposal: Proposal? = nil, asOf: AsOf,
                         programmes: Set<String>? = nil, explain: Bool = false) throws -> [Decision] {
        var business = business
        if let proposal { business.proposal = proposal }
        let instant = asOf.luaString
        let raw = try state.call(evaluateFunction, results: 1, budgeted: false, arguments: { state in
            try state.push(encoding: business)
            state.push(instant)
            state.push(explain)
            if let programmes {
                try state.push(LuaValue.table(Dictionary(uniqueKeysWithValues: programmes.map { (LuaValue.string($0), LuaValue.boolean(true)) })))
            } else {
                state.pushNil()
            }
            return 4
        }, read: { state, index in try state.decode([RawDecision].self, at: index) })
        var decisions = raw.map { $0.decision(asOf: instant, digest: rules.digest) }
        for problem in problems where programmes?.contains(problem.programme) ?? true {
            decisions.append(Decision(programme: problem.programme, outcome: .ruleError, failed: [], missing: [],
                                      error: problem.message, asOf: instant, rulesDigest: rules.digest,
                                      engineVersion: EngineVersion.current))
        }
        return decisions
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
