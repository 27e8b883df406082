import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// JUnit XML for CI systems, built with Foundation's `XMLDocument` (so every name and message is
/// escaped by the XML library, never by hand).
///
/// One `<testsuite>` per fixture file, one `<testcase>` per case: `<failure>` for FAIL (the
/// expected-vs-actual text), `<error>` for ERROR, `<skipped>` for SKIP. `tests`, `failures`,
/// `errors` and `skipped` are counted on every suite and on `<testsuites>`; failures + errors
/// is the "N failed" of the summary line.
public enum JUnitReport {
    /// The report as XML text.
    public static func xml(results: [CaseResult], suiteName: String = "eligible fixtures") -> String {
        document(results: results, suiteName: suiteName).xmlString(options: [.nodePrettyPrint]) + "\n"
    }

    /// The report as an `XMLDocument`.
    public static func document(results: [CaseResult], suiteName: String = "eligible fixtures") -> XMLDocument {
        let root = XMLElement(name: "testsuites")
        setCounts(on: root, results)
        attribute(root, "name", suiteName)
        var files: [String] = []
        for result in results where !files.contains(result.file) { files.append(result.file) }
        for file in files {
            let inFile = results.filter { $0.file == file }
            let suite = XMLElement(name: "testsuite")
            attribute(suite, "name", file)
            setCounts(on: suite, inFile)
            for result in inFile {
                let testcase = XMLElement(name: "testcase")
                attribute(testcase, "name", result.name)
                attribute(testcase, "classname", className(file))
                attribute(testcase, "file", result.location)
                attribute(testcase, "time", String(format: "%.3f", result.duration))
                switch result.status {
                case .pass:
                    break
                case .fail:
                    let failure = XMLElement(name: "failure", stringValue: clean(result.details))
                    attribute(failure, "message", summary(result))
                    attribute(failure, "type", "mismatch")
                    testcase.addChild(failure)
                case .error:
                    let error = XMLElement(name: "error", stringValue: clean(result.details))
                    attribute(error, "message", clean(result.message ?? "error").components(separatedBy: "\n")[0])
                    attribute(error, "type", "error")
                    testcase.addChild(error)
                case .skip:
                    let skipped = XMLElement(name: "skipped")
                    attribute(skipped, "message", result.message ?? "skipped")
                    testcase.addChild(skipped)
                }
                suite.addChild(testcase)
            }
            root.addChild(suite)
        }
        let document = XMLDocument(rootElement: root)
        document.version = "1.0"
        document.characterEncoding = "UTF-8"
        return document
    }

    /// Writes the report to `url`.
    public static func write(results: [CaseResult], to url: URL) throws {
        try Data(xml(results: results).utf8).write(to: url, options: .atomic)
    }

    private static func setCounts(on element: XMLElement, _ results: [CaseResult]) {
        let summary = FixtureSuite.Summary(results)
        attribute(element, "tests", String(results.count))
        attribute(element, "failures", String(summary.failed - summary.errors))
        attribute(element, "errors", String(summary.errors))
        attribute(element, "skipped", String(summary.skipped))
        attribute(element, "time", String(format: "%.3f", results.reduce(0) { $0 + $1.duration }))
    }

    private static func summary(_ result: CaseResult) -> String {
        result.mismatches.map { "\($0.programme) \($0.field): expected \($0.expected), got \($0.actual)" }.joined(separator: "; ")
    }

    /// `fixtures/windows.yaml` -> `fixtures.windows`.
    private static func className(_ file: String) -> String {
        var name = file
        for ext in FixtureLoader.extensions where name.hasSuffix("." + ext) { name.removeLast(ext.count + 1) }
        return name.replacingOccurrences(of: "/", with: ".")
    }

    private static func attribute(_ element: XMLElement, _ name: String, _ value: String) {
        let node = XMLNode.attribute(withName: name, stringValue: clean(value)) as! XMLNode
        element.addAttribute(node)
    }

    /// Drops characters XML 1.0 cannot hold (control characters other than tab and line ends).
    static func clean(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { scalar in
            switch scalar.value {
            case 0x9, 0xA, 0xD: return true
            case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
            default: return false
            }
        }))
    }
}
