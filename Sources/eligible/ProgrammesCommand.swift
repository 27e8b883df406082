import ArgumentParser
import Eligibility
import Foundation

/// `eligible programmes`: what the rule book holds, open or closed at an instant.
struct ProgrammesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "programmes",
        abstract: "List the programmes loaded: open or closed at an instant, window, maximum award, file.",
        discussion: """
            Each programme shows its title and the published sources its figures come from. Rule \
            files that fail to load are listed too, with their error, so the list is the whole \
            rule book. When none is open at the instant, the last line says which window was the \
            most recent (or opens next), so you know what to pass to --as-of.

            Example:
              eligible programmes --as-of 2022-06-01
              eligible programmes --format json

            \(ExitCode.documentation)
            """
    )

    @OptionGroup var asOf: AsOfOption
    @OptionGroup var rules: RulesOption

    @Option(name: .long, help: "Output format: text (a table), json (a list of programme descriptions) or markdown.")
    var format: ReportFormat = .text

    /// One row of the JSON output.
    struct Row: Encodable {
        var id: String
        var title: String?
        var open: Bool?
        var openFrom: String?
        var openTo: String?
        /// The most the programme ever pays, integer pence.
        var maximum: Money?
        /// The published sources its figures come from.
        var sources: [String]?
        var file: String
        var line: Int?
        var criteria: [String]?
        var error: String?
    }

    func validate() throws {
        _ = try asOf.instant()
    }

    func run() throws {
        try runCommand {
            let session = try Session(rules: rules, asOf: asOf)
            var rows = session.programmes.map { p in
                Row(id: p.id, title: p.title, open: p.open, openFrom: p.openFrom, openTo: p.openTo, maximum: p.maximum,
                    sources: p.sources, file: p.file, line: p.line, criteria: p.criteria.map(\.id), error: nil)
            }
            let files = Dictionary(session.evaluator.rules.files.map { ($0.stem, $0.displayName) }, uniquingKeysWith: { a, _ in a })
            rows += session.evaluator.problems.map { problem in
                Row(id: problem.programme, file: files[problem.programme] ?? problem.programme, error: problem.message)
            }
            rows.sort { $0.id < $1.id }
            switch format {
            case .json:
                try Output.write(try Output.json(rows) + "\n")
            case .text:
                let header = ["PROGRAMME", "STATUS", "WINDOW", "MAXIMUM", "FILE"]
                let table = rows.map { row in
                    [row.id, status(row), Output.window(from: row.openFrom, to: row.openTo), row.maximum?.formatted ?? "",
                     row.line.map { "\(row.file):\($0)" } ?? row.file]
                }
                var widths = header.map(\.count)
                for line in table { for (i, cell) in line.enumerated() { widths[i] = max(widths[i], cell.count) } }
                func pad(_ cells: [String]) -> String {
                    cells.enumerated().map { i, cell in i == cells.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                        .joined(separator: "  ")
                }
                var out = "Programmes as at \(session.asOf) (rules: \(rules.directory))\n\n" + Output.bold(pad(header)) + "\n"
                for (row, cells) in zip(rows, table) {
                    out += pad(cells) + "\n"
                    if let title = row.title { out += "  " + Output.dim(title) + "\n" }
                    for source in row.sources ?? [] { out += "  " + Output.dim("source: " + source) + "\n" }
                    if let error = row.error { out += "  " + error + "\n" }
                }
                try Output.write(out + "\n" + openSummary(rows, at: session.asOf) + "\n")
            case .markdown:
                var out = "# Programmes as at \(session.asOf)\n\n| Programme | Title | Status | Window | Maximum | File |\n|---|---|---|---|---|---|\n"
                for row in rows {
                    out += "| `\(row.id)` | \(row.title ?? "") | \(status(row)) | \(Output.window(from: row.openFrom, to: row.openTo)) | \(row.maximum?.formatted ?? "") | `\(row.file)` |\n"
                }
                try Output.write(out + "\n" + openSummary(rows, at: session.asOf) + "\n")
            }
        }
    }

    /// "3 of 27 programmes are open at ...", or, when none is, the most recent window (or the
    /// next one to open) and what to pass to --as-of.
    private func openSummary(_ rows: [Row], at instant: AsOf) -> String {
        let open = rows.filter { $0.open == true }
        let at = instant.description
        if !open.isEmpty { return "\(open.count) of \(rows.count) programmes are open at \(at)." }
        let windows = rows.filter { $0.error == nil && $0.openFrom != nil }
        // Instants and days compare as text ("2021-03-31" < "2021-03-31T17:00" < "2021-04-01").
        let ended = windows.filter { ($0.openTo ?? "~") < at }.max { ($0.openTo ?? "") < ($1.openTo ?? "") }
        let next = windows.filter { ($0.openFrom ?? "") > at }.min { ($0.openFrom ?? "") < ($1.openFrom ?? "") }
        var text = "No programme is open at \(at)."
        if let ended, let to = ended.openTo {
            text += " The most recent window was \(ended.id), \(Output.window(from: ended.openFrom, to: to)):"
                + " try --as-of \(String(to.prefix(10)))."
        } else if let next, let from = next.openFrom {
            text += " The first to open is \(next.id), from \(from): try --as-of \(String(from.prefix(10)))."
        }
        return text
    }

    private func status(_ row: Row) -> String {
        if row.error != nil { return "rule error" }
        return row.open == true ? "open" : "closed"
    }
}
