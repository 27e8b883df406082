import ArgumentParser
import Eligibility
import Foundation

/// `eligible explain FILE --programme ID`: how one programme decided, criterion by criterion.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show how a programme decided for a business, criterion by criterion.",
        discussion: """
            For each programme named with --programme: every criterion with pass, fail or \
            unknown, the facts its test read and their values, the scheme clause, the parameter \
            values in force at the as-of instant (money in pounds), and how the award was \
            computed. --set gives a fact another value for this run (a what-if).

            Example:
              eligible explain examples/mersey-vans.yaml --programme plug-in-van-grant --as-of 2021-06-01
              eligible explain examples/mersey-vans.yaml --programme kickstart --as-of 2021-06-01 --set proposal.hire.hoursPerWeek=20

            \(ExitCode.documentation)
            """
    )

    @Argument(help: "The business file (JSON or YAML, optionally with its proposal); '-' reads stdin.")
    var file: String

    @OptionGroup var only: ProgrammeFilter
    @OptionGroup var asOf: AsOfOption
    @OptionGroup var rules: RulesOption
    @OptionGroup var whatIf: WhatIfOption

    @Option(name: .long, help: "Output format: text (for people), json (the explained decisions) or markdown.")
    var format: ReportFormat = .text

    func validate() throws {
        _ = try asOf.instant()
        if only.ids.isEmpty { throw ValidationError("name the programme to explain with --programme ID (see `eligible programmes`)") }
    }

    func run() throws {
        try runCommand {
            let session = try Session(rules: rules, asOf: asOf)
            var business = try loadBusiness(file, vocabulary: session.evaluator.vocabulary)
            try whatIf.apply(to: &business)
            let selection = try only.selection(known: session.knownIds)
            let decisions = try session.evaluator.evaluate(business, asOf: session.asOf, programmes: selection, explain: true)
            let info = Dictionary(session.programmes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let ordered = only.ids.compactMap { id in decisions.first { $0.programme == id } }
            let name = Output.businessName(business, file: file)
            switch format {
            case .json: try Output.write(try Output.json(ordered) + "\n")
            case .text, .markdown:
                let markdown = format == .markdown
                try Output.write(ordered.map { explain($0, info[$0.programme], name: name, asOf: session.asOf, markdown: markdown, vocabulary: session.evaluator.vocabulary) }
                    .joined(separator: "\n"))
            }
        }
    }

    /// One programme's explanation as text (or Markdown).
    func explain(_ d: Decision, _ p: ProgrammeInfo?, name: String, asOf: AsOf, markdown md: Bool, vocabulary: Vocabulary) -> String {
        let title = p?.title ?? d.programme
        func heading(_ text: String) -> String { md ? "\n## \(text)\n\n" : "\n" + Output.bold(text) + "\n" }
        func item(_ text: String) -> String { md ? "- \(text)\n" : "  \(text)\n" }
        func code(_ text: String) -> String { md ? "`\(text)`" : text }
        var out = md ? "# \(title) (`\(d.programme)`) for \(name)\n\n" : Output.bold("\(title) [\(d.programme)]") + " for \(name) as at \(asOf)\n"
        if md { out += "As at \(asOf).\n\n" }
        let verdict: String
        switch d.outcome {
        case .eligible: verdict = "eligible: " + (d.award?.formatted ?? "no amount")
        case .needsInformation: verdict = "needs information: ask for " + d.missing.joined(separator: ", ")
        case .ineligible: verdict = "not eligible: failed " + d.failed.joined(separator: ", ")
        case .closed: verdict = "closed: " + Output.closedNote(from: p?.openFrom, to: p?.openTo, asOf: asOf)
        case .ruleError: verdict = "rule error: " + (d.error ?? "the rule script failed")
        }
        out += (md ? "**Outcome:** " + verdict : "  Outcome:  " + Output.mark(d.outcome) + " " + Output.bold(verdict)) + "\n"
        if let p {
            out += (md ? "\n**Summary:** " : "  Summary:  ") + p.summary + "\n"
            out += (md ? "\n**Guidance:** " : "  Guidance: ") + p.guidance + "\n"
            out += (md ? "\n**Open:** " : "  Open:     ") + Output.window(from: p.openFrom, to: p.openTo) + "\n"
            out += (md ? "\n**Rules:** " : "  Rules:    ") + code("\(p.file):\(p.line)") + "\n"
        }

        out += heading("Criteria")
        let results = Dictionary((d.criteria ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for criterion in p?.criteria ?? [] {
            guard let result = results[criterion.id] else {
                out += item((md ? "" : Output.dim("not run") + " ") + "\(criterion.id): \(criterion.text)" + (md ? " (not run)" : ""))
                continue
            }
            let mark = md ? "**\(result.outcome.rawValue)**" : Output.mark(result.outcome)
            out += item("\(mark) \(criterion.id): \(criterion.text)")
            let indent = md ? "  - " : "            "
            out += indent + "clause: " + (criterion.clause ?? "(none given)") + "\n"
            let reads = Output.shown(result.reads)
            if !reads.isEmpty { out += indent + "read: " + reads.map { code(Output.read($0, vocabulary)) }.joined(separator: "; ") + "\n" }
            if !result.missing.isEmpty { out += indent + "missing: " + result.missing.map(code).joined(separator: ", ") + "\n" }
        }
        if p == nil, d.criteria == nil { out += item("(the programme's rule file did not load)") }

        if let parameters = d.parameters, !parameters.isEmpty {
            out += heading("Parameters in force at \(asOf.luaString)")
            let dated = Dictionary((p?.datedParams ?? []).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            let money = p.map(MoneyParameters.init)
            func shown(_ value: PlainValue, _ name: String) -> String { money?.display(value, name: name) ?? value.displayed(as: nil) }
            for parameter in parameters {
                var line = code("\(parameter.name) = \(parameter.value.map { shown($0, parameter.name) } ?? "(no value at this instant)")")
                if let spec = dated[parameter.name] {
                    line += " (dated: " + spec.entries.map { "\(shown($0.value, parameter.name)) from \($0.from)" + ($0.to.map { " until \($0)" } ?? "") }.joined(separator: ", ") + ")"
                }
                out += item(line)
            }
        }

        out += heading("Award")
        if let award = d.award {
            out += item("amount: " + Output.bold(award.formatted) + (d.awardCapped == true ? " (capped at the maximum)" : ""))
            if let how = d.awardExplanation { out += item("how: \(Terminal.printable(how))") }
            let reads = Output.shown(d.awardReads ?? [])
            if !reads.isEmpty { out += item("read: " + reads.map { code(Output.read($0, vocabulary)) }.joined(separator: "; ")) }
        } else {
            out += item("not computed: the programme is not \(d.outcome == .ineligible || d.outcome == .needsInformation ? "decided eligible" : "open or did not run")")
        }
        if let p { out += item("maximum: \(p.maximum.formatted); rounding: \(p.rounding)") }
        out += md ? "\nRules digest `\(d.rulesDigest)`, engine \(d.engineVersion).\n" : "\n" + Output.dim("rules \(d.rulesDigest), engine \(d.engineVersion)") + "\n"
        return out
    }
}
