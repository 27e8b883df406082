extension BusinessFile {
    /// Decodes one line of a JSON Lines register with the reader business files use, then the
    /// vocabulary check. Every problem is reported on that line. A UTF-8 byte-order mark before
    /// the row is skipped (registers joined with `cat` carry one per file).
    public static func decodeJSONLine(_ bytes: UnsafeBufferPointer<UInt8>, fileName: String, line: Int, vocabulary: Vocabulary) throws -> BusinessFacts {
        let bytes = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? UnsafeBufferPointer(rebasing: bytes.dropFirst(3)) : bytes
        switch JSONReader.read(bytes, fileName: fileName, firstLine: line, maximumValues: maximumValues) {
        case .success(let raw): return try read(raw, fileName: fileName, vocabulary: vocabulary, oneLine: line)
        case .failure(let error): throw InputErrors([error])
        }
    }
}
