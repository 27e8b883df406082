import ArgumentParser

/// `eligible lint` (being written).
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lint", abstract: "(being written)")
}
