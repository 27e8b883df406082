import ArgumentParser
import Eligibility
import Foundation

/// `eligible diff`: what a rule edit changes, before it ships.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Run the same cases under two rules directories and list every business whose outcome or award changes.",
        discussion: """
            PATH is a fixture file or directory (default: fixtures); each case is decided at its own as_of.
            --businesses adds a JSON Lines file of businesses, decided at --as-of (default: now).
            Exit code 0 whether or not anything changed (use --fail-on-change for 1 when something does).

            Example:
              cp -r rules /tmp/rules-edit    # then edit a programme in /tmp/rules-edit
              eligible diff --base rules --head /tmp/rules-edit
              eligible diff --base rules --head /tmp/rules-edit --businesses register.jsonl --as-of 2022-06-01

            \(ExitCode.documentation)
            """
    )

    @Option(name: .long, help: "The rules directory before the change.")
    var base: String

    @Option(name: .long, help: "The rules directory after the change.")
    var head: String

    @Argument(help: "Fixture files or directories (default: fixtures).")
    var paths: [String] = []

    @Option(name: .long, help: "A JSON Lines file of businesses to compare too (one business per line).")
    var businesses: String?

    @OptionGroup var asOf: AsOfOption

    @Flag(name: .long, help: "Leave out decisions whose outcome and award stay the same but whose reasons change.")
    var decisionsOnly = false

    @Flag(name: .long, help: "Exit 1 when any outcome or award changes.")
    var failOnChange = false

    func run() throws {
        try runCommand {
            let baseEvaluator = try RulesOption.evaluator(directory: base)
            let headEvaluator = try RulesOption.evaluator(directory: head)
            for path in paths { try requireInput(path, folderAllowed: true) }
            let set = FixtureLoader.load(paths: paths.isEmpty ? ["fixtures"] : paths, vocabulary: baseEvaluator.vocabulary)
            for problem in set.problems { Terminal.error(problem.description) }
            if !set.problems.isEmpty { throw Failure.badInput("\(set.problems.count) fixture problem(s); fix them first") }
            var subjects = set.cases.map(DiffSubject.init)
            if let businesses {
                try requireInput(businesses, folderAllowed: false)
                subjects += try DiffSubject.batch(URL(fileURLWithPath: businesses), displayName: businesses, asOf: try asOf.instant(),
                                                  vocabulary: baseEvaluator.vocabulary)
            }
            let diff = try RuleDiff.compare(subjects, base: baseEvaluator, head: headEvaluator)
            try Output.write(diff.report(reasons: !decisionsOnly) + "\n")
            if failOnChange && !diff.decisionChanges.isEmpty { throw Failure.findings }
        }
    }
}

extension RulesOption {
    /// An evaluator for a named rules directory (for commands that compare two).
    static func evaluator(directory: String) throws -> Evaluator {
        try Evaluator(rules: ruleBook(directory: directory))
    }
}
