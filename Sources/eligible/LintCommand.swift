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

            A rules directory that does not exist is no input (66), as for every command.

            Example:
              eligible lint rules
              eligible lint --rules rules --quiet
              ELIGIBLE_RULES=rules eligible lint

            \(ExitCode.documentation)
            """
    )

    @Argument(help: "The rules directory to check (default: --rules, else $ELIGIBLE_RULES, else ./rules).")
    var directory: String?

    @OptionGroup var rules: RulesOption

    @Flag(name: .long, help: "Print errors only, not warnings.")
    var quiet = false

    func validate() throws {
        if let directory, let option = rules.rules, directory != option {
            throw ValidationError("give the rules directory once: as DIR or as --rules DIR, not both ('\(directory)' and '\(option)')")
        }
    }

    func run() throws {
        try runCommand {
            let dir = directory ?? rules.directory
            try RulesOption.requireDirectory(dir)
            let findings = try Linter.lint(directory: URL(fileURLWithPath: dir), displayName: dir)
            let errors = findings.filter { $0.severity == .error }.count
            let warnings = findings.count - errors
            var out = ""
            for finding in findings where !(quiet && finding.severity == .warning) {
                let severity = finding.severity == .error ? Terminal.style("error", "1;31") : Terminal.style("warning", "1;33")
                out += "\(finding.file):\(finding.line): \(severity): \(finding.message)\n"
            }
            try Output.write(out)
            let summary = "\(dir): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
            Terminal.standardError(summary + "\n")
            if errors > 0 { throw Failure.findings }
        }
    }
}
