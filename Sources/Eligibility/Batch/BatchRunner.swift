import CSV
import Foundation

/// Where a batch reads its register from.
public enum BatchInput: Sendable {
    /// A file path, or `-` for standard input.
    case path(String)
    /// Bytes in memory (for tests and embedding), with the name errors use.
    case data(Data, name: String)

    var name: String {
        switch self {
        case .path(let p): return p == "-" ? "<stdin>" : (p as NSString).lastPathComponent
        case .data(_, let name): return name
        }
    }
}

/// Settings of one batch run.
public struct BatchOptions: Sendable {
    public var inputFormat: BatchFormat
    public var outputFormat: BatchFormat
    /// Worker threads, each with its own Lua state (default: all cores).
    public var jobs: Int
    public var asOf: AsOf
    /// Only these programmes (nil: all).
    public var programmes: Set<String>?
    /// Rows per unit of work handed to a worker.
    public var chunkSize: Int

    public init(inputFormat: BatchFormat = .jsonl, outputFormat: BatchFormat = .jsonl,
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount, asOf: AsOf,
                programmes: Set<String>? = nil, chunkSize: Int = 256) {
        self.inputFormat = inputFormat
        self.outputFormat = outputFormat
        self.jobs = max(1, jobs)
        self.asOf = asOf
        self.programmes = programmes
        self.chunkSize = max(1, chunkSize)
    }
}

/// Progress so far, for a progress bar.
public struct BatchProgress: Sendable {
    public var rowsDone: Int
    public var bytesRead: Int
    /// The input's size when it is a regular file (for an ETA).
    public var totalBytes: Int?
    public var elapsedSeconds: Double
}

/// What a run did: counts for the summary.
public struct BatchSummary: Sendable, Equatable {
    /// Per-programme outcome counts and award total.
    public struct ProgrammeCounts: Sendable, Equatable {
        public var programme: String
        public var outcomes: [Decision.Outcome: Int]
        /// Sum of the awards of eligible decisions (pence).
        public var totalAwards: Money
    }
    /// Rows written (each decided or rejected).
    public var rowsRead: Int
    public var decided: Int
    public var rejected: Int
    public var programmes: [ProgrammeCounts]
    /// True when the run was stopped early (Ctrl-C): the output holds `rowsRead` complete rows.
    public var interrupted: Bool
    public var elapsedSeconds: Double
}

/// A batch run's failure before any row was processed (unreadable input, bad CSV header,
/// unknown programme).
public struct BatchError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public var description: String { message }
}

/// Streams a business register through the engine: a reader thread splits the input into
/// chunks of rows, `jobs` worker threads (one `Evaluator`, so one Lua state with the rules
/// compiled once, each) decode and evaluate them, and the calling thread writes the results in
/// input order. The queues between them are bounded (at most `4 x jobs` chunks in flight), so
/// memory does not grow with the input. Every input row yields exactly one output row.
public final class BatchRunner {
    public let rules: RuleBook
    public let options: BatchOptions
    /// Programme ids in output order.
    public let programmeIDs: [String]
    private let writerTemplate: BatchRowWriter

    public init(rules: RuleBook, options: BatchOptions) throws {
        self.rules = rules
        self.options = options
        let probe = try Evaluator(rules: rules)
        var ids = probe.programmeIDs
        for problem in probe.problems where !ids.contains(problem.programme) { ids.append(problem.programme) }
        if let only = options.programmes {
            let unknown = only.subtracting(ids).sorted()
            guard unknown.isEmpty else {
                throw BatchError(message: "no programme \(unknown.map { "'\($0)'" }.joined(separator: ", ")) (programmes: \(ids.joined(separator: ", ")))")
            }
            ids = ids.filter { only.contains($0) }
        }
        programmeIDs = ids
        writerTemplate = BatchRowWriter(format: options.outputFormat, programmes: ids, asOf: options.asOf.luaString,
                                        rulesDigest: rules.digest, engineVersion: EngineVersion.current)
    }

    /// Runs the batch. `write` receives output bytes in order (whole rows only); `progress` is
    /// called on the calling thread now and then; `shouldStop` is polled by the reader (set it
    /// from a signal handler for Ctrl-C): rows already read are finished and written, then the
    /// run ends with `interrupted` set.
    public func run(input: BatchInput, write: (UnsafeRawBufferPointer) throws -> Void,
                    progress: ((BatchProgress) -> Void)? = nil,
                    shouldStop: @escaping @Sendable () -> Bool = { false }) throws -> BatchSummary {
        let start = Evaluator.now()
        let source = try RowSource.open(input, format: options.inputFormat, vocabulary: rules.vocabulary)
        let pipeline = Pipeline(inFlight: 4 * options.jobs)
        let jobs = options.jobs
        let chunkSize = options.chunkSize

        // The reader.
        let reader = Thread { [source, pipeline] in
            var seq = 0
            while !shouldStop() {
                pipeline.acquireTicket()
                guard let chunk = source.next(chunkSize) else { pipeline.releaseTicket(); break }
                pipeline.work.put(WorkChunk(seq: seq, rows: chunk))
                seq += 1
            }
            pipeline.finishReading(chunks: seq)
            for _ in 0..<jobs { pipeline.work.put(nil) }
        }
        reader.stackSize = 1 << 20

        // The workers.
        let context = WorkerContext(rules: rules, options: options, writer: writerTemplate,
                                    programmeIndex: Dictionary(uniqueKeysWithValues: programmeIDs.enumerated().map { ($1, $0) }),
                                    fileName: input.name, csvLayout: source.csvLayout, vocabulary: rules.vocabulary)
        for _ in 0..<jobs {
            let worker = Thread { [pipeline, context] in
                let evaluator: Evaluator
                do {
                    evaluator = try Evaluator(rules: context.rules)
                } catch {
                    pipeline.fail("cannot load the rules: \(error)")
                    while pipeline.work.take() != nil {}
                    return
                }
                while let chunk = pipeline.work.take() {
                    pipeline.done.put(context.process(chunk, evaluator: evaluator))
                }
            }
            worker.stackSize = 8 << 20
            worker.start()
        }
        reader.start()

        // The writer: restores input order.
        let header = writerTemplate.header()
        if !header.isEmpty { try header.withUnsafeBytes { try write($0) } }
        var pending = [Int: DoneChunk]()
        var nextSeq = 0
        var stats = Stats(programmes: programmeIDs.count)
        var lastProgress = start
        var writeError: (any Error)?
        while !pipeline.isFinished(written: nextSeq) {
            guard let done = pipeline.done.take(timeoutSeconds: 0.2) else {
                if let message = pipeline.failure { throw BatchError(message: message) }
                continue
            }
            pending[done.seq] = done
            while let ready = pending.removeValue(forKey: nextSeq) {
                if writeError == nil {
                    do { try ready.bytes.withUnsafeBytes { try write($0) } } catch { writeError = error }
                }
                stats.add(ready.stats)
                nextSeq += 1
                pipeline.releaseTicket()
            }
            if let progress, Evaluator.now() - lastProgress > 200_000_000 {
                lastProgress = Evaluator.now()
                progress(BatchProgress(rowsDone: stats.rows, bytesRead: source.bytesRead, totalBytes: source.totalBytes,
                                       elapsedSeconds: Double(lastProgress - start) / 1e9))
            }
            if writeError != nil { break }
        }
        if let writeError { throw writeError }
        if let message = pipeline.failure { throw BatchError(message: message) }
        let elapsed = Double(Evaluator.now() - start) / 1e9
        progress?(BatchProgress(rowsDone: stats.rows, bytesRead: source.bytesRead, totalBytes: source.totalBytes, elapsedSeconds: elapsed))
        return BatchSummary(
            rowsRead: stats.rows, decided: stats.decided, rejected: stats.rejected,
            programmes: programmeIDs.enumerated().map { i, id in
                var outcomes = [Decision.Outcome: Int]()
                for (o, outcome) in Decision.Outcome.allCases.enumerated() { outcomes[outcome] = stats.outcomes[i * 5 + o] }
                return BatchSummary.ProgrammeCounts(programme: id, outcomes: outcomes, totalAwards: Money(pence: stats.awards[i]))
            },
            interrupted: shouldStop(), elapsedSeconds: elapsed)
    }

    /// Runs the batch into memory (for tests and small registers).
    public func run(input: BatchInput) throws -> (output: Data, summary: BatchSummary) {
        var output = Data()
        let summary = try run(input: input, write: { output.append(contentsOf: $0) })
        return (output, summary)
    }
}

// MARK: - Rows

/// One input row: its line number and either its bytes (JSON Lines) or its cells (CSV).
enum InputRow {
    case json(line: Int, bytes: ArraySlice<UInt8>)
    case csv(line: Int, cells: [String])
    /// The input could not be read past this point (a CSV syntax error).
    case unreadable(line: Int, message: String)
}

struct WorkChunk: @unchecked Sendable {
    var seq: Int
    var rows: [InputRow]
}

struct DoneChunk: Sendable {
    var seq: Int
    var bytes: [UInt8]
    var stats: Stats
}

/// Counts for the summary, per chunk and in total.
struct Stats: Sendable {
    var rows = 0, decided = 0, rejected = 0
    /// [programme * 5 + outcome]
    var outcomes: [Int]
    var awards: [Int]

    init(programmes: Int) {
        outcomes = Array(repeating: 0, count: programmes * 5)
        awards = Array(repeating: 0, count: programmes)
    }

    mutating func add(_ other: Stats) {
        rows += other.rows; decided += other.decided; rejected += other.rejected
        for i in outcomes.indices { outcomes[i] += other.outcomes[i] }
        for i in awards.indices { awards[i] += other.awards[i] }
    }
}

/// What every worker shares (all immutable).
final class WorkerContext: @unchecked Sendable {
    let rules: RuleBook
    let options: BatchOptions
    let writer: BatchRowWriter
    let programmeIndex: [String: Int]
    let fileName: String
    let csvLayout: CSVLayout?
    let vocabulary: Vocabulary
    private static let outcomeIndex: [Decision.Outcome: Int] =
        Dictionary(uniqueKeysWithValues: Decision.Outcome.allCases.enumerated().map { ($1, $0) })

    init(rules: RuleBook, options: BatchOptions, writer: BatchRowWriter, programmeIndex: [String: Int], fileName: String,
         csvLayout: CSVLayout? = nil, vocabulary: Vocabulary) {
        self.vocabulary = vocabulary
        self.rules = rules
        self.options = options
        self.writer = writer
        self.programmeIndex = programmeIndex
        self.fileName = fileName
        self.csvLayout = csvLayout
    }

    func process(_ chunk: WorkChunk, evaluator: Evaluator) -> DoneChunk {
        var out = [UInt8]()
        out.reserveCapacity(chunk.rows.count * 900)
        var stats = Stats(programmes: programmeIndex.count)
        for row in chunk.rows {
            let (line, result) = evaluate(row, evaluator: evaluator)
            stats.rows += 1
            switch result {
            case .decided(_, let decisions):
                stats.decided += 1
                for d in decisions {
                    guard let p = programmeIndex[d.programme] else { continue }
                    stats.outcomes[p * 5 + (WorkerContext.outcomeIndex[d.outcome] ?? 4)] += 1
                    if d.outcome == .eligible, let award = d.award { stats.awards[p] &+= award.pence }
                }
            case .rejected:
                stats.rejected += 1
            }
            writer.write(line: line, result, into: &out)
        }
        return DoneChunk(seq: chunk.seq, bytes: out, stats: stats)
    }

    func evaluate(_ row: InputRow, evaluator: Evaluator) -> (Int, RowResult) {
        let line: Int
        let business: BusinessFacts
        do {
            switch row {
            case .json(let l, let bytes):
                line = l
                business = try decodeJSON(bytes, line: l)
            case .csv(let l, let cells):
                line = l
                business = try decodeCSV(cells, line: l)
            case .unreadable(let l, let message):
                return (l, .rejected(InputError(file: fileName, line: l, message: message)))
            }
        } catch let errors as InputErrors {
            return (lineOf(row), .rejected(errors.first))
        } catch let error as InputError {
            return (lineOf(row), .rejected(error))
        } catch {
            return (lineOf(row), .rejected(InputError(file: fileName, line: lineOf(row), message: "\(error)")))
        }
        do {
            let decisions = try evaluator.evaluate(business, asOf: options.asOf, programmes: options.programmes)
            return (line, .decided(id: business.id, decisions: decisions))
        } catch {
            return (line, .rejected(InputError(file: fileName, line: line, message: "the engine failed on this row: \(error)")))
        }
    }

    private func lineOf(_ row: InputRow) -> Int {
        switch row {
        case .json(let l, _), .csv(let l, _), .unreadable(let l, _): return l
        }
    }

    private func decodeJSON(_ bytes: ArraySlice<UInt8>, line: Int) throws -> BusinessFacts {
        try bytes.withUnsafeBufferPointer { try BusinessFile.decodeJSONLine($0, fileName: fileName, line: line, vocabulary: vocabulary) }
    }

    private func decodeCSV(_ cells: [String], line: Int) throws -> BusinessFacts {
        guard let layout = csvLayout else { throw InputError(file: fileName, line: line, message: "no CSV header") }
        var raw = layout.rawNode(cells)
        raw.line = line
        return try BusinessFile.read(raw, fileName: fileName, vocabulary: vocabulary, oneLine: line)
    }
}

// MARK: - Reading

/// Splits the input into rows: JSON Lines by line (blank lines are skipped, a UTF-8 BOM at the
/// start is dropped, CRLF is accepted), CSV by record with CSV.swift.
final class RowSource: @unchecked Sendable {
    private let lock = NSLock()
    private var _bytesRead = 0
    let totalBytes: Int?
    private let readBlock: (inout [UInt8]) -> Int // appends up to a block; 0 at the end
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var line = 0
    private var csv: CSVReader?
    private(set) var csvLayout: CSVLayout?
    private var csvLine = 1
    private var csvFailed = false

    var bytesRead: Int { lock.lock(); defer { lock.unlock() }; return _bytesRead }

    private init(totalBytes: Int?, readBlock: @escaping (inout [UInt8]) -> Int) {
        self.totalBytes = totalBytes
        self.readBlock = readBlock
    }

    static func open(_ input: BatchInput, format: BatchFormat, vocabulary: Vocabulary) throws -> RowSource {
        switch format {
        case .jsonl:
            switch input {
            case .data(let data, _):
                var offset = 0
                return RowSource(totalBytes: data.count) { out in
                    let n = min(1 << 20, data.count - offset)
                    out.append(contentsOf: data[data.startIndex + offset ..< data.startIndex + offset + n])
                    offset += n
                    return n
                }
            case .path(let path):
                let fd: Int32 = path == "-" ? 0 : Foundation.open(path, O_RDONLY)
                guard fd >= 0 else { throw BatchError(message: "\(path): cannot open (\(String(cString: strerror(errno))))") }
                var info = stat()
                let size: Int? = fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : nil
                var block = [UInt8](repeating: 0, count: 1 << 20)
                return RowSource(totalBytes: size) { out in
                    while true {
                        let n = block.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
                        if n < 0 && errno == EINTR { continue }
                        guard n > 0 else { return 0 }
                        out.append(contentsOf: block[0..<n])
                        return n
                    }
                }
            }
        case .csv:
            let stream: InputStream?
            var size: Int?
            switch input {
            case .data(let data, _): stream = InputStream(data: data); size = data.count
            case .path(let path):
                stream = InputStream(fileAtPath: path == "-" ? "/dev/stdin" : path)
                if path != "-" { size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil }
            }
            guard let stream else { throw BatchError(message: "\(input.name): cannot open") }
            let reader: CSVReader
            do {
                reader = try CSVReader(stream: stream, hasHeaderRow: true)
            } catch {
                throw BatchError(message: "\(input.name): cannot read CSV (\(error))")
            }
            guard let header = reader.headerRow else { throw BatchError(message: "\(input.name): the CSV file has no header row") }
            let source = RowSource(totalBytes: size) { _ in 0 }
            var header0 = header
            if let first = header0.first, first.hasPrefix("\u{FEFF}") { header0[0] = String(first.dropFirst()) }
            do {
                source.csvLayout = try CSVLayout(header: header0, fileName: input.name, vocabulary: vocabulary)
            } catch {
                throw BatchError(message: error.description)
            }
            source.csv = reader
            source.csvLine = 1 + header.reduce(0) { $0 + $1.count(where: { $0 == "\n" }) } + 1
            return source
        }
    }

    /// The next chunk of up to `count` rows, or nil at the end of the input.
    func next(_ count: Int) -> [InputRow]? {
        if let csv { return nextCSV(csv, count) }
        var rows = [InputRow]()
        rows.reserveCapacity(count)
        while rows.count < count, let next = nextLine() {
            line += 1
            guard case .line(let start, let end) = next else {
                if case .oversized(let bytes) = next {
                    rows.append(.unreadable(line: line, message: "the row is \(bytes / 1024) KiB; a row may be at most \(BusinessFile.maximumBytes / 1024) KiB"))
                }
                continue
            }
            var lineStart = start
            var lineEnd = end
            if lineEnd > lineStart, buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            if line == 1, lineEnd - lineStart >= 3, buffer[lineStart] == 0xEF, buffer[lineStart + 1] == 0xBB, buffer[lineStart + 2] == 0xBF {
                lineStart += 3
            }
            let slice = buffer[lineStart..<lineEnd]
            if slice.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            rows.append(.json(line: line, bytes: ArraySlice(Array(slice))))
        }
        return rows.isEmpty ? nil : rows
    }

    /// A line of the input: its range in `buffer` (without its LF), or, for a line longer than
    /// a business file may be, only its size (it is skipped, never held in memory whole).
    private enum Line {
        case line(Int, Int)
        case oversized(bytes: Int)
    }

    /// The next line, reading more input when needed.
    private func nextLine() -> Line? {
        var searchFrom = position
        var skipped = 0 // bytes of an oversized line already dropped
        while true {
            if let nl = buffer[searchFrom...].firstIndex(of: 0x0A) {
                let start = position
                position = nl + 1
                return skipped > 0 ? .oversized(bytes: skipped + nl - start) : .line(start, nl)
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
            let n = readBlock(&buffer)
            lock.lock(); _bytesRead += n; lock.unlock()
            if n == 0 { atEnd = true }
        }
    }

    private func nextCSV(_ reader: CSVReader, _ count: Int) -> [InputRow]? {
        guard !csvFailed else { return nil }
        var rows = [InputRow]()
        while rows.count < count, let cells = reader.next() {
            rows.append(.csv(line: csvLine, cells: cells))
            csvLine += 1 + cells.reduce(0) { $0 + $1.count(where: { $0 == "\n" }) }
        }
        if let error = reader.error, rows.count < count {
            csvFailed = true
            rows.append(.unreadable(line: csvLine, message: "CSV syntax error (\(error)); the rest of the file was not read"))
        }
        return rows.isEmpty ? nil : rows
    }
}

// MARK: - Queues

/// A bounded blocking FIFO queue.
final class BlockingQueue<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element?] = []
    private var head = 0

    func put(_ item: Element?) {
        condition.lock()
        items.append(item)
        condition.signal()
        condition.unlock()
    }

    /// The next item; nil is the end-of-work marker.
    func take() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while head == items.count { condition.wait() }
        return pop()
    }

    /// The next item, or nil after the timeout.
    func take(timeoutSeconds: Double) -> Element? {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date(timeIntervalSinceNow: timeoutSeconds)
        while head == items.count {
            if !condition.wait(until: deadline) { return nil }
        }
        return pop()
    }

    private func pop() -> Element? {
        let item = items[head]
        items[head] = nil
        head += 1
        if head > 1024 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        return item
    }
}

/// The queues and counters between reader, workers and writer. The ticket count bounds the
/// chunks in flight (read but not yet written), whatever order workers finish in.
final class Pipeline: @unchecked Sendable {
    let work = BlockingQueue<WorkChunk>()
    let done = BlockingQueue<DoneChunk>()
    private let tickets: DispatchSemaphore
    private let lock = NSLock()
    private var totalChunks: Int?
    private var _failure: String?

    init(inFlight: Int) { tickets = DispatchSemaphore(value: inFlight) }

    func acquireTicket() { tickets.wait() }
    func releaseTicket() { tickets.signal() }

    func finishReading(chunks: Int) { lock.lock(); totalChunks = chunks; lock.unlock() }

    func isFinished(written: Int) -> Bool {
        lock.lock(); defer { lock.unlock() }
        return _failure != nil || totalChunks.map { written >= $0 } ?? false
    }

    func fail(_ message: String) { lock.lock(); if _failure == nil { _failure = message }; lock.unlock() }
    var failure: String? { lock.lock(); defer { lock.unlock() }; return _failure }
}
