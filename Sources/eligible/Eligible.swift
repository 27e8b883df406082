import ArgumentParser

/// The `eligible` command: which recovery-support programmes can a business get, and why.
@main
struct Eligible: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eligible",
        abstract: "Which recovery-support programmes can this business get, how much, and why not the others?",
        discussion: ExitCode.documentation,
        version: "0.1.0",
        subcommands: [
            CheckCommand.self, InterviewCommand.self, ExplainCommand.self, ProgrammesCommand.self, FactsCommand.self,
            LintCommand.self, SchemaCommand.self, TestCommand.self, DiffCommand.self, BatchCommand.self,
        ]
    )
}
