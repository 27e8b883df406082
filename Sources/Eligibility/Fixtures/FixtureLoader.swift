import Foundation

/// Reads fixture files: YAML (or JSON of the same shape) holding regression cases.
///
/// A file is either a list of cases or a mapping with `cases:` (the list) and, optionally,
/// `businesses:` (named businesses cases can start from) and `description:` (free text).
/// A case:
///
/// ```yaml
/// - name: Wirral courier, 49 employees          # required, unique in the file
///   as_of: 2022-06-01T09:00                      # required: YYYY-MM-DD or YYYY-MM-DDTHH:MM (UK)
///   business:                                    # required: inline facts, and/or
///     base: wirral-courier                       #   start from a named business of this file
///     file: businesses/courier.yaml              #   or from a business file (relative to this file)
///     employees: 49                              #   facts here override; `null` makes one unknown
///   proposal: { vehicle: { kind: van } }         # optional: replaces the business's proposal
///   expect:                                      # per programme id; only the fields given are checked
///     clean-vehicle-switch:
///       outcome: eligible                        # eligible | ineligible | needs-information | closed | rule-error
///       award: 4500                              # pounds (4500, "£4,500.00"), or null for "no award"
///       failed: [small-firm]                     # the exact set of failed criterion ids
///       missing: [premises.epcBand]              # the exact set of missing facts
///     plug-in-van-grant: ineligible              # shorthand for { outcome: ineligible }
///   expect_all: true                             # optional: every programme must be named in expect
///   tags: [threshold, vans]                      # optional, for --tag
///   skip: waiting for the 2025 guidance          # optional: the case is reported as skipped
///   note: free text for the reader               # optional
/// ```
///
/// Businesses are checked against the rule book's fact vocabulary exactly as business files are.
/// Errors are `InputError`s with the file, the line and what is wrong; one bad case does not
/// stop the rest of its file from loading.
public enum FixtureLoader {
    /// File extensions read as fixtures.
    public static let extensions: Set<String> = ["yaml", "yml", "json"]
    /// Folders skipped when searching a directory: where `file:` businesses live.
    public static let businessFolderName = "businesses"

    /// Loads every fixture file under `paths` (files, or directories searched recursively for
    /// `.yaml`, `.yml` and `.json`, skipping folders named `businesses`), in name order.
    /// Relative paths are resolved against `base` (default: the current directory) but named
    /// in messages as given.
    public static func load(paths: [String], base: URL? = nil, vocabulary: Vocabulary) -> FixtureSet {
        var set = FixtureSet()
        let manager = FileManager.default
        let baseURL = base ?? URL(fileURLWithPath: manager.currentDirectoryPath)
        for path in paths {
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : baseURL.appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                set.problems.append(InputError(file: path, message: "no such fixture file or directory"))
                continue
            }
            let files: [(URL, String)]
            if isDirectory.boolValue {
                files = fixtureFiles(in: url).map { (url.appendingPathComponent($0), join(path, $0)) }
            } else {
                files = [(url, path)]
            }
            for (file, name) in files {
                set.files.append(name)
                let loaded = loadFile(file, displayName: name, vocabulary: vocabulary)
                set.cases += loaded.cases
                set.problems += loaded.problems
            }
        }
        return set
    }

    /// Relative paths of fixture files under a directory, sorted.
    static func fixtureFiles(in directory: URL) -> [String] {
        var found: [String] = []
        func walk(_ url: URL, _ prefix: String) {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
            for name in names where !name.hasPrefix(".") {
                let child = url.appendingPathComponent(name)
                var isDirectory: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: child.path, isDirectory: &isDirectory)
                let relative = prefix.isEmpty ? name : prefix + "/" + name
                if isDirectory.boolValue {
                    if name != businessFolderName { walk(child, relative) }
                } else if extensions.contains((name as NSString).pathExtension.lowercased()) {
                    found.append(relative)
                }
            }
        }
        walk(directory, "")
        return found.sorted()
    }

    private static func join(_ a: String, _ b: String) -> String {
        a.hasSuffix("/") ? a + b : a + "/" + b
    }

    /// Loads one fixture file; `displayName` is how messages name it.
    public static func loadFile(_ url: URL, displayName: String, vocabulary: Vocabulary) -> FixtureSet {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            return FixtureSet(problems: [InputError(file: displayName, message: "cannot read the file (\(error.localizedDescription))")], files: [displayName])
        }
        return parse(data, displayName: displayName, directory: url.deletingLastPathComponent(), vocabulary: vocabulary)
    }

    /// Parses the bytes of a fixture file. `directory` resolves `file:` businesses.
    public static func parse(_ data: Data, displayName: String, directory: URL, vocabulary: Vocabulary) -> FixtureSet {
        var set = FixtureSet(files: [displayName])
        do {
            let root = try parseDocument(data, fileName: displayName)
            var reader = Reader(file: displayName, directory: directory, vocabulary: vocabulary)
            set.cases = try reader.read(root)
            set.problems = reader.problems
        } catch let errors as InputErrors {
            set.problems += errors.errors
        } catch let error as InputError {
            set.problems.append(error)
        } catch {
            set.problems.append(InputError(file: displayName, message: "\(error)"))
        }
        return set
    }

    /// The document as a raw tree with lines. JSON is read with the YAML parser (JSON is YAML
    /// flow style), so JSON fixtures get lines too; if that fails, Foundation's JSON reader
    /// decides and its message is used.
    static func parseDocument(_ data: Data, fileName: String) throws -> RawNode {
        try BusinessFile.document(data, fileName: fileName, firstLine: 1)
    }
}

// MARK: - Reading the tree

private struct Reader {
    let file: String
    let directory: URL
    let vocabulary: Vocabulary
    var problems: [InputError] = []
    /// Named businesses of the file (raw, before overrides).
    var named: [String: RawNode] = [:]

    init(file: String, directory: URL, vocabulary: Vocabulary) {
        self.file = file
        self.directory = directory
        self.vocabulary = vocabulary
    }

    static let fileKeys = ["cases", "businesses", "description"]
    static let caseKeys = ["name", "as_of", "business", "proposal", "expect", "expect_all", "tags", "skip", "note"]
    static let expectKeys = ["outcome", "award", "failed", "missing"]

    func error(_ node: RawNode?, _ path: String, _ message: String, line: Int? = nil) -> InputError {
        InputError(file: file, line: line ?? node?.line, path: path, message: message)
    }

    mutating func read(_ root: RawNode) throws -> [FixtureCase] {
        let list: RawNode
        switch root.value {
        case .array:
            list = root
        case .object(let members):
            try checkKeys(members, allowed: Self.fileKeys, path: "", what: "a fixture file")
            guard let cases = members.first(where: { $0.key == "cases" })?.value else {
                throw error(root, "", "a fixture file needs `cases:` (a list of cases), or is itself a list of cases")
            }
            if let businesses = members.first(where: { $0.key == "businesses" })?.value {
                guard case .object(let entries) = businesses.value else {
                    throw error(businesses, "businesses", "expected a mapping of names to businesses, got \(businesses.gotDescription)")
                }
                for entry in entries { named[entry.key] = entry.value }
            }
            list = cases
        default:
            throw error(root, "", "expected a list of cases (or a mapping with `cases:`), got \(root.gotDescription)")
        }
        guard case .array(let items) = list.value else {
            throw error(list, "cases", "expected a list of cases, got \(list.gotDescription)")
        }
        var cases: [FixtureCase] = []
        var names: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            do {
                let fixture = try readCase(item, path: "cases[\(index)]")
                if let other = names[fixture.name] {
                    throw error(item, "cases[\(index)].name", "the case name \"\(fixture.name)\" is already used on line \(other); give each case its own name")
                }
                names[fixture.name] = fixture.line
                cases.append(fixture)
            } catch let problem as InputError {
                problems.append(problem)
            }
        }
        return cases
    }

    func checkKeys(_ members: [RawMember], allowed: [String], path: String, what: String) throws {
        var seen: Set<String> = []
        for member in members {
            let memberPath = path.isEmpty ? member.key : path + "." + member.key
            guard seen.insert(member.key).inserted else {
                throw error(member.value, memberPath, "'\(member.key)' is given more than once", line: member.line)
            }
            guard allowed.contains(member.key) else {
                var message = "unknown key '\(member.key)' in \(what)"
                message += Suggestion.didYouMean(member.key, among: allowed)
                message += " (allowed: \(allowed.joined(separator: ", ")))"
                throw error(member.value, memberPath, message, line: member.line)
            }
        }
    }

    func text(_ node: RawNode, _ path: String, _ what: String) throws -> String {
        switch node.value {
        case .string(let s): return s
        default:
            if let plain = node.plainText { return plain }
            throw error(node, path, "\(what) must be text, got \(node.gotDescription)")
        }
    }

    func bool(_ node: RawNode, _ path: String) throws -> Bool {
        guard case .bool(let b) = node.value else { throw error(node, path, "expected true or false, got \(node.gotDescription)") }
        return b
    }

    func textList(_ node: RawNode, _ path: String, _ what: String) throws -> [String] {
        switch node.value {
        case .array(let items):
            return try items.enumerated().map { try text($0.element, "\(path)[\($0.offset)]", what) }
        case .null:
            return []
        default:
            return [try text(node, path, what)]
        }
    }

    mutating func readCase(_ node: RawNode, path: String) throws -> FixtureCase {
        guard case .object(let members) = node.value else {
            throw error(node, path, "a case must be a mapping with name, as_of, business and expect; got \(node.gotDescription)")
        }
        let line = node.line ?? members.first?.line ?? 1
        func member(_ key: String) -> RawMember? { members.first { $0.key == key } }
        guard let nameMember = member("name") else {
            throw error(node, path, "the case has no `name:`; give it one a programme manager would recognise", line: line)
        }
        let name = try text(nameMember.value, path + ".name", "name")
        let casePath = path
        try checkKeys(members, allowed: Self.caseKeys, path: casePath, what: "case \"\(name)\"")

        guard let asOfMember = member("as_of") else {
            throw error(node, casePath, "case \"\(name)\" has no `as_of:` (YYYY-MM-DD or YYYY-MM-DDTHH:MM, UK local time)", line: line)
        }
        let asOfText = try text(asOfMember.value, casePath + ".as_of", "as_of")
        let asOf: AsOf
        do { asOf = try AsOf(parsing: asOfText) } catch {
            throw self.error(asOfMember.value, casePath + ".as_of", "\(error)", line: asOfMember.line)
        }

        guard let businessMember = member("business") else {
            throw error(node, casePath, "case \"\(name)\" has no `business:` (the facts inline, `base: NAME`, or `file: PATH`)", line: line)
        }
        var visiting: [String] = []
        var businessRaw = try resolveBusiness(businessMember.value, path: "business", visiting: &visiting)
        if let proposalMember = member("proposal"), !isNull(proposalMember.value), case .object(var members) = businessRaw.value {
            // The case's proposal replaces the business's whole.
            members.removeAll { $0.key == "proposal" }
            members.append(RawMember(key: "proposal", value: proposalMember.value, line: proposalMember.line))
            businessRaw = RawNode(value: .object(members), line: businessRaw.line)
        }
        var factReader = FactReader(vocabulary: vocabulary, file: file, pathPrefix: "business")
        guard let record = factReader.read(businessRaw) else { throw InputErrors(factReader.errors) }
        let business = BusinessFacts(vocabulary: vocabulary, record: record)

        var expectations: [Expectation] = []
        let expectMember = member("expect")
        let expectAll = try member("expect_all").map { try bool($0.value, casePath + ".expect_all") } ?? false
        if let expectMember, !isNull(expectMember.value) {
            guard case .object(let entries) = expectMember.value.value else {
                throw error(expectMember.value, "expect", "expect must map programme ids to what they should decide, got \(expectMember.value.gotDescription)", line: expectMember.line)
            }
            var seen: Set<String> = []
            for entry in entries {
                guard seen.insert(entry.key).inserted else {
                    throw error(entry.value, "expect.\(entry.key)", "programme '\(entry.key)' is given more than once", line: entry.line)
                }
                expectations.append(try readExpectation(entry))
            }
        }
        let skip = try member("skip").flatMap { isNull($0.value) ? nil : try text($0.value, casePath + ".skip", "skip (the reason)") }
        if expectations.isEmpty && !expectAll && skip == nil {
            throw error(node, casePath, "case \"\(name)\" checks nothing: add `expect:` with at least one programme (or `skip: reason`)", line: line)
        }
        let tags = try member("tags").map { try textList($0.value, casePath + ".tags", "a tag") } ?? []
        if let note = member("note") { _ = try text(note.value, casePath + ".note", "note") }

        return FixtureCase(name: name, file: file, line: line, asOf: asOf, business: business,
                           expectations: expectations, expectAll: expectAll, tags: tags, skip: skip)
    }

    func isNull(_ node: RawNode) -> Bool {
        if case .null = node.value { return true }
        return false
    }

    func readExpectation(_ entry: RawMember) throws -> Expectation {
        let programme = entry.key
        let path = "expect.\(programme)"
        let line = entry.line ?? entry.value.line ?? 1
        var expectation = Expectation(programme: programme, line: line)
        switch entry.value.value {
        case .string, .number, .bool:
            expectation.outcome = try outcome(entry.value, path)
            return expectation
        case .object(let members):
            try checkKeys(members, allowed: Self.expectKeys, path: path, what: "the expectation for \(programme)")
            for member in members {
                let memberPath = path + "." + member.key
                switch member.key {
                case "outcome": expectation.outcome = try outcome(member.value, memberPath)
                case "award": expectation.award = try award(member.value, memberPath)
                case "failed": expectation.failed = Set(try textList(member.value, memberPath, "a criterion id"))
                case "missing": expectation.missing = Set(try textList(member.value, memberPath, "a fact path"))
                default: break
                }
            }
            if expectation.outcome == nil && expectation.award == nil && expectation.failed == nil && expectation.missing == nil {
                throw error(entry.value, path, "the expectation for \(programme) checks nothing: give outcome, award, failed or missing", line: line)
            }
            return expectation
        default:
            throw error(entry.value, path, "expected an outcome (e.g. `\(programme): eligible`) or a mapping with outcome, award, failed, missing; got \(entry.value.gotDescription)", line: line)
        }
    }

    func outcome(_ node: RawNode, _ path: String) throws -> Decision.Outcome {
        let value = try text(node, path, "outcome")
        if let outcome = Decision.Outcome(rawValue: value) { return outcome }
        let all = Decision.Outcome.allCases.map(\.rawValue)
        var message = "unknown outcome \"\(value)\""
        message += Suggestion.didYouMean(value, among: all)
        throw error(node, path, message + " (outcomes: \(all.joined(separator: ", ")))")
    }

    func award(_ node: RawNode, _ path: String) throws -> Expectation.Award {
        switch node.value {
        case .null:
            return .none
        case .number(let text), .string(let text):
            switch ScalarReading.read(text, as: .money) {
            case .success(.money(let money)): return .amount(money)
            case .failure(let problem): throw error(node, path, problem.message)
            default: throw error(node, path, "expected an amount in pounds")
            }
        default:
            throw error(node, path, "an award is pounds (4500, \"£4,500.00\") or null for no award; got \(node.gotDescription)")
        }
    }

    /// The business tree after `base:`/`file:` and the overrides written with them.
    func resolveBusiness(_ node: RawNode, path: String, visiting: inout [String]) throws -> RawNode {
        guard case .object(let members) = node.value else {
            throw error(node, path, "expected the business's facts (a mapping), `base: NAME` or `file: PATH`; got \(node.gotDescription)")
        }
        var start: RawNode?
        var overrides: [RawMember] = []
        for member in members {
            switch member.key {
            case "base":
                guard start == nil else { throw error(member.value, path + ".base", "give either `base:` or `file:`, not both", line: member.line) }
                let name = try text(member.value, path + ".base", "base (a business named under `businesses:`)")
                guard let raw = named[name] else {
                    var message = "no business named \"\(name)\" under `businesses:` in this file"
                    message += Suggestion.didYouMean(name, among: Array(named.keys))
                    throw error(member.value, path + ".base", message, line: member.line)
                }
                if visiting.contains(name) {
                    throw error(member.value, path + ".base", "businesses refer to each other in a circle: \((visiting + [name]).joined(separator: " -> "))", line: member.line)
                }
                visiting.append(name)
                start = try resolveBusiness(raw, path: "businesses.\(name)", visiting: &visiting)
                visiting.removeLast()
            case "file":
                guard start == nil else { throw error(member.value, path + ".file", "give either `base:` or `file:`, not both", line: member.line) }
                let relative = try text(member.value, path + ".file", "file (a path relative to this fixture file)")
                start = try loadBusinessFile(relative, node: member.value, path: path + ".file")
            default:
                overrides.append(member)
            }
        }
        guard let start else { return RawNode(value: .object(overrides), line: node.line) }
        return merge(start, RawNode(value: .object(overrides), line: node.line))
    }

    func loadBusinessFile(_ relative: String, node: RawNode, path: String) throws -> RawNode {
        let url = relative.hasPrefix("/") ? URL(fileURLWithPath: relative) : directory.appendingPathComponent(relative)
        let shown = (file as NSString).deletingLastPathComponent.isEmpty ? relative : (file as NSString).deletingLastPathComponent + "/" + relative
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw error(node, path, "no such business file \(shown) (paths are relative to the fixture file)")
        }
        let raw = try BusinessFile.document(data, fileName: shown, firstLine: 1)
        // Check the file on its own first, so its mistakes are reported against it.
        _ = try BusinessFile.read(raw, fileName: shown, vocabulary: vocabulary)
        return raw
    }

    /// `over` laid on `base`: mappings merge key by key, anything else (lists, values, null) replaces.
    func merge(_ base: RawNode, _ over: RawNode) -> RawNode {
        guard case .object(var members) = base.value, case .object(let overs) = over.value else { return over }
        for member in overs {
            if let index = members.firstIndex(where: { $0.key == member.key }) {
                members[index] = RawMember(key: member.key, value: merge(members[index].value, member.value), line: member.line)
            } else {
                members.append(member)
            }
        }
        return RawNode(value: .object(members), line: over.line ?? base.line)
    }
}
