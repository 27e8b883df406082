import CLibCSV

/// What one input row became: its decisions, or why it was rejected.
package enum RowResult {
    case decided(id: String?, decisions: [Decision])
    case rejected(InputError)
}

/// Writes result rows in the output format. A pure function of each row (plus the run's
/// constant as-of instant, rule digest and engine version), so any number of jobs writes the
/// same bytes.
///
/// JSON Lines output, one object per input row, in input order:
///
///     {"line":1,"id":"B-1","asOf":"2022-06-01T00:00","rulesDigest":"sha256:...","engineVersion":"0.1.0",
///      "decisions":[{"programme":"small-business-grant-fund","outcome":"ineligible","failed":["in-england"]}, ...]}
///     {"line":2,"rejected":{"path":"fleet[0].fuel","message":"expected one of ...","error":"in.jsonl:2: fleet[0].fuel: ..."}}
///
/// A decision holds `programme` and `outcome` always, and only when they apply: `award`
/// (integer pence), `awardCapped` (true), `awardExplanation`, `failed` (criterion ids),
/// `missing` (fact paths), `error` (`file:line: message`).
///
/// CSV output: a header row, then one record per input row with the columns `line`, `id`,
/// `status` (`decided` or `rejected`), `rejection` (the error), and for each programme P in
/// rule-book order: `P.outcome`, `P.award` (pence), `P.failed` and `P.missing` (`;`-separated),
/// `P.error`.
package struct BatchRowWriter {
    let format: BatchFormat
    /// Programme ids in column order.
    let programmes: [String]
    private let constantFields: [UInt8]

    package init(format: BatchFormat, programmes: [String], asOf: String, rulesDigest: String, engineVersion: String) {
        self.format = format
        self.programmes = programmes
        var constant = [UInt8]()
        constant.append(contentsOf: #","asOf":"#.utf8); JSONBytes.string(asOf, into: &constant)
        constant.append(contentsOf: #","rulesDigest":"#.utf8); JSONBytes.string(rulesDigest, into: &constant)
        constant.append(contentsOf: #","engineVersion":"#.utf8); JSONBytes.string(engineVersion, into: &constant)
        constantFields = constant
    }

    /// The CSV header row (empty for JSON Lines).
    func header() -> [UInt8] {
        guard format == .csv else { return [] }
        var fields = ["line", "id", "status", "rejection"]
        for p in programmes {
            fields += ["\(p).outcome", "\(p).award", "\(p).failed", "\(p).missing", "\(p).error"]
        }
        return csvRecord(fields)
    }

    package func write(line: Int, _ result: RowResult, into out: inout [UInt8]) {
        switch format {
        case .jsonl: jsonl(line: line, result, into: &out)
        case .csv: out.append(contentsOf: csv(line: line, result))
        }
    }

    private func jsonl(line: Int, _ result: RowResult, into out: inout [UInt8]) {
        out.append(contentsOf: #"{"line":"#.utf8)
        JSONBytes.integer(line, into: &out)
        switch result {
        case .decided(let id, let decisions):
            if let id {
                out.append(contentsOf: #","id":"#.utf8)
                JSONBytes.string(id, into: &out)
            }
            out.append(contentsOf: constantFields)
            out.append(contentsOf: #","decisions":["#.utf8)
            for (n, d) in decisions.enumerated() {
                if n > 0 { out.append(0x2C) }
                out.append(contentsOf: #"{"programme":"#.utf8)
                JSONBytes.string(d.programme, into: &out)
                out.append(contentsOf: #","outcome":""#.utf8)
                out.append(contentsOf: d.outcome.rawValue.utf8)
                out.append(0x22)
                if let award = d.award {
                    out.append(contentsOf: #","award":"#.utf8)
                    JSONBytes.integer(award.pence, into: &out)
                }
                if d.awardCapped == true { out.append(contentsOf: #","awardCapped":true"#.utf8) }
                if let explanation = d.awardExplanation {
                    out.append(contentsOf: #","awardExplanation":"#.utf8)
                    JSONBytes.string(explanation, into: &out)
                }
                if !d.failed.isEmpty {
                    out.append(contentsOf: #","failed":"#.utf8)
                    JSONBytes.strings(d.failed, into: &out)
                }
                if !d.missing.isEmpty {
                    out.append(contentsOf: #","missing":"#.utf8)
                    JSONBytes.strings(d.missing, into: &out)
                }
                if let error = d.error {
                    out.append(contentsOf: #","error":"#.utf8)
                    JSONBytes.string(error, into: &out)
                }
                out.append(0x7D)
            }
            out.append(contentsOf: "]}\n".utf8)
        case .rejected(let error):
            out.append(contentsOf: #","rejected":{"path":"#.utf8)
            JSONBytes.string(error.path, into: &out)
            out.append(contentsOf: #","message":"#.utf8)
            JSONBytes.string(error.message, into: &out)
            out.append(contentsOf: #","error":"#.utf8)
            JSONBytes.string(error.description, into: &out)
            out.append(contentsOf: "}}\n".utf8)
        }
    }

    private func csv(line: Int, _ result: RowResult) -> [UInt8] {
        var fields = [String(line)]
        switch result {
        case .decided(let id, let decisions):
            fields += [id ?? "", "decided", ""]
            var byProgramme = [String: Decision]()
            for d in decisions { byProgramme[d.programme] = d }
            for p in programmes {
                guard let d = byProgramme[p] else { fields += ["", "", "", "", ""]; continue }
                fields += [d.outcome.rawValue, d.award.map { String($0.pence) } ?? "",
                           d.failed.joined(separator: ";"), d.missing.joined(separator: ";"), d.error ?? ""]
            }
        case .rejected(let error):
            fields += ["", "rejected", error.description]
            fields += Array(repeating: "", count: 5 * programmes.count)
        }
        return csvRecord(fields)
    }

    /// One CSV record, LF-terminated. A cell is put in quotes (by libcsv's `csv_write`, which
    /// doubles the quotes inside) only when it needs them, so plain values stay plain.
    private func csvRecord(_ fields: [String]) -> [UInt8] {
        var out = [UInt8]()
        for (i, field) in fields.enumerated() {
            if i > 0 { out.append(0x2C) }
            let bytes = Array(field.utf8)
            let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
            let needsQuotes = bytes.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
                || bytes.first.map(blank) == true || bytes.last.map(blank) == true
            guard needsQuotes else { out.append(contentsOf: bytes); continue }
            let size = csv_write(nil, 0, bytes, bytes.count)
            var quoted = [UInt8](repeating: 0, count: size)
            _ = csv_write(&quoted, size, bytes, bytes.count)
            out.append(contentsOf: quoted)
        }
        out.append(0x0A)
        return out
    }
}
