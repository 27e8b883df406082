import Eligibility
import Foundation

/// The fuzzer's token dictionary: the syntax tokens of `fuzz/fuzz-business.dict` plus, from the
/// fact vocabulary, every fact name as a JSON key and a YAML key and every listed value, so a
/// fact added to `rules/facts.yaml` is in the dictionary without anyone editing it.
enum FuzzDictionary {
    /// The dictionary's lines for `vocabulary`, after `syntax` (the hand-kept syntax tokens).
    static func lines(syntax: String, vocabulary: Vocabulary) -> [String] {
        var tokens = [String]()
        var seen = Set<String>()
        func add(_ token: String) {
            guard seen.insert(token).inserted else { return }
            tokens.append("\"" + token.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? String($0) : escaped($0) }.joined() + "\"")
        }
        for name in vocabulary.names {
            add("\"\(name)\":")
            add("\(name): ")
        }
        for fact in vocabulary.facts {
            switch fact.type {
            case .oneOf(let list), .severalOf(let list): for value in list.valueNames { add("\"\(value)\"") }
            default: break
            }
        }
        return syntax.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) + tokens
    }

    /// A scalar in libFuzzer's escape form: `\xHH` per UTF-8 byte.
    private static func escaped(_ scalar: Unicode.Scalar) -> String {
        String(scalar).utf8.map { String(format: "\\x%02x", $0) }.joined()
    }

    /// Replaces a `-dict=PATH` argument with a dictionary made from PATH and the vocabulary,
    /// written to a temporary file; the arguments unchanged when there is none.
    static func expandingDictionary(in arguments: [String], vocabulary: Vocabulary) -> [String] {
        arguments.map { argument in
            guard argument.hasPrefix("-dict="), let syntax = try? String(contentsOfFile: String(argument.dropFirst(6)), encoding: .utf8) else {
                return argument
            }
            let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("fuzz-business-\(getpid()).dict")
            let text = lines(syntax: syntax, vocabulary: vocabulary).joined(separator: "\n") + "\n"
            guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else { return argument }
            return "-dict=" + path
        }
    }
}
