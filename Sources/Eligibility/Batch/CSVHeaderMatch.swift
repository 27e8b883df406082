/// The facts a spreadsheet header that names no fact could mean, for the message that refuses
/// it: `Local Authority` could mean `address.localAuthority`, `No. of employees` could mean
/// `employees`.
///
/// Every fact that holds a value (not a group) is a candidate column, written as a CSV header
/// writes it (`fleet[0].fuel`). Candidates are ranked, and only the best rank is given (at most
/// three): the header is the fact's name or path ignoring case, spaces and punctuation; it is
/// a likely typo of it (`Suggestion`); it shares a word with the name (`employee` and
/// `employees`); one starts with the other's first five letters; its words are in the fact's
/// meaning (the more the better).
enum CSVHeaderMatch {
    /// A fact a header could mean: its column name and its meaning.
    struct Candidate: Equatable {
        var column: String
        var meaning: String
    }

    /// Words too common in meanings to say anything.
    private static let commonWords: Set<String> = ["the", "and", "for", "its", "from", "with", "that", "business", "whether", "number"]

    /// The facts `header` could mean, best first (at most three).
    static func candidates(for header: String, in vocabulary: Vocabulary) -> [Candidate] {
        let wanted = letters(header)
        let wantedLast = letters(String(header.split(separator: ".").last ?? ""))
        let headerWords = Set(words(header).map(singular))
        var scored = [(rank: Int, candidate: Candidate)]()
        for fact in vocabulary.facts where fact.type.recordType == nil {
            let column = fact.path.replacingOccurrences(of: "[]", with: "[0]")
            let name = letters(fact.name)
            let rank: Int
            if wanted == name || wanted == letters(column) {
                rank = 0
            } else if Suggestion.closest(to: wantedLast, among: [name]) != nil || Suggestion.closest(to: wanted, among: [letters(column)]) != nil {
                rank = 1
            } else if !headerWords.isDisjoint(with: words(fact.name).map(singular)) {
                rank = 2
            } else if wanted.count >= 5, name.count >= 5, wanted.hasPrefix(name.prefix(5)) || name.hasPrefix(wanted.prefix(5)) {
                rank = 3
            } else {
                let shared = headerWords.intersection(words(fact.meaning).map(singular)).count
                guard shared > 0, shared * 2 >= headerWords.count else { continue }
                rank = 10 - shared
            }
            scored.append((rank, Candidate(column: column, meaning: fact.meaning)))
        }
        let best = scored.map(\.rank).min()
        return scored.filter { $0.rank == best }.sorted { $0.candidate.column < $1.candidate.column }.prefix(3).map(\.candidate)
    }

    /// The text's letters and digits, lower-cased: `Local Authority` is `localauthority`.
    private static func letters(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }.map(Character.init))
    }

    /// The words of a text or a camelCase name worth matching: lower-cased, three letters or
    /// more, not too common (`rateableValue` is `rateable`, `value`).
    private static func words(_ text: String) -> [String] {
        var spaced = ""
        for character in text {
            if character.isUppercase { spaced.append(" ") }
            spaced.append(character)
        }
        return spaced.lowercased().split { !$0.isLetter }.map(String.init).filter { $0.count >= 3 && !commonWords.contains($0) }
    }

    /// A word without a plural `s`, so `employee` meets `employees`.
    private static func singular(_ word: String) -> String {
        word.count > 3 && word.hasSuffix("s") ? String(word.dropLast()) : word
    }
}
