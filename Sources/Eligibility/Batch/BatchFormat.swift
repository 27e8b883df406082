/// The two formats `eligible batch` reads and writes.
public enum BatchFormat: String, Sendable, CaseIterable {
    /// JSON Lines: one JSON object per line.
    case jsonl
    /// Comma-separated values with a header row (see `CSVLayout` for input columns).
    case csv

    /// The format a file name suggests (`.csv` is CSV, anything else JSON Lines).
    public static func guess(fileName: String) -> BatchFormat {
        fileName.lowercased().hasSuffix(".csv") ? .csv : .jsonl
    }
}
