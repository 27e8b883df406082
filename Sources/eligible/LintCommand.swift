import ArgumentParser
import Eligibility
import Foundation

/// `eligible lint [DIR]`: checks every rule file without a business to hand.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check the rule files: syntax, declarations, ids, dates, clauses, parameters, fact names.",
        discussion: """
            Loads every rule file in DIR and reports, as `file:line: error|warning: message`: \
            syntax errors; declarations that break the schema (unknown keys, missing title or \
            sentence, bad dates); duplicate programme or criterion ids; a programme id that \
            differs from its file name; criteria without a clause (warning); parameters never \
            used (warning); facts read that the business model does not have (each test and \
            award is run against probe businesses built from the model); effective-dated \
            parameters with gaps or overlaps inside the programme's window. Exits 1 when there \
            is any error; warnings alone exit 0.

            Example:
              eligible lint rules
              ELIGIBLE_RULES=rules eligible lint --quiet

            \(ExitCode.documentation)
            """
    )

    @Argument(help: "The rules directory to check (default: $ELIGIBLE_RULES, else ./rules).")
    var directory: String?

    @Flag(name: .long, help: "Print errors only, not warnings.")
    var quiet = false

    func run() throws {
        try runCommand {
            let dir = directory ?? ProcessInfo.processInfo.environment["ELIGIBLE_RULES"] ?? "rules"
            let findings = try Linter.lint(directory: URL(fileURLWithPath: dir), displayName: dir)
            let errors = findings.filter { $0.severity == .error }.count
            let warnings = findings.count - errors
            var out = ""
            for finding in findings where !(quiet && finding.severity == .warning) {
                let severity = finding.severity == .error ? Terminal.style("error", "1;31") : Terminal.style("warning", "1;33")
                out += "\(finding.file):\(finding.line): \(severity): \(finding.message)\n"
            }
            Output.write(out)
            let summary = "\(dir): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
            FileHandle.standardError.write(Data((summary + "\n").utf8))
            if errors > 0 { throw Failure.findings }
        }
    }
}
