import Crypto
import Foundation

/// The rule files of one rules directory, read once: the fact vocabulary (`DIR/facts.yaml`),
/// each programme's script (`DIR/*.lua`), the shared library folder (`DIR/lib/`), and a SHA-256
/// digest of them all, recorded in every decision so it can be audited later.
public struct RuleBook: Sendable {
    /// One programme's rule file.
    public struct File: Sendable, Hashable {
        /// The programme id the file is named for (`plug-in-van-grant`).
        public let stem: String
        /// The name messages use, e.g. `rules/plug-in-van-grant.lua`.
        public let displayName: String
        /// The file's text.
        public let source: String

        /// The line where the file declares its programme (`return programme {`), where a
        /// declaration problem with no line of its own is reported; 1 if there is none.
        public var programmeLine: Int {
            let bytes = Array(source.utf8)
            var number = 1, i = 0
            func skipBlanks() { while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 } }
            func word(_ w: [UInt8]) -> Bool {
                guard i + w.count <= bytes.count, Array(bytes[i..<(i + w.count)]) == w else { return false }
                i += w.count
                return true
            }
            while i < bytes.count {
                let start = i
                skipBlanks()
                if word(Array("return".utf8)) { skipBlanks() }
                if word(Array("programme".utf8)) {
                    skipBlanks()
                    if i < bytes.count, bytes[i] == 0x7B || bytes[i] == 0x28 { return number }
                }
                i = start
                while i < bytes.count, bytes[i] != 0x0A { i += 1 }
                i += 1
                number += 1
            }
            return 1
        }
    }

    /// The directory, as given.
    public let directory: URL
    /// How messages name the directory (`rules`).
    public let displayName: String
    /// The programme files, sorted by name.
    public let files: [File]
    /// Programme files that could not be used at all (not UTF-8 text, or too large).
    public let unreadable: [RuleProblem]
    /// The largest rule file accepted, in bytes.
    public static let maximumFileBytes = 1 << 20
    /// The shared helpers' folder.
    public let libraryFolder: URL
    /// The fact vocabulary (`facts.yaml`).
    public let vocabulary: Vocabulary
    /// `sha256:` and the hex digest of every file's name and content.
    public let digest: String

    /// Reads a rules directory. `displayName` defaults to the path as given.
    public init(directory: URL, displayName: String? = nil) throws {
        self.directory = directory
        let shown = displayName ?? directory.relativePath
        self.displayName = shown
        libraryFolder = directory.appendingPathComponent("lib")
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RuleBookError(message: "\(shown): no such rules directory (use --rules DIR or set ELIGIBLE_RULES)")
        }
        func luaFiles(in folder: URL) -> [String] {
            ((try? manager.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".lua") }.sorted()
        }
        let vocabularyURL = directory.appendingPathComponent(VocabularyLoader.fileName)
        do {
            vocabulary = try VocabularyLoader.load(vocabularyURL, displayName: "\(shown)/\(VocabularyLoader.fileName)")
        } catch {
            throw RuleBookError(message: error.description, vocabularyProblems: error.problems)
        }
        var hasher = SHA256()
        if let data = FileManager.default.contents(atPath: vocabularyURL.path) {
            hasher.update(data: Data("\(shown)/\(VocabularyLoader.fileName)\0\(data.count)\0".utf8))
            hasher.update(data: data)
        }
        var files = [File]()
        var unreadable = [RuleProblem]()
        for (folder, prefix) in [(directory, shown), (libraryFolder, shown + "/lib")] {
            for name in luaFiles(in: folder) {
                let data = try Data(contentsOf: folder.appendingPathComponent(name))
                hasher.update(data: Data("\(prefix)/\(name)\0\(data.count)\0".utf8))
                hasher.update(data: data)
                guard folder == directory else { continue }
                let stem = String(name.dropLast(4)), shownName = "\(shown)/\(name)"
                if data.count > RuleBook.maximumFileBytes {
                    unreadable.append(RuleProblem(programme: stem, diagnostic: RuleDiagnostic(file: shownName, line: 1, code: "file",
                        message: "the file is \(data.count / 1024) KiB; a rule file may be at most \(RuleBook.maximumFileBytes / 1024) KiB (move data into rules/lib/ or split the programme)")))
                } else if let source = String(data: data, encoding: .utf8) {
                    files.append(File(stem: stem, displayName: shownName, source: source))
                } else {
                    unreadable.append(RuleProblem(programme: stem, diagnostic: RuleDiagnostic(file: shownName, line: 1, code: "file",
                        message: "the file is not UTF-8 text; save it as UTF-8")))
                }
            }
        }
        self.files = files
        self.unreadable = unreadable
        digest = "sha256:" + hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}

/// A rules directory that cannot be used at all: it is missing, or its fact vocabulary has
/// mistakes (each in `vocabularyProblems`, at its line).
public struct RuleBookError: Error, CustomStringConvertible, Sendable {
    /// What is wrong and where.
    public let message: String
    /// The vocabulary's problems, when that is what is wrong.
    public var vocabularyProblems: [VocabularyLoader.Problem] = []
    public var description: String { message }
}

/// A rule file that did not load: its programme decides `rule-error` until it is fixed.
public struct RuleProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// The programme id the file is named for.
    public let programme: String
    /// Where and what.
    public let diagnostic: RuleDiagnostic
    /// `rules/x.lua:LINE: message`.
    public var message: String { diagnostic.description }
    public var description: String { message }
}
