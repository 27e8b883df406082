import Foundation

extension BusinessFile {
    /// Decodes one line of a JSON Lines register: one pass of Foundation's JSON parser, then the
    /// vocabulary check. Every problem is reported on that line.
    public static func decodeJSONLine(_ bytes: UnsafeBufferPointer<UInt8>, fileName: String, line: Int, vocabulary: Vocabulary) throws -> BusinessFacts {
        let data = Data(buffer: bytes)
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw InputErrors([JSONSyntax.error(error, bytes: Array(bytes), fileName: fileName, firstLine: line)])
        }
        var raw = RawNode(object: object)
        raw.line = line
        return try read(raw, fileName: fileName, vocabulary: vocabulary, oneLine: line)
    }
}
