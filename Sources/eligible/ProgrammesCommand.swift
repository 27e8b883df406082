import ArgumentParser

/// `eligible programmes` (being written).
struct ProgrammesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "programmes", abstract: "(being written)")
}
