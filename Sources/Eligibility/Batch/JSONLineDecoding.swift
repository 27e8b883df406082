import Foundation

extension BusinessFile {
    /// Decodes one line of a JSON Lines register.
    ///
    /// The common case, a plainly valid line, takes Foundation's `JSONDecoder` straight into
    /// `Business`, after a second `JSONDecoder` pass (`KnownFacts`) has checked every key against
    /// the fact schema, because `JSONDecoder` alone would silently drop a misspelt fact. Whatever
    /// either pass refuses goes to the full checker (`decode(_:fileName:firstLine:)`), which
    /// decides and words the error, so both paths accept exactly the same businesses.
    public static func decodeJSONLine(_ bytes: UnsafeBufferPointer<UInt8>, fileName: String, line: Int) throws -> Business {
        let data = Data(buffer: bytes)
        if (try? lineDecoder.decode(KnownFacts.self, from: data)) != nil,
           let business = try? lineDecoder.decode(Business.self, from: data) {
            return business
        }
        let text = try BusinessFile.text(of: data, fileName: fileName, firstLine: line)
        let raw = try BusinessFile.parseJSON(text, fileName: fileName, firstLine: line)
        do {
            return try BusinessFile.decode(raw: raw, fileName: fileName, pathPrefix: "")
        } catch {
            var error = error
            if error.line == nil { error.line = line }
            throw error
        }
    }

    private static let lineDecoder = JSONDecoder()
}

/// Decodes nothing, but succeeds only when every key of a business, at every depth, is a fact
/// the schema knows, and every number is inside its fact's range and every amount inside the
/// file limit: the checks `JSONDecoder` does not make (it drops unknown keys silently). The rest
/// (types, enumerations, dates, money text) the model's own `Decodable` conformances check.
private struct KnownFacts: Decodable {
    struct Refused: Error {}
    struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { return nil }
    }

    init(from decoder: any Decoder) throws {
        try KnownFacts.check(decoder, node: FactSchema.root)
    }

    private static func check(_ decoder: any Decoder, node: String) throws {
        let container = try decoder.container(keyedBy: Key.self)
        for key in container.allKeys {
            guard let field = FactSchema.field(key.stringValue, of: node) else { throw Refused() }
            guard try !container.decodeNil(forKey: key) else { continue }
            switch field.type {
            case .node(let child):
                try check(container.superDecoder(forKey: key), node: child)
            case .list(.node(let child)):
                var items = try container.nestedUnkeyedContainer(forKey: key)
                while !items.isAtEnd { try check(items.superDecoder(), node: child) }
            case .integer, .number:
                if let range = field.range, !range.contains(try container.decode(Double.self, forKey: key)) { throw Refused() }
            case .money:
                guard try container.decode(Money.self, forKey: key) <= Money.maximumInFile else { throw Refused() }
            default:
                continue
            }
        }
    }
}
