/// "Did you mean ...?": the one place a misspelt name is matched against the names it could
/// have meant (facts, fields, programme keys, CSV columns, values).
public enum Suggestion {
    /// The closest of `names` to a misspelt `word` (same letters ignoring case, or within a
    /// small edit distance), if any is close enough to be a likely typo.
    public static func closest(to word: String, among names: [String]) -> String? {
        let lower = word.lowercased()
        if let same = names.first(where: { $0.lowercased() == lower }) { return same }
        var best: (name: String, distance: Int)?
        for name in names {
            let d = editDistance(lower, name.lowercased())
            if d < (best?.distance ?? Int.max) { best = (name, d) }
        }
        guard let best else { return nil }
        let allowed = max(1, min(3, max(word.count, best.name.count) / 3))
        return best.distance <= allowed ? best.name : nil
    }

    /// `; did you mean 'x'?` when a name is close enough, else an empty string.
    public static func didYouMean(_ word: String, among names: [String]) -> String {
        closest(to: word, among: names).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// Edit distance between two strings, by characters: insertions, deletions, substitutions
    /// and swaps of two neighbouring characters each count one (optimal string alignment).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.prefix(200)), b = Array(b.prefix(200))
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
