import CLibCSV

/// Reads the records of a CSV file with libcsv (Debian's `libcsv`) in strict mode, one record
/// at a time, from bytes that arrive in blocks.
///
/// The first record is the header; every later record must have as many cells. A record that
/// cannot be read is one `Item.malformed` naming the line and column of the problem, and reading
/// goes on:
///
/// - a stray quote (`5" Screens`, or text after a closing quote) on a record of one line: that
///   line is given up and the next one is read;
/// - a quoted cell that crosses a line end and then goes wrong (never closed before the end of
///   the file, or text after its closing quote, or a record over `maximumRecordBytes`): the
///   error points at the quote that opened it, and the lines after that quote's line are read
///   again as records (so an unclosed quote costs one record, not the rest of the file);
/// - bytes that are not UTF-8, or the wrong number of cells: that record.
///
/// Lines end with LF, CRLF or a lone CR, inside quoted cells too, so line numbers are those an
/// editor shows. A UTF-8 byte-order mark at the start is skipped. Memory is one record and one
/// block of input: a record longer than `maximumRecordBytes` is malformed, never held whole.
final class CSVReader {
    /// A record read, or one that could not be.
    enum Item {
        /// A record: the line it starts on and its cells (the first record is the header).
        case record(line: Int, cells: [String])
        /// A record that could not be read: the line it starts on, and the problem with its
        /// own line (and the column, in the message).
        case malformed(line: Int, error: InputError)
        /// No record yet: the input (a pipe) is waiting for more bytes.
        case idle
    }

    /// The longest record accepted, in bytes: a business file's limit.
    static let maximumRecordBytes = BusinessFile.maximumBytes

    /// What one call of `fill` did: appended bytes, reached the end, or was asked to stop.
    typealias Fill = (inout [UInt8]) throws(BatchError) -> InputBytes.Read

    private let fileName: String
    private let fill: Fill
    private let parser: UnsafeMutablePointer<csv_parser>
    private static let options = UInt8(CSV_STRICT | CSV_STRICT_FINI)

    /// The input not yet given up: the current record's lines and the next block.
    private var buffer: [UInt8] = []
    /// The next byte to give the parser.
    private var position = 0
    private var atEnd = false
    private var finished = false
    private var startOfFile = true
    /// The line of the byte at `position`, where that line starts, and whether the byte before
    /// was a CR (so an LF after it ends no second line).
    private var line = 1
    private var lineStart = 0
    private var afterCR = false
    /// Set after a problem on a record of one line: the rest of that line is skipped.
    private var skippingLine = false

    /// The record being read: where it starts, its line, that line's start, its cells so far
    /// and the offset of the byte ending each, the quote that opened the cell being read, and
    /// the quote whose cell crossed a line end (the record then spans lines).
    private var recordStart = 0
    private var recordLine = 1
    private var recordLineStart = 0
    private var cells: [String] = []
    private var cellEnds: [Int] = []
    private var openQuote: Int?
    private var crossingQuote: Int?
    /// Set by the parser's end-of-record callback.
    private var recordEnded = false
    /// The header's cells, once read.
    private var header: [String]?
    private var ready: [Item] = []

    /// A reader of the CSV text `fill` supplies; messages name `fileName`.
    init(fileName: String, fill: @escaping Fill) {
        self.fileName = fileName
        self.fill = fill
        parser = .allocate(capacity: 1)
        csv_init(parser, CSVReader.options)
    }

    deinit {
        csv_free(parser)
        parser.deallocate()
    }

    /// The next record or problem, or nil at the end of the input (or when reading was asked to
    /// stop). Throws what `fill` throws (the input could not be read).
    func next() throws(BatchError) -> Item? {
        while ready.isEmpty {
            if position == buffer.count {
                if atEnd {
                    if finished { return nil }
                    finish()
                    continue
                }
                compact()
                switch try fill(&buffer) {
                case .bytes: skipByteOrderMark()
                case .end: atEnd = true
                case .stopped: return nil
                case .idle: return .idle
                }
                continue
            }
            if skippingLine { skipRestOfLine() } else { feed() }
        }
        return ready.removeFirst()
    }

    // MARK: - Parsing

    /// Gives the parser bytes until a record ends, a problem is found or the block runs out.
    private func feed() {
        let context = Unmanaged.passUnretained(self).toOpaque()
        buffer.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            while position < bytes.count && ready.isEmpty && !skippingLine {
                // libcsv's state 0 is "no record begun": a record starts at the next byte it takes.
                if parser.pointee.pstate == 0 {
                    recordStart = position
                    recordLine = line
                    recordLineStart = lineStart
                    openQuote = nil
                    crossingQuote = nil
                }
                let wasQuoted = parser.pointee.quoted != 0
                guard csv_parse(parser, base + position, 1, CSVReader.cellEnded, CSVReader.recordEnded, context) == 1 else {
                    parseError(at: position, quoted: wasQuoted)
                    return
                }
                if !wasQuoted && parser.pointee.quoted != 0 { openQuote = position }
                let byte = bytes[position]
                if byte == 0x0A || byte == 0x0D, parser.pointee.quoted != 0, crossingQuote == nil { crossingQuote = openQuote }
                advance(over: byte)
                if recordEnded {
                    recordEnded = false
                    finishRecord(end: position - 1)
                } else if parser.pointee.pstate != 0, position - recordLineStart > CSVReader.maximumRecordBytes {
                    giveUp("a record is longer than \(CSVReader.maximumRecordBytes / 1024 / 1024) MiB", at: position)
                }
            }
        }
    }

    /// Moves past one byte, counting lines (LF, CRLF and a lone CR each end one).
    private func advance(over byte: UInt8) {
        position += 1
        if byte == 0x0D || (byte == 0x0A && !afterCR) {
            line += 1
        }
        if byte == 0x0D || byte == 0x0A { lineStart = position }
        afterCR = byte == 0x0D
    }

    /// The end of the input: the last record (if it has no line end), or an unclosed quote.
    private func finish() {
        let context = Unmanaged.passUnretained(self).toOpaque()
        guard csv_fini(parser, CSVReader.cellEnded, CSVReader.recordEnded, context) == 0 else {
            giveUp(nil, at: position)
            return
        }
        if recordEnded {
            recordEnded = false
            finishRecord(end: position)
        }
        if position == buffer.count { finished = true }
    }

    /// The parser refused the byte at `offset`: a quote inside an unquoted cell, or text after a
    /// closing quote.
    private func parseError(at offset: Int, quoted: Bool) {
        let problem = quoted
            ? "text after the quote that closes a cell"
            : "a quote inside a cell that does not start with one"
        giveUp(problem, at: offset)
    }

    /// Reports the record being read as malformed and resumes where reading can go on: after
    /// the line its crossing quote is on, or after the line of the problem. `problem` nil means
    /// the input ended inside a quoted cell.
    private func giveUp(_ problem: String?, at offset: Int) {
        let error: InputError
        if let quote = crossingQuote ?? (problem == nil ? openQuote : nil) {
            let (quoteLine, quoteColumn) = location(of: quote)
            let what: String
            if let problem {
                let (problemLine, problemColumn) = location(of: offset)
                what = "\(problem) on line \(problemLine), column \(problemColumn)"
            } else {
                what = "the file ends inside it"
            }
            error = InputError(file: fileName, line: quoteLine,
                               message: "invalid CSV: the quoted cell that starts at column \(quoteColumn) is not closed (\(what)); "
                                   + "end it with a quote on this line, and write a quote inside a cell twice (\"\")")
        } else {
            let (problemLine, problemColumn) = location(of: offset)
            error = InputError(file: fileName, line: problemLine,
                               message: "invalid CSV: \(problem ?? "the file ends inside a quoted cell") (column \(problemColumn)); "
                                   + "put a cell holding a quote in quotes and write the quote twice, as in \"Big 5\"\" Screens\"")
        }
        ready.append(.malformed(line: recordLine, error: error))
        resetParser()
        if crossingQuote != nil {
            resume(afterLineOf: recordStart)
        } else {
            skippingLine = true
        }
    }

    /// Starts again on the line after the one holding `offset`.
    private func resume(afterLineOf offset: Int) {
        var i = offset
        while i < buffer.count, buffer[i] != 0x0A, buffer[i] != 0x0D { i += 1 }
        line = recordLine
        position = i
        afterCR = false
        if i < buffer.count { advance(over: buffer[i]) }
        finished = false
    }

    /// Skips to the end of the current line (after a problem on a record of one line).
    private func skipRestOfLine() {
        while position < buffer.count {
            let byte = buffer[position]
            advance(over: byte)
            if byte == 0x0A || byte == 0x0D {
                skippingLine = false
                return
            }
        }
    }

    private func resetParser() {
        csv_free(parser)
        csv_init(parser, CSVReader.options)
        cells.removeAll(keepingCapacity: true)
        cellEnds.removeAll(keepingCapacity: true)
        recordEnded = false
        openQuote = nil
    }

    /// Checks a record the parser has read (`end` is the offset of the byte that ended it).
    private func finishRecord(end: Int) {
        defer {
            cells.removeAll(keepingCapacity: true)
            cellEnds.removeAll(keepingCapacity: true)
        }
        if let bad = CSVReader.firstInvalidUTF8(buffer[recordStart..<min(end, buffer.count)]) {
            let (badLine, badColumn) = location(of: bad)
            ready.append(.malformed(line: recordLine, error: InputError(file: fileName, line: badLine,
                message: "invalid CSV: byte 0x\(String(buffer[bad], radix: 16, uppercase: true)) is not UTF-8 text (column \(badColumn)); save the file as UTF-8 (in Excel: CSV UTF-8)")))
            return
        }
        guard let header else {
            header = cells
            ready.append(.record(line: recordLine, cells: cells))
            return
        }
        guard cells.count == header.count else {
            ready.append(.malformed(line: recordLine, error: wrongCellCount(header: header, end: end)))
            return
        }
        ready.append(.record(line: recordLine, cells: cells))
    }

    private func wrongCellCount(header: [String], end: Int) -> InputError {
        let counts = "the record has \(cells.count) cell\(cells.count == 1 ? "" : "s") but the header has \(header.count)"
        if cells.count > header.count {
            let (extraLine, extraColumn) = location(of: cellEnds[header.count - 1] + 1)
            return InputError(file: fileName, line: extraLine,
                              message: "invalid CSV: \(counts); cell \(header.count + 1) starts at column \(extraColumn) (put a value holding a comma in quotes)")
        }
        let (endLine, endColumn) = location(of: end)
        let missing = header[cells.count...].map { FactReader.shown($0.trimmedBlanks) }
        return InputError(file: fileName, line: endLine,
                          message: "invalid CSV: \(counts); it ends at column \(endColumn) without \(missing.joined(separator: ", ")) "
                              + "(leave a cell empty for an unknown fact, as in 3,,yes)")
    }

    // MARK: - Parser callbacks

    private static let cellEnded: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = { text, length, context in
        guard let context else { return }
        let reader = Unmanaged<CSVReader>.fromOpaque(context).takeUnretainedValue()
        let bytes = UnsafeRawBufferPointer(start: text, count: text == nil ? 0 : length)
        reader.cells.append(String(decoding: bytes, as: UTF8.self))
        reader.cellEnds.append(reader.position)
    }

    private static let recordEnded: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { _, context in
        guard let context else { return }
        Unmanaged<CSVReader>.fromOpaque(context).takeUnretainedValue().recordEnded = true
    }

    // MARK: - Positions and the buffer

    /// The line and the column (in characters) of the byte at `offset` of the current record.
    private func location(of offset: Int) -> (line: Int, column: Int) {
        var line = recordLine, column = 1
        var i = min(recordLineStart, offset)
        while i < offset && i < buffer.count {
            let byte = buffer[i]
            if byte == 0x0D || (byte == 0x0A && !(i > 0 && buffer[i - 1] == 0x0D)) {
                line += 1
                column = 1
            } else if byte != 0x0A && byte & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return (line, column)
    }

    /// The offset of the first byte that is not part of valid UTF-8 in `bytes`, if any.
    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = bytes.startIndex
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .error: return offset
            case .emptyInput: return nil
            }
        }
    }

    /// Skips a byte-order mark at the very start of the file.
    private func skipByteOrderMark() {
        guard startOfFile else { return }
        startOfFile = false
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) {
            position = 3
            lineStart = 3
        }
    }

    /// Drops the bytes before the current record's first line (or before the current line),
    /// which no message will point at again.
    private func compact() {
        let inRecord = parser.pointee.pstate != 0
        let keep = skippingLine ? position : inRecord ? min(recordLineStart, lineStart) : lineStart
        guard keep > 0, keep >= 1 << 20 || keep * 2 > buffer.count else { return }
        buffer.removeSubrange(0..<keep)
        position -= keep
        lineStart = max(0, lineStart - keep)
        recordStart = max(0, recordStart - keep)
        recordLineStart = max(0, recordLineStart - keep)
        openQuote = openQuote.map { $0 - keep }
        crossingQuote = crossingQuote.map { $0 - keep }
        for i in cellEnds.indices { cellEnds[i] -= keep }
    }
}
