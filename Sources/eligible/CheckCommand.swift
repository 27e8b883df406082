import ArgumentParser

/// `eligible check` (being written).
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "(being written)")
}
