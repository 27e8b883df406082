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
    /// True when the run was stopped early (`shouldStop`): the output holds `rowsRead` complete
    /// rows, the first ones of the input.
    public var interrupted: Bool
    public var elapsedSeconds: Double
}

/// A batch run that could not go on: the input cannot be opened or read, the CSV header cannot
/// be used, a programme asked for does not exist, the rules do not load.
public struct BatchError: Error, CustomStringConvertible, Sendable {
    /// What kind of failure, for the exit code.
    public enum Kind: Sendable {
        /// The input or the options are wrong (a CSV header, an unknown programme).
        case badInput
        /// The input does not exist or cannot be opened.
        case noInput
        /// The input could not be read part way.
        case readError
    }

    /// What kind of failure.
    public let kind: Kind
    /// What is wrong and where.
    public let message: String
    public var description: String { message }

    /// A failure of `kind` (bad input unless said).
    public init(kind: Kind = .badInput, message: String) {
        self.kind = kind
        self.message = message
    }
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

    /// Runs the batch. `write` receives output bytes in order, whole rows only; an error it
    /// throws ends the run and is rethrown. `progress` is called on the calling thread now and
    /// then. `shouldStop` is polled (set it from a signal handler): the run then ends after the
    /// row being written, with `interrupted` set, so the output is the first rows of the input,
    /// each complete. Throws `BatchError` when the input cannot be opened or read part way.
    public func run(input: BatchInput, write: (UnsafeRawBufferPointer) throws -> Void,
                    progress: ((BatchProgress) -> Void)? = nil,
                    shouldStop: @escaping @Sendable () -> Bool = { false }) throws -> BatchSummary {
        let start = Evaluator.now()
        let pipeline = Pipeline(inFlight: 4 * options.jobs)
        let source = try RowSource(input, format: options.inputFormat, vocabulary: rules.vocabulary,
                                   shouldStop: { [pipeline] in shouldStop() || pipeline.isStopped })
        startReader(source, pipeline, shouldStop: shouldStop)
        let context = WorkerContext(rules: rules, options: options, writer: writerTemplate,
                                    programmeIndex: Dictionary(uniqueKeysWithValues: programmeIDs.enumerated().map { ($1, $0) }),
                                    fileName: input.name, csvLayout: source.csvLayout, vocabulary: rules.vocabulary)
        startWorkers(context, pipeline)
        defer { pipeline.stop() }

        // The writer: restores input order.
        let header = writerTemplate.header()
        if !header.isEmpty { try header.withUnsafeBytes { try write($0) } }
        var pending = [Int: DoneChunk]()
        var nextSeq = 0
        var stats = Stats(programmes: programmeIDs.count)
        var lastProgress = start
        var interrupted = false
        while !pipeline.isFinished(written: nextSeq) && !interrupted {
            if shouldStop() { interrupted = true; break }
            guard let done = pipeline.done.take(timeoutSeconds: 0.1) else { continue }
            pending[done.seq] = done
            while let ready = pending.removeValue(forKey: nextSeq) {
                try ready.bytes.withUnsafeBytes { try write($0) }
                stats.add(ready.stats)
                nextSeq += 1
                pipeline.releaseTicket()
                if shouldStop() { interrupted = true; break }
            }
            if let progress, Evaluator.now() - lastProgress > 200_000_000 {
                lastProgress = Evaluator.now()
                progress(BatchProgress(rowsDone: stats.rows, bytesRead: source.bytes.bytesRead, totalBytes: source.bytes.totalBytes,
                                       elapsedSeconds: Double(lastProgress - start) / 1e9))
            }
        }
        // A stop seen first by the reader ends the input early, so the loop can end without
        // seeing it: the run was still stopped (the output is the first rows only).
        if shouldStop() { interrupted = true }
        if !interrupted, let failure = pipeline.failure { throw failure }
        let elapsed = Double(Evaluator.now() - start) / 1e9
        progress?(BatchProgress(rowsDone: stats.rows, bytesRead: source.bytes.bytesRead, totalBytes: source.bytes.totalBytes,
                                elapsedSeconds: elapsed))
        return BatchSummary(
            rowsRead: stats.rows, decided: stats.decided, rejected: stats.rejected,
            programmes: programmeIDs.enumerated().map { i, id in
                var outcomes = [Decision.Outcome: Int]()
                for (o, outcome) in Decision.Outcome.allCases.enumerated() { outcomes[outcome] = stats.outcomes[i * 5 + o] }
                return BatchSummary.ProgrammeCounts(programme: id, outcomes: outcomes, totalAwards: Money(pence: stats.awards[i]))
            },
            interrupted: interrupted, elapsedSeconds: elapsed)
    }

    /// Runs the batch into memory (for tests and small registers).
    public func run(input: BatchInput) throws -> (output: Data, summary: BatchSummary) {
        var output = Data()
        let summary = try run(input: input, write: { output.append(contentsOf: $0) })
        return (output, summary)
    }

    /// The reader: chunks of rows onto the work queue, then one end marker per worker.
    private func startReader(_ source: RowSource, _ pipeline: Pipeline, shouldStop: @escaping @Sendable () -> Bool) {
        let jobs = options.jobs
        let chunkSize = options.chunkSize
        let reader = Thread { [source, pipeline] in
            var seq = 0
            while !shouldStop() && pipeline.acquireTicket() {
                let chunk: [InputRow]?
                do throws(BatchError) { chunk = try source.next(chunkSize) } catch {
                    pipeline.fail(error)
                    chunk = nil
                }
                guard let chunk else { pipeline.releaseTicket(); break }
                pipeline.work.put(WorkChunk(seq: seq, rows: chunk))
                seq += 1
            }
            pipeline.finishReading(chunks: seq)
            for _ in 0..<jobs { pipeline.work.put(nil) }
        }
        reader.stackSize = 1 << 20
        reader.start()
    }

    /// The workers: each compiles the rules once, then decides chunk after chunk.
    private func startWorkers(_ context: WorkerContext, _ pipeline: Pipeline) {
        for _ in 0..<options.jobs {
            let worker = Thread { [pipeline, context] in
                let evaluator: Evaluator
                do {
                    evaluator = try Evaluator(rules: context.rules)
                } catch {
                    pipeline.fail(BatchError(message: "cannot load the rules: \(error)"))
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
    }
}
