import Foundation

/// One input row: its line and either its bytes (JSON Lines) or its cells (CSV), or why it
/// could not be read at all (it still gets its one output row).
enum InputRow {
    case json(line: Int, bytes: ArraySlice<UInt8>)
    case csv(line: Int, cells: [String])
    case malformed(line: Int, error: InputError)

    /// The line the row starts on.
    var line: Int {
        switch self {
        case .json(let line, _), .csv(let line, _), .malformed(let line, _): return line
        }
    }
}

/// Splits the input into rows: JSON Lines by line (blank lines are not rows, a UTF-8 BOM at the
/// start is dropped, CRLF is accepted, a line longer than a business file may be is one
/// malformed row and is never held whole), CSV by record with `CSVReader` (the header is read
/// when the source is opened and checked by `CSVLayout`).
final class RowSource: @unchecked Sendable {
    let bytes: InputBytes
    /// The CSV columns (nil for JSON Lines, or a CSV file with no header at all).
    let csvLayout: CSVLayout?
    private let fileName: String
    private let csv: CSVReader?
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var line = 0

    /// Opens `input`; for CSV, reads and checks the header. Throws a `BatchError` for an input
    /// that cannot be opened or a header that cannot be used.
    init(_ input: BatchInput, format: BatchFormat, vocabulary: Vocabulary,
         shouldStop: @escaping @Sendable () -> Bool) throws(BatchError) {
        let bytes = try InputBytes(input, shouldStop: shouldStop)
        self.bytes = bytes
        fileName = input.name
        guard format == .csv else {
            csv = nil
            csvLayout = nil
            return
        }
        let reader = CSVReader(fileName: input.name) { buffer throws(BatchError) in try bytes.read(appendingTo: &buffer) }
        csv = reader
        var first = try reader.next()
        while case .idle? = first { first = try reader.next() } // a pipe not yet written to
        switch first {
        case .idle?, nil:
            csvLayout = nil
        case .record(let line, let header)?:
            do {
                csvLayout = try CSVLayout(header: header, line: line, fileName: input.name, vocabulary: vocabulary)
            } catch {
                throw BatchError(message: error.description)
            }
        case .malformed(_, let error)?:
            throw BatchError(message: "\(error.description) (in the header row)")
        }
    }

    /// The next chunk of up to `count` rows, or nil at the end of the input. When a pipe has
    /// no more bytes for now, the rows read so far are the chunk (so rows piped in one at a
    /// time are decided as they come).
    func next(_ count: Int) throws(BatchError) -> [InputRow]? {
        var rows = [InputRow]()
        rows.reserveCapacity(count)
        if let csv {
            while rows.count < count, let item = try csv.next() {
                switch item {
                case .record(let line, let cells): rows.append(.csv(line: line, cells: cells))
                case .malformed(let line, let error): rows.append(.malformed(line: line, error: error))
                case .idle: if !rows.isEmpty { return rows }
                }
            }
            return rows.isEmpty ? nil : rows
        }
        while rows.count < count, let next = try nextLine() {
            if case .idle = next {
                if !rows.isEmpty { return rows }
                continue
            }
            line += 1
            guard case .line(let start, let end) = next else {
                if case .oversized(let size) = next {
                    rows.append(.malformed(line: line, error: InputError(file: fileName, line: line,
                        message: "the row is \(size / 1024) KiB; a row may be at most \(BusinessFile.maximumBytes / 1024) KiB")))
                }
                continue
            }
            var lineStart = start
            var lineEnd = end
            if lineEnd > lineStart, buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            if line == 1, buffer[lineStart..<lineEnd].starts(with: [0xEF, 0xBB, 0xBF]) { lineStart += 3 }
            let slice = buffer[lineStart..<lineEnd]
            if slice.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            rows.append(.json(line: line, bytes: ArraySlice(Array(slice))))
        }
        return rows.isEmpty ? nil : rows
    }

    /// A line of the input: its range in `buffer` (without its LF), or, for a line longer than
    /// a business file may be, only its size.
    private enum Line {
        case line(Int, Int)
        case oversized(bytes: Int)
        /// No whole line yet: the input (a pipe) is waiting for more bytes.
        case idle
    }

    /// The next line, reading more input when needed; nil at the end (or when asked to stop:
    /// a line not yet complete is then not a row).
    private func nextLine() throws(BatchError) -> Line? {
        var searchFrom = position
        var skipped = 0 // bytes of an oversized line already dropped
        while true {
            if let newline = buffer[searchFrom...].firstIndex(of: 0x0A) {
                let start = position
                position = newline + 1
                return skipped > 0 ? .oversized(bytes: skipped + newline - start) : .line(start, newline)
            }
            if atEnd {
                guard position < buffer.count || skipped > 0 else { return nil }
                let start = position
                position = buffer.count
                return skipped > 0 ? .oversized(bytes: skipped + buffer.count - start) : .line(start, buffer.count)
            }
            if buffer.count - position > BusinessFile.maximumBytes {
                skipped += buffer.count - position
                position = buffer.count
            }
            if position > 0 {
                buffer.removeSubrange(0..<position)
                position = 0
            }
            searchFrom = buffer.count
            switch try bytes.read(appendingTo: &buffer) {
            case .bytes: break
            case .end: atEnd = true
            case .stopped: return nil
            case .idle:
                // The part of a line already read stays in `buffer`; an oversized line being
                // skipped is read on to its end.
                if skipped == 0 { return .idle }
            }
        }
    }
}
