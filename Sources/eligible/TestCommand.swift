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
            The last line is exactly "N passed, N failed" (", N skipped" when any were skipped),
            printed whatever happens to the --junit report (its folders are created; a report that
            cannot be written exits 74 after the summary). The exit code is 1 if any case failed or
            could not load, or coverage is below --min-coverage; a PATH that does not exist is 66.

            Example:
              eligible test fixtures --junit build/fixtures.xml
              eligible test fixtures/windows.yaml --filter 'Dec 2021' --quiet

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
            for path in paths { try requireInput(path, folderAllowed: true) }
            let set = FixtureLoader.load(paths: paths.isEmpty ? ["fixtures"] : paths, vocabulary: evaluator.vocabulary)
            let selection = FixtureSuite.Selection(filter: filter, tags: tag)
            var outputFailure: Failure?
            let results: [CaseResult]
            do {
                results = try FixtureSuite.run(set, selection: selection, runner: runner) { result in
                    guard outputFailure == nil else { return }
                    do throws(Failure) { try Output.write(Self.line(for: result, quiet: quiet)) } catch { outputFailure = error }
                }
            } catch let error as ValueError {
                throw Failure.badInput(error.message)
            }
            if let outputFailure { throw outputFailure }
            let summary = FixtureSuite.Summary(results)

            // The report is written before the summary, and its failure reported after it: the
            // summary line is printed whatever happens to the report.
            var reportFailure: Failure?
            if let junit { reportFailure = Self.writeReport(results, to: junit) }
            var coverageFailed = false
            if coverage || minCoverage != nil {
                let report = CriterionCoverage(programmes: try evaluator.programmes(), results: results)
                var text = "\n" + report.table(gapsOnly: !coverage) + "\n"
                if let minCoverage, report.percentage < minCoverage {
                    text += "criterion coverage \(report.percentageText) is below --min-coverage \(Self.number(minCoverage))%\n"
                    coverageFailed = true
                }
                try Output.write(text + "\n")
            }
            try Output.write(summary.line + "\n")
            if let reportFailure { throw reportFailure }
            if summary.failed > 0 || coverageFailed { throw Failure.findings }
        }
    }

    /// Writes the JUnit XML at `path`, creating its folders; nil, or the output error to report.
    static func writeReport(_ results: [CaseResult], to path: String) -> Failure? {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try JUnitReport.write(results: results, to: url)
            return nil
        } catch {
            return Failure.output("--junit \(Terminal.printable(path)): cannot write the report (\(error.localizedDescription))")
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
