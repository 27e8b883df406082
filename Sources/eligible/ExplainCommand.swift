import ArgumentParser

/// `eligible explain` (being written).
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "(being written)")
}
