import ArgumentParser

/// `eligible diff` (being written).
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "diff", abstract: "(being written)")
}
