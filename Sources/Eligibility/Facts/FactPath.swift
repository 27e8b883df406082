/// Fact paths as decisions, errors and CSV headers write them: names joined by dots, list items
/// by their 0-based index (`fleet[0].fuel`, `premises.rateableValue`).
public enum FactPath {
    /// `path` with `name` added: `join("premises", "tenure")` is `premises.tenure`.
    public static func join(_ path: String, _ name: String) -> String {
        path.isEmpty ? name : path + "." + name
    }

    /// The path of item `index` (0-based) of the list at `path`: `fleet[0]`.
    public static func item(_ path: String, _ index: Int) -> String {
        "\(path)[\(index)]"
    }

    /// The path without list indexes or brackets, the key the vocabulary finds facts by:
    /// `fleet[2].fuel`, `fleet[].fuel` and `fleet.fuel` all give `fleet.fuel`.
    public static func key(of path: String) -> String {
        var out = ""
        var skipping = false
        for character in path {
            if skipping {
                if character == "]" { skipping = false }
                continue
            }
            if character == "[" { skipping = true; continue }
            out.append(character)
        }
        return out
    }
}

/// Ranges of numbers as a vocabulary writes them: `0 to 100`, `at least 1`, `at most 250`.
public enum RangeText {
    /// Reads a range; nil when the text is not one of the three forms.
    public static func parse(_ text: String) -> ClosedRange<Double>? {
        let words = text.lowercased().split(separator: " ").map(String.init)
        func number(_ s: String) -> Double? { Double(s.replacingOccurrences(of: ",", with: "")) }
        if words.count == 3, words[1] == "to", let low = number(words[0]), let high = number(words[2]), low <= high {
            return low...high
        }
        if words.count == 3, words[0] == "at", words[1] == "least", let low = number(words[2]) {
            return low...Double.greatestFiniteMagnitude
        }
        if words.count == 3, words[0] == "at", words[1] == "most", let high = number(words[2]) {
            return -Double.greatestFiniteMagnitude...high
        }
        return nil
    }

    /// `from 0 to 100`, `of at least 1`, `of at most 250`.
    public static func describe(_ range: ClosedRange<Double>) -> String {
        let low = range.lowerBound > -Double.greatestFiniteMagnitude ? show(range.lowerBound) : nil
        let high = range.upperBound < Double.greatestFiniteMagnitude ? show(range.upperBound) : nil
        switch (low, high) {
        case let (l?, h?): return "from \(l) to \(h)"
        case let (l?, nil): return "of at least \(l)"
        case let (nil, h?): return "of at most \(h)"
        default: return ""
        }
    }

    /// A bound as written: whole numbers without a decimal point.
    static func show(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
