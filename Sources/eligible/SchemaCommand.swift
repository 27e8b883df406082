import ArgumentParser

/// `eligible schema` (being written).
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "schema", abstract: "(being written)")
}
