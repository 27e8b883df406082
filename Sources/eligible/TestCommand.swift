import ArgumentParser

/// `eligible test` (being written).
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "test", abstract: "(being written)")
}
