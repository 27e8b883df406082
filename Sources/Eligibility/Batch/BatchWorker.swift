import Foundation

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
            case .malformed(let l, let error):
                return (l, .rejected(error))
            }
        } catch let errors as InputErrors {
            return (row.line, .rejected(errors.first))
        } catch let error as InputError {
            return (row.line, .rejected(error))
        } catch {
            return (row.line, .rejected(InputError(file: fileName, line: row.line, message: "\(error)")))
        }
        do {
            let decisions = try evaluator.evaluate(business, asOf: options.asOf, programmes: options.programmes)
            return (line, .decided(id: business.id, decisions: decisions))
        } catch {
            return (line, .rejected(InputError(file: fileName, line: line, message: "the engine failed on this row: \(error)")))
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
