import ArgumentParser
import Eligibility
import Foundation
import Synchronization

/// The signal that asked the run to stop (SIGINT or SIGTERM), 0 until one does; set by the
/// signal handler, polled by the batch runner's threads (a lock-free atomic: safe in a signal
/// handler and free of data races).
private let stopSignal = Atomic<Int32>(0)

/// `eligible batch`: screens a whole register (JSON Lines or CSV) against every programme.
struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Screen a register of businesses (JSON Lines or CSV) against every programme.",
        discussion: """
            Every input row gives exactly one output row, in input order: its decisions, or a \
            rejection naming the line (and for CSV the column) and the field that was wrong. Bad \
            rows never stop the run; the exit code is 1 when any row was rejected (0 with \
            --rejected-ok, for pipelines such as Spark that read the rejections from the output). \
            Ctrl-C or SIGTERM stops cleanly: the output holds only complete rows, the first ones \
            of the input, and the message says how many. See the README's "Batch screening" \
            section for the layouts, and `eligible facts --template csv` for a CSV header.

            Example:
              eligible batch register.jsonl --as-of 2022-06-01 --out decisions.jsonl --summary
              eligible batch register.csv --format csv --programme restart-grant
              cat register.jsonl | eligible batch - --rejected-ok > decisions.jsonl

            \(ExitCode.documentation)
            """)

    @Argument(help: "The register: a .jsonl or .csv file, or - for standard input.")
    var input: String

    @Option(name: .long, help: "Write results to this file (default: standard output).")
    var out: String?

    @Option(name: .long, help: "Output format: jsonl or csv (default: jsonl).")
    var format: String = "jsonl"

    @Option(name: .long, help: "Input format: jsonl or csv (default: from the file name; stdin is jsonl).")
    var inputFormat: String?

    @Option(name: .long, help: "Worker threads, each with its own Lua state (default: all cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, parsing: .upToNextOption, help: "Only these programmes (ids; repeatable).")
    var programme: [String] = []

    @Flag(name: .long, help: "Print a summary (rows, outcomes per programme, award totals) to stderr at the end.")
    var summary = false

    @Flag(name: .long, help: "Exit 0 when rows were rejected (each still has its output row and is counted on stderr).")
    var rejectedOk = false

    @OptionGroup var rulesOption: RulesOption
    @OptionGroup var asOfOption: AsOfOption

    func validate() throws {
        guard BatchFormat(rawValue: format) != nil else { throw ValidationError("--format must be jsonl or csv") }
        if let inputFormat, BatchFormat(rawValue: inputFormat) == nil { throw ValidationError("--input-format must be jsonl or csv") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let asOf = try asOfOption.instant()
        try runCommand {
            let rules = try rulesOption.ruleBook()
            if input != "-" { try requireInput(input, folderAllowed: false) }
            let options = BatchOptions(
                inputFormat: inputFormat.flatMap(BatchFormat.init(rawValue:)) ?? (input == "-" ? .jsonl : BatchFormat.guess(fileName: input)),
                outputFormat: BatchFormat(rawValue: format) ?? .jsonl, jobs: jobs, asOf: asOf,
                programmes: programme.isEmpty ? nil : Set(programme))
            let runner: BatchRunner
            do { runner = try BatchRunner(rules: rules, options: options) } catch let error as BatchError {
                throw Failure(error)
            }
            let output = try out.map { path throws(Failure) in try OutputFile.create(path) } ?? .standardOutput
            for signalNumber in [SIGINT, SIGTERM] {
                signal(signalNumber) { received in
                    if stopSignal.load(ordering: .relaxed) != 0 { _exit(128 + received) } // a second signal stops at once
                    stopSignal.store(received, ordering: .relaxed)
                }
            }
            // A parent that spawned us from a thread blocking signals (libdispatch's do) passes
            // that mask on: unblock both here, before the run's threads inherit it.
            var stopSignals = sigset_t()
            sigemptyset(&stopSignals)
            sigaddset(&stopSignals, SIGINT)
            sigaddset(&stopSignals, SIGTERM)
            pthread_sigmask(SIG_UNBLOCK, &stopSignals, nil)
            let bar = isatty(STDERR_FILENO) != 0 ? ProgressBar() : nil
            let result: BatchSummary
            do {
                result = try runner.run(input: .path(input), write: { bytes in try output.write(bytes) },
                                        progress: bar.map { bar in { bar.show($0) } }, shouldStop: { stopSignal.load(ordering: .relaxed) != 0 })
            } catch let error as BatchError {
                bar?.clear()
                throw Failure(error)
            } catch {
                bar?.clear()
                throw error
            }
            bar?.clear()
            try output.close()
            if summary { printSummary(result) }
            if result.interrupted {
                let name = stopSignal.load(ordering: .relaxed) == SIGTERM ? "SIGTERM" : "Ctrl-C"
                Terminal.error("stopped by \(name): the output holds the first \(result.rowsRead) rows, each complete (\(result.decided) decided, \(result.rejected) rejected)")
                throw stopSignal.load(ordering: .relaxed) == SIGTERM ? ExitCode.terminated : ExitCode.interrupted
            }
            if result.rejected > 0 {
                if !summary {
                    Terminal.error("\(result.rejected) of \(result.rowsRead) rows rejected (see their \"rejected\" output rows)")
                }
                if !rejectedOk { throw Failure.findings }
            }
        }
    }

    private func printSummary(_ s: BatchSummary) {
        var text = "rows read \(s.rowsRead), decided \(s.decided), rejected \(s.rejected) in \(String(format: "%.2f", s.elapsedSeconds)) s"
        if s.elapsedSeconds > 0 { text += " (\(Int(Double(s.rowsRead) / s.elapsedSeconds)) rows/s)" }
        text += "\n"
        let outcomes = Decision.Outcome.allCases
        let width = max(9, s.programmes.map(\.programme.count).max() ?? 0)
        func pad(_ t: String, _ w: Int, left: Bool = false) -> String {
            let fill = String(repeating: " ", count: max(0, w - t.count))
            return left ? t + fill : fill + t
        }
        text += pad("programme", width, left: true)
        for o in outcomes { text += "  " + pad(o.rawValue, max(8, o.rawValue.count)) }
        text += "  " + pad("total awards", 16) + "\n"
        for p in s.programmes {
            text += pad(p.programme, width, left: true)
            for o in outcomes { text += "  " + pad(String(p.outcomes[o] ?? 0), max(8, o.rawValue.count)) }
            text += "  " + pad(p.totalAwards.formatted, 16) + "\n"
        }
        Terminal.standardError(text)
    }
}

/// A one-line progress bar on stderr: rows done, rows/s, and an ETA when the input size is known.
private final class ProgressBar {
    func show(_ p: BatchProgress) {
        let rate = p.elapsedSeconds > 0 ? Double(p.rowsDone) / p.elapsedSeconds : 0
        var line = "\r\(p.rowsDone) rows  \(Int(rate)) rows/s"
        if let total = p.totalBytes, total > 0, p.bytesRead > 0 {
            let fraction = min(1, Double(p.bytesRead) / Double(total))
            let width = 30
            let filled = Int(fraction * Double(width))
            line = "\r[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] "
                + "\(Int(fraction * 100))%  \(p.rowsDone) rows  \(Int(rate)) rows/s"
            if fraction > 0.01 {
                let eta = Int(p.elapsedSeconds / fraction - p.elapsedSeconds)
                line += "  ETA \(eta / 60):" + String(format: "%02d", eta % 60)
            }
        }
        Terminal.standardError(line + "\u{1B}[K")
    }

    func clear() {
        Terminal.standardError("\r\u{1B}[K")
    }
}

extension Failure {
    /// The failure a batch error is: bad input (65), no input (66) or a read error (74).
    init(_ error: BatchError) {
        switch error.kind {
        case .badInput: self = .badInput(error.message)
        case .noInput: self = .noInput(error.message)
        case .readError: self = .output(error.message)
        }
    }
}
