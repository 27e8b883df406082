import LuaBridge

/// Decides the business in the view, programme by programme, the way a bare C host would: each
/// criterion's test and each award is one guarded call made from here, straight to the rule
/// file's function, so a test that stops on a missing fact ends only that call. Results are
/// built into `Decision`s as they come: outcome codes, criterion numbers and fact paths never
/// travel through Lua tables. What is fixed for an instant (which programmes are open, their
/// parameters, a discretionary award's text, the closed programmes' decisions) is planned once.
final class Decider {
    private let state: LuaState
    private let runtime: Runtime
    private let programmes: [LoadedProgramme]
    private let digest: String
    private let paths = LuaStringCache()
    private var plan: Plan?
    private var traced = false
    private var changedCells = [Int64]()

    /// The runtime functions and tables the decider uses.
    struct Runtime {
        let makePlan, failure, parameters, reached, clean, setTraced: LuaReference
        /// Every programme's `calls` table (tests by criterion number, [0] the award), by number.
        let calls: LuaReference
        /// The view's note of what the running test read and lacked.
        let note: LuaReference
        /// The business proxy rules read.
        let business: LuaReference
    }

    /// What is fixed while the instant and selection stay the same.
    private struct Plan {
        let instant: String
        let only: Set<String>?
        /// The plan table: params, texts and cells by position (see evaluate.plan).
        let table: LuaReference
        /// The programmes decided, in order (indices into `programmes`).
        let chosen: [Int]
        /// The decision of each closed position; nil for open ones.
        let closed: [Decision?]
        /// Discretionary awards' texts by position.
        let texts: [Int: String]
        /// How many shared variables the open programmes reach.
        let cells: Int
        /// Parameters listed for explanations, by position (made when first explained).
        var parameters: [Int: [ParameterValue]] = [:]
    }

    static let keys = LuaKeyTable(["params", "texts", "cells", "cell_numbers", "n_cells", "open", "numbers",
                                   "n", "paths", "reads", "seen", "path", "value", "on",
                                   "file", "line", "code", "message"])
    private static let params = keys["params"], texts = keys["texts"], cells = keys["cells"],
                        cellNumbers = keys["cell_numbers"], cellCount = keys["n_cells"], open = keys["open"],
                        numbers = keys["numbers"], noted = keys["n"], notedPaths = keys["paths"],
                        reads = keys["reads"], seen = keys["seen"], path = keys["path"], value = keys["value"],
                        on = keys["on"], file = keys["file"], line = keys["line"], code = keys["code"],
                        message = keys["message"]

    init(state: LuaState, runtime: Runtime, programmes: [LoadedProgramme], digest: String) {
        self.state = state
        self.runtime = runtime
        self.programmes = programmes
        self.digest = digest
    }

    // MARK: - Planning

    /// Makes the plan for `instant` and the programmes `only` (nil: all).
    private func plan(for instant: String, only: Set<String>?) throws -> Plan {
        if let plan, plan.instant == instant, plan.only == only { return plan }
        if let old = plan { state.release(old.table) }
        let table = try state.call(runtime.makePlan, results: 1, arguments: { state in
            state.push(instant)
            if let only {
                try state.push(LuaValue.table(Dictionary(uniqueKeysWithValues: only.map { (LuaValue.string($0), LuaValue.boolean(true)) })))
            } else {
                state.pushNil()
            }
            return 2
        }, read: { state, index in state.reference(at: index) })
        let made = try state.read(keys: Self.keys) { r -> Plan in
            let plan = r.push(table)
            var chosen = [Int]()
            if let numbers = r.table(Self.numbers, of: plan) {
                for i in 0..<r.count(numbers) { chosen.append((r.integer(at: i + 1, of: numbers) ?? 1) - 1) }
            }
            var isOpen = [Bool](repeating: false, count: chosen.count)
            if let open = r.table(Self.open, of: plan) {
                for i in 0..<r.count(open) {
                    if let position = r.integer(at: i + 1, of: open), position >= 1, position <= chosen.count { isOpen[position - 1] = true }
                }
            }
            var texts = [Int: String]()
            if let list = r.table(Self.texts, of: plan) {
                for position in chosen.indices { if let text = r.string(at: position + 1, of: list) { texts[position] = text } }
            }
            let closed = chosen.indices.map { position -> Decision? in
                isOpen[position] ? nil : Decision(programme: programmes[chosen[position]].id, outcome: .closed, failed: [],
                                                  missing: [], asOf: instant, rulesDigest: digest, engineVersion: EngineVersion.current)
            }
            return Plan(instant: instant, only: only, table: table, chosen: chosen, closed: closed, texts: texts,
                        cells: r.integer(Self.cellCount, of: plan) ?? 0)
        }
        plan = made
        return made
    }

    // MARK: - Deciding

    /// Decides the selected programmes (all when `only` is nil) at `instant` for the business in
    /// the view; with `explain`, each decision carries its criteria's results, the facts they
    /// read and the parameters in force.
    func decide(at instant: String, only: Set<String>?, explain: Bool) throws -> [Decision] {
        if explain != traced {
            try state.call(runtime.setTraced, results: 0, arguments: { state in state.push(explain); return 1 }, read: { _, _ in () })
            traced = explain
        }
        var plan = try self.plan(for: instant, only: only)
        var decisions = [Decision]()
        decisions.reserveCapacity(plan.chosen.count)
        try state.run(keys: Self.keys) { c in
            let r = c.reader
            let planTable = r.push(plan.table)
            let params = r.table(Self.params, of: planTable) ?? planTable
            let calls = r.push(runtime.calls)
            let note = r.push(runtime.note)
            let business = r.push(runtime.business)
            let notePaths = r.table(Self.notedPaths, of: note) ?? note
            let frame = Frame(caller: c, params: params, calls: calls, note: note, notePaths: notePaths, business: business)
            for position in plan.chosen.indices {
                if var closed = plan.closed[position] {
                    if explain { closed.criteria = [] }
                    decisions.append(closed)
                    continue
                }
                var run = ProgrammeRun(decider: self, frame: frame, position: position,
                                       programme: programmes[plan.chosen[position]], number: plan.chosen[position] + 1,
                                       explain: explain)
                decisions.append(try run.decide(instant: instant, text: plan.texts[position]))
            }
            if plan.cells > 0, let list = r.table(Self.cells, of: planTable) {
                let changed = c.restoreCells(list: list, count: plan.cells, into: &changedCells)
                if !changed.isEmpty { try reportChanged(changed, caller: c, plan: planTable, decisions: &decisions, chosen: plan.chosen) }
            }
        }
        if explain {
            for position in plan.chosen.indices where plan.closed[position] == nil {
                decisions[position].parameters = try parameters(&plan, position: position)
            }
            self.plan = plan
        }
        return decisions
    }

    /// The parameters of the programme at `position` as listed when explaining (made once per plan).
    private func parameters(_ plan: inout Plan, position: Int) throws -> [ParameterValue] {
        if let known = plan.parameters[position] { return known }
        let number = plan.chosen[position] + 1
        let instant = plan.instant
        let listing = try state.call(runtime.parameters, results: 1, arguments: { state in
            state.push(number)
            state.push(instant)
            return 2
        }, read: { state, index in try state.decode([ParameterValue].self, at: index) })
        plan.parameters[position] = listing
        return listing
    }

    /// A rule changed a variable kept between businesses: every programme that reaches it
    /// decides rule-error (the variable has already been put back).
    private func reportChanged(_ changed: ArraySlice<Int64>, caller c: LuaCaller, plan: Int32,
                               decisions: inout [Decision], chosen: [Int]) throws {
        let r = c.reader
        let mark = r.mark
        defer { r.pop(to: mark) }
        guard c.reserve(changed.count + 4) else { return }
        r.push(runtime.reached)
        guard r.table(Self.cellNumbers, of: plan) != nil else { return }
        for position in changed { c.pushInteger(Int(position)) }
        guard c.callTrusted(arguments: Int32(changed.count) + 1, results: 1) == .returned else { return }
        let names = try state.decode([String: String].self, at: -1)
        for (k, index) in chosen.enumerated() where k < decisions.count {
            let programme = programmes[index]
            guard let name = names[programme.id] else { continue }
            let diagnostic = RuleDiagnostic(file: programme.file, line: programme.line, code: "memory-between-businesses",
                message: "the rule changed '\(name)', a value kept from one business to the next; rules must not remember "
                    + "anything between businesses (make it a local inside the function)")
            decisions[k] = Decision(programme: programme.id, outcome: .ruleError, failed: [], missing: [],
                                    error: diagnostic.description, diagnostic: diagnostic, asOf: decisions[k].asOf,
                                    rulesDigest: digest, engineVersion: EngineVersion.current)
        }
    }

    /// Stack positions shared by every programme of one business.
    struct Frame {
        let caller: LuaCaller
        let params, calls, note, notePaths, business: Int32
    }

    /// Deciding one programme: its criteria before the award, the award, the criteria after it.
    private struct ProgrammeRun {
        let decider: Decider
        let frame: Frame
        let position: Int
        let programme: LoadedProgramme
        let number: Int
        let explain: Bool
        var failed = [String]()
        var missing = [String]()
        var unknown = false
        var failure: RuleDiagnostic?
        var rows = [CriterionResult]()
        var awardReads: [FactRead]?

        init(decider: Decider, frame: Frame, position: Int, programme: LoadedProgramme, number: Int, explain: Bool) {
            self.decider = decider
            self.frame = frame
            self.position = position
            self.programme = programme
            self.number = number
            self.explain = explain
        }

        private var c: LuaCaller { frame.caller }

        mutating func decide(instant: String, text: String?) throws -> Decision {
            let r = c.reader
            let mark = r.mark
            defer { r.pop(to: mark) }
            c.nextProgramme()
            if noted() > 0 { c.setInteger(0, Decider.noted, of: frame.note) }
            c.pushItem(number, of: frame.calls)
            let calls = r.mark
            c.pushItem(position + 1, of: frame.params)
            let params = r.mark
            var award: Money?, capped: Bool?, explanation: String?
            try runCriteria(programme.before, calls: calls, params: params, award: nil)
            if settled {
                if programme.discretionary {
                    explanation = text
                } else {
                    let worked = try workOutAward(calls: calls, params: params)
                    award = worked.pence.map(Money.init(pence:))
                    capped = worked.capped ? true : nil
                    explanation = worked.explanation
                }
                if settled, !programme.after.isEmpty {
                    try runCriteria(programme.after, calls: calls, params: params, award: award?.pence ?? programme.maximum)
                }
            }
            let outcome: Decision.Outcome = failure != nil ? .ruleError
                : !failed.isEmpty ? .ineligible : unknown ? .needsInformation : .eligible
            let eligible = outcome == .eligible, undecided = outcome == .ineligible || outcome == .needsInformation
            let decision = Decision(
                programme: programme.id, outcome: outcome, award: eligible ? award : nil,
                awardExplanation: eligible ? explanation : nil, awardCapped: eligible ? capped : nil,
                failed: undecided ? failed : [], missing: undecided ? missing : [],
                error: failure?.description, diagnostic: failure, criteria: explain ? rows : nil,
                awardReads: explain && eligible ? awardReads : nil,
                asOf: instant, rulesDigest: decider.digest, engineVersion: EngineVersion.current)
            return decision
        }

        /// Whether nothing has decided the programme yet (no failure, unknown or rule error).
        private var settled: Bool { failure == nil && failed.isEmpty && !unknown }

        /// How many missing facts the running test has noted.
        private func noted() -> Int { c.reader.integer(Decider.noted, of: frame.note) ?? 0 }

        /// Runs criteria `numbers` in order; each is one guarded call.
        private mutating func runCriteria(_ numbers: [Int], calls: Int32, params: Int32, award: Int?) throws {
            let r = c.reader
            for number in numbers {
                if explain { beginReads() }
                c.pushItem(number, of: calls)
                c.pushValue(at: frame.business)
                c.pushValue(at: params)
                if let award { c.pushInteger(award) } else { c.pushNil() }
                let status = c.call(arguments: 3, results: 1)
                let top = r.mark
                if status == .returned {
                    let kind = c.kind(at: top)
                    let truth = c.isTrue(at: top)
                    let name = kind == .nil || kind == .boolean ? "" : c.typeName(at: top)
                    r.pop(to: top - 1)
                    // A missing fact raises (scripts cannot catch it), so only "cannot tell"
                    // (nil) can leave facts noted.
                    if truth {
                        record(number, .pass, noted: 0)
                    } else if kind == .boolean {
                        record(number, .fail, noted: 0)
                        failed.append(programme.criteria[number - 1])
                    } else if kind == .nil {
                        record(number, .unknown, noted: noted())
                        unknown = true
                    } else {
                        failure = RuleDiagnostic(file: programme.file, line: programme.criterionLines[number - 1], code: "result",
                            message: "criterion \"\(programme.criteria[number - 1])\" returned a \(name); a test must return true, false, or nil when it cannot tell")
                        return
                    }
                    continue
                }
                switch c.sentinel(at: top) {
                case .missing:
                    r.pop(to: top - 1)
                    record(number, .unknown, noted: noted())
                    unknown = true
                case .notApplicable:
                    r.pop(to: top - 1)
                    record(number, .fail, noted: noted())
                    failed.append(programme.criteria[number - 1])
                case nil:
                    if let diagnostic = try failed(status, criterion: number) {
                        failure = diagnostic
                        return
                    }
                    record(number, .unknown, noted: noted())
                    unknown = true
                }
            }
        }

        /// Notes a criterion's result: its missing facts join the programme's (an unknown result),
        /// the note is cleared, and when explaining its row is kept.
        private mutating func record(_ number: Int, _ outcome: CriterionResult.Outcome, noted count: Int) {
            var own = [String]()
            if count > 0 {
                for i in 1...count {
                    guard let path = c.reader.string(at: i, of: frame.notePaths, cache: decider.paths) else { continue }
                    if outcome == .unknown {
                        if !missing.contains(path) { missing.append(path) }
                        if explain { own.append(path) }
                    }
                }
                c.setInteger(0, Decider.noted, of: frame.note)
            }
            if explain {
                rows.append(CriterionResult(id: programme.criteria[number - 1], outcome: outcome, reads: readsNoted(), missing: own))
            }
        }

        /// A failed call's error, on top of the stack (popped here): nil when the test stopped on
        /// a missing fact, else the diagnostic. `criterion` 0 is the award.
        private func failed(_ status: LuaCallStatus, criterion: Int) throws -> RuleDiagnostic? {
            let r = c.reader
            let error = r.mark
            let location = c.errorLocation
            defer { r.pop(to: error - 1) }
            r.push(decider.runtime.failure)
            c.pushInteger(number)
            c.pushInteger(criterion)
            c.pushValue(at: error)
            decider.state.push(status.kind)
            if let location {
                decider.state.push(location.file)
                c.pushInteger(location.line)
            } else {
                c.pushNil()
                c.pushNil()
            }
            guard c.callTrusted(arguments: 6, results: 1) == .returned else {
                return RuleDiagnostic(file: programme.file, line: programme.line, code: "error",
                                      message: decider.state.rawString(at: -1) ?? "the rule script failed")
            }
            let result = r.mark
            if c.kind(at: result) != .table { return nil }
            return RuleDiagnostic(file: r.string(Decider.file, of: result) ?? programme.file,
                                  line: r.integer(Decider.line, of: result) ?? programme.line,
                                  code: r.string(Decider.code, of: result) ?? "error",
                                  message: r.string(Decider.message, of: result) ?? "the rule script failed")
        }

        /// Works out the award: one guarded call of the amount function, then rounding and the maximum.
        private mutating func workOutAward(calls: Int32, params: Int32) throws -> (pence: Int?, capped: Bool, explanation: String?) {
            let r = c.reader
            if explain { beginReads() }
            c.pushItem(0, of: calls)
            c.pushValue(at: frame.business)
            c.pushValue(at: params)
            let status = c.call(arguments: 2, results: 2)
            if status != .returned {
                let top = r.mark
                if c.sentinel(at: top) == .missing {
                    r.pop(to: top - 1)
                    unknownAward()
                } else if let diagnostic = try failed(status, criterion: 0) {
                    failure = diagnostic
                } else {
                    unknownAward()
                }
                return (nil, false, nil)
            }
            let said = r.mark, amount = said - 1
            defer { r.pop(to: amount - 1) }
            if noted() > 0 {
                unknownAward()
                return (nil, false, nil)
            }
            switch settle(amount: amount) {
            case .failure(let problem):
                failure = RuleDiagnostic(file: programme.file, line: programme.awardLine, code: "award", message: problem)
                return (nil, false, nil)
            case .pence(let pence, let capped):
                if explain { awardReads = readsNoted() }
                return (pence, capped, try explanation(at: said))
            }
        }

        /// The award stopped on a missing fact: its facts join the programme's missing ones.
        private mutating func unknownAward() {
            let count = noted()
            unknown = true
            if count > 0 {
                for i in 1...count {
                    if let path = c.reader.string(at: i, of: frame.notePaths, cache: decider.paths), !missing.contains(path) { missing.append(path) }
                }
                c.setInteger(0, Decider.noted, of: frame.note)
            }
        }

        private enum Settled { case pence(Int, capped: Bool), failure(String) }

        /// The amount at `index` in whole pence after the programme's rounding and maximum.
        private func settle(amount index: Int32) -> Settled {
            let maximum = programme.maximum
            if let whole = c.exactInteger(at: index) {
                if whole < 0 { return .failure("the award came out negative (\(whole) pence)") }
                if whole > maximum { return .pence(maximum, capped: true) }
                let pence = switch programme.rounding {
                case .downToPound: whole - whole % 100
                case .nearestPound: (whole + 50) - (whole + 50) % 100
                case .none: whole
                }
                return pence > maximum ? .pence(maximum, capped: true) : .pence(pence, capped: false)
            }
            guard let value = c.number(at: index) else {
                return .failure("the award must be a number of pence, got \(c.typeName(at: index))")
            }
            guard value.isFinite else { return .failure("the award must be a finite number of pence") }
            if value < 0 { return .failure("the award came out negative (\(c.numberText(at: index)) pence)") }
            if value > Double(maximum) { return .pence(maximum, capped: true) }
            let rounded: Double = switch programme.rounding {
            case .downToPound: (value / 100).rounded(.down) * 100
            case .nearestPound: ((value + 50) / 100).rounded(.down) * 100
            case .none: value
            }
            guard rounded == rounded.rounded(.towardZero), let pence = Int(exactly: rounded) else {
                return .failure("the award \(c.numberText(at: index)) is not a whole number of pence; declare rounding = \"down-to-pound\" or round it")
            }
            return pence > maximum ? .pence(maximum, capped: true) : .pence(pence, capped: false)
        }

        /// The explanation an award function returned at `index`: valid UTF-8 of at most 2,000
        /// bytes as it is; anything else is cleaned by the runtime (bad bytes become '?').
        private func explanation(at index: Int32) throws -> String? {
            guard c.kind(at: index) == .string else { return nil }
            if c.stringLength(at: index) <= 2000, let text = c.string(at: index) { return text }
            let r = c.reader
            let mark = r.mark
            defer { r.pop(to: mark) }
            r.push(decider.runtime.clean)
            c.pushValue(at: index)
            c.pushInteger(2000)
            guard c.callTrusted(arguments: 2, results: 1) == .returned else { return nil }
            return decider.state.rawString(at: r.mark)
        }

        /// Starts noting the facts the next test reads (explaining only).
        private func beginReads() {
            c.setNewTable(Decider.reads, of: frame.note)
            c.setNewTable(Decider.seen, of: frame.note)
        }

        /// The facts the last test read, from the note (explaining only).
        private func readsNoted() -> [FactRead] {
            let r = c.reader
            let mark = r.mark
            defer { r.pop(to: mark) }
            guard let list = r.table(Decider.reads, of: frame.note) else { return [] }
            var reads = [FactRead]()
            for i in 0..<r.count(list) {
                let itemMark = r.mark
                defer { r.pop(to: itemMark) }
                guard let entry = r.element(i + 1, of: list), let path = r.string(Decider.path, of: entry) else { continue }
                let on = r.string(Decider.on, of: entry)
                let value = decider.plainValue(at: r.push(field: Decider.value, of: entry), caller: c)
                reads.append(FactRead(path: path, value: value, on: on))
            }
            return reads
        }

    }

    /// The plain value at `index`: numbers, strings and booleans read raw, anything else through
    /// the general decoder.
    private func plainValue(at index: Int32, caller c: LuaCaller) -> PlainValue? {
        switch c.kind(at: index) {
        case .nil: return nil
        case .boolean: return .boolean(c.isTrue(at: index))
        case .number: return c.exactInteger(at: index).map(PlainValue.integer) ?? c.number(at: index).map(PlainValue.number)
        case .string: return c.string(at: index).map(PlainValue.string)
        case .table, .other: return try? state.decode(PlainValue.self, at: index)
        }
    }
}
