/// One reply to an interview question, as typed.
enum InterviewReply: Equatable {
    /// An answer to the question (checked against the vocabulary when recorded).
    case answer(String)
    /// Any fact given as `PATH = VALUE`.
    case set(path: String, value: String)
    /// "Don't know": leave it unknown and go on.
    case skip
    /// Undo the last reply.
    case back
    /// Stop, save and show the result.
    case quit
    /// The list of replies.
    case help
    /// Nothing typed.
    case empty

    /// The reply `line` stands for; `isFact` says whether a text names a fact (for `PATH = VALUE`).
    init(_ line: String, isFact: (String) -> Bool) {
        let text = line.trimmingCharacters(in: .whitespaces)
        switch text.lowercased() {
        case "": self = .empty
        case "skip", "don't know", "dont know", "do not know", "not known", "dk": self = .skip
        case "back", "undo": self = .back
        case "quit", "exit", "stop", "done": self = .quit
        case "help", "?": self = .help
        case "na", "not applicable", "n/a", "does not apply": self = .answer("does not apply")
        default:
            if let equals = text.firstIndex(of: "=") {
                let path = text[..<equals].trimmingCharacters(in: .whitespaces)
                if isFact(path) {
                    self = .set(path: path, value: text[text.index(after: equals)...].trimmingCharacters(in: .whitespaces))
                    return
                }
            }
            self = .answer(text)
        }
    }

    /// What each reply does, for `help`.
    static let guide = """
          An answer is checked against the fact vocabulary: money in pounds (38000 or £38,000),
          dates like 2021-06-30, yes or no, one of the values listed.
          skip, don't know      leave it unknown and go on (it is not asked again)
          n/a, does not apply   it does not apply to this business (no hire planned, no van to buy)
          back                  undo the last reply and ask that question again
          quit                  stop: save the answers so far and show the result
          PATH = VALUE          give any fact, asked or not, e.g. employees = 12
          help, ?               this list

        """
}
