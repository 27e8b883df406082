import ArgumentParser
import Eligibility

/// `eligible schema`: the business file's JSON Schema, or LuaLS annotations for rule authors.
struct SchemaCommand: ParsableCommand {
    /// The two documents `schema` can print.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case jsonSchema = "json-schema"
        case lua
    }

    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the business file's JSON Schema, or LuaLS annotations for rule scripts.",
        discussion: """
            json-schema: the JSON Schema (draft 2020-12) of a business file with its proposal, \
            for integrators. lua: annotations for lua-language-server, so rule authors get \
            completion and type checks; the same text is shipped as rules/\(LuaAnnotations.shippedPath) \
            (rules/.luarc.json points LuaLS at it) and a test keeps the two equal.

            Example:
              eligible schema --format json-schema > business.schema.json
              eligible schema --format lua > rules/\(LuaAnnotations.shippedPath)

            \(ExitCode.documentation)
            """
    )

    @Option(name: .long, help: "What to print: json-schema (for integrators) or lua (LuaLS annotations for rule authors).")
    var format: Format = .jsonSchema

    @OptionGroup var rules: RulesOption

    func run() throws {
        try runCommand {
            let vocabulary = try rules.ruleBook().vocabulary
            switch format {
            case .jsonSchema: try Output.write(JSONSchema.document(vocabulary))
            case .lua: try Output.write(LuaAnnotations.document(vocabulary))
            }
        }
    }
}
