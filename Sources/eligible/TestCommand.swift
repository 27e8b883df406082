import ArgumentParser
import Eligibility
import Foundation

/// `eligible test`: runs fixture cases like a test runner.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the regression fixtures: PASS/FAIL/SKIP/ERROR per case, JUnit XML, criterion coverage.",
        discussion: """
            PATH is a fixture file (YAML or JSON) or a directory searched for them (default: fixtures).
            The last line is exactly "N passed, N failed" (", N skipped" when any were skipped);
            the exit code is 1 if any case failed or could not load, or coverage is below --min-coverage.

            Example:
              eligible test
              eligible test fixtures/windows.yaml --filter 'Dec 2021' --quiet
              eligible test --coverage --min-coverage 100 --junit build/fixtures.xml

            \(ExitCode.documentation)
            """
    )

    @Argument(help: "Fixture files or directories (default: fixtures).")
    var paths: [String] = []

    @Option(name: .long, help: "Run only cases whose name (or file:line name) matches this regular expression.")
    var filter: String?

    @Option(name: .long, help: "Run only cases with this tag (repeatable: any of them).")
    var tag: [String] = []

    @Option(name: .long, help: "Also write JUnit XML to this file.")
    var junit: String?

    @Flag(name: .long, help: "Print criterion coverage: each criterion seen pass/fail/unknown, each programme's outcomes.")
    var coverage = false

    @Option(name: .long, help: "Fail when criterion coverage is below this percentage (implies --coverage).")
    var minCoverage: Double?

    @Flag(name: .long, help: "Print only failing, erroring and skipped cases (and the summary).")
    var quiet = false

    @OptionGroup var rules: RulesOption

    func run() throws {
        try runCommand {
            let evaluator = try rules.evaluator()
            let runner = try FixtureRunner(evaluator: evaluator)
            let set = FixtureLoader.load(paths: paths.isEmpty ? ["fixtures"] : paths, vocabulary: evaluator.vocabulary)
            let selection = FixtureSuite.Selection(filter: filter, tags: tag)
            let results: [CaseResult]
            do {
                results = try FixtureSuite.run(set, selection: selection, runner: runner) { result in
                    print(Self.line(for: result, quiet: quiet), terminator: "")
                }
            } catch let error as ValueError {
                throw Failure.badInput(error.message)
            }
            let summary = FixtureSuite.Summary(results)

            if let junit {
                do { try JUnitReport.write(results: results, to: URL(fileURLWithPath: junit)) } catch {
                    throw Failure.badInput("--junit \(junit): cannot write the file (\(error.localizedDescription))")
                }
            }
            var coverageFailed = false
            if coverage || minCoverage != nil {
                let report = CriterionCoverage(programmes: try evaluator.programmes(), results: results)
                print("")
                print(report.table(gapsOnly: !coverage))
                if let minCoverage, report.percentage < minCoverage {
                    print("criterion coverage \(report.percentageText) is below --min-coverage \(Self.number(minCoverage))%")
                    coverageFailed = true
                }
                print("")
            }
            print(summary.line)
            if summary.failed > 0 || coverageFailed { throw Failure.findings }
        }
    }

    /// `PASS fixtures/x.yaml:12  name`, and for FAIL/ERROR/SKIP the details, indented.
    static func line(for result: CaseResult, quiet: Bool) -> String {
        if quiet && result.status == .pass { return "" }
        let label: String
        switch result.status {
        case .pass: label = Terminal.style("PASS ", "32")
        case .fail: label = Terminal.style("FAIL ", "31;1")
        case .error: label = Terminal.style("ERROR", "31;1")
        case .skip: label = Terminal.style("SKIP ", "33")
        }
        var text = "\(label) \(result.location)  \(result.name)\n"
        if result.status != .pass {
            let details = result.details
            if !details.isEmpty {
                text += details.split(separator: "\n", omittingEmptySubsequences: false).map { "      " + $0 }.joined(separator: "\n") + "\n"
            }
        }
        return text
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
