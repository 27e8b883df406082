import ArgumentParser

/// `eligible batch` (being written).
struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "batch", abstract: "(being written)")
}
