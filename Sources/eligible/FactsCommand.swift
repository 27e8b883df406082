import ArgumentParser
import Eligibility
import Foundation

/// `eligible facts`: the fact vocabulary, or a template business file or CSV header made from it.
struct FactsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "facts",
        abstract: "List the facts a business file can give, or print a template business file or CSV header.",
        discussion: """
            Lists every fact of the vocabulary beside the rules (facts.yaml): its path as business \
            files, CSV columns and rules write it (fleet[] is each item of a list), its type, unit, \
            range or values, whether it is dated (a history, read as at a day), and what it means. \
            --template prints a business file with every fact set to the vocabulary's example \
            (yaml: with what each fact means; json), which `eligible check` accepts as it is, or \
            the header row of a CSV register, exactly the columns `eligible batch` reads.

            Example:
              eligible facts
              eligible facts --template yaml > business.yaml
              eligible facts --template csv > register.csv
              eligible facts --rules /tmp/my-rules --format json

            \(ExitCode.documentation)
            """
    )

    /// The templates `--template` prints.
    enum Template: String, ExpressibleByArgument, CaseIterable {
        case yaml, json, csv
    }

    @Option(name: .long, help: "Print a template instead: yaml or json (a business file) or csv (a register's header row).")
    var template: Template?

    @Option(name: .long, help: "Output format of the list: text, json (one object per fact) or markdown (a table).")
    var format: ReportFormat = .text

    @OptionGroup var rules: RulesOption

    /// One fact in the JSON list.
    struct Row: Encodable {
        /// A value a `one of` or `several of` fact may take.
        struct Choice: Encodable {
            var value: String
            var meaning: String?
        }
        var path: String
        var type: String
        var meaning: String
        var question: String
        var unit: String?
        var minimum: Double?
        var maximum: Double?
        var values: [Choice]?
        var dated: Bool
        var required: Bool
        var example: String?

        init(_ fact: FactDefinition) {
            path = fact.path
            type = fact.type.name
            meaning = fact.meaning
            question = fact.question
            unit = fact.unit
            minimum = fact.range.map(\.lowerBound).flatMap { $0 > -Double.greatestFiniteMagnitude ? $0 : nil }
            maximum = fact.range.map(\.upperBound).flatMap { $0 < Double.greatestFiniteMagnitude ? $0 : nil }
            values = FactsCommand.choices(fact)?.choices.map { Choice(value: $0.value, meaning: $0.meaning) }
            dated = fact.dated
            required = fact.required
            example = fact.example
        }
    }

    func run() throws {
        try runCommand {
            let vocabulary = try rules.ruleBook().vocabulary
            switch template {
            case .yaml?: try Output.write(FactTemplate.yaml(vocabulary))
            case .json?: try Output.write(FactTemplate.json(vocabulary))
            case .csv?: try Output.write(FactTemplate.csvHeader(vocabulary))
            case nil:
                switch format {
                case .json: try Output.write(try Output.json(vocabulary.facts.map(Row.init)) + "\n")
                case .text: try Output.write(text(vocabulary))
                case .markdown: try Output.write(markdown(vocabulary))
                }
            }
        }
    }

    private func text(_ vocabulary: Vocabulary) -> String {
        var out = "\(vocabulary.facts.count) facts in \(vocabulary.file)\n"
        for fact in vocabulary.facts {
            out += "\n" + Output.bold(fact.path) + ": " + Self.kind(fact) + "\n"
            out += "    \(fact.meaning)\n"
            if let values = Self.values(fact) { out += "    " + Output.dim("values: \(values)") + "\n" }
            out += "    " + Output.dim("asked: \(fact.question)") + "\n"
        }
        return out
    }

    private func markdown(_ vocabulary: Vocabulary) -> String {
        var out = "# Facts in `\(vocabulary.file)`\n\n| Fact | Type | Meaning | Values |\n|---|---|---|---|\n"
        for fact in vocabulary.facts {
            let cells = ["`\(fact.path)`", Self.kind(fact), fact.meaning, Self.values(fact) ?? ""]
            out += "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n"
        }
        return out
    }

    /// "whole number (people), from 0 to 1000000", "money, dated", "one of fuels".
    private static func kind(_ fact: FactDefinition) -> String {
        var text = fact.type.name
        if let unit = fact.unit { text += " (\(unit))" }
        if let range = fact.range { text += ", " + RangeText.describe(range) }
        if fact.dated { text += ", dated (a history, read as at a day)" }
        if fact.required { text += ", required" }
        return text
    }

    /// "van (a van), car (a car), ..." for the facts that take listed values.
    private static func values(_ fact: FactDefinition) -> String? {
        choices(fact).map { list in
            list.choices.map { $0.value + ($0.meaning.map { " (\($0))" } ?? "") }.joined(separator: ", ")
        }
    }

    fileprivate static func choices(_ fact: FactDefinition) -> ChoiceList? {
        switch fact.type {
        case .oneOf(let list), .severalOf(let list): return list
        default: return nil
        }
    }
}
