import Foundation
import Testing

/// One hostile rule file of the catalogue (`HostileCatalogue`): what it does, the class of attack
/// it belongs to, its Lua source, and where its programme's rule error must point.
///
/// The source is a template: `{{ID}}` becomes the programme id (the file's stem, since a
/// programme's id must equal its file's name), and the line the error must name carries the
/// marker `--!` (a Lua comment, so it changes nothing). The suite writes each case twice, as
/// `000-...` (loaded first) and `zzz-...` (loaded last), next to a copy of the shipped rules.
struct HostileCase: Sendable, CustomTestStringConvertible {
    /// The classes of attack issue 12 lists, plus the sandbox's classic escapes.
    enum Kind: String, Sendable, CaseIterable {
        /// Trusted code meeting script values: metamethods on errors, results and declarations.
        case metamethods = "trusted code meets script values"
        /// C functions that loop without running VM instructions.
        case cFunctions = "C functions that run without instructions"
        /// Iteration, `next`, keys and metatables handing out writable tables.
        case readOnly = "read-only through every door"
        /// One programme's output (bad bytes, NaN, functions, cycles, limits) failing the run.
        case output = "one programme's output"
        /// Arithmetic overflow in awards and helpers.
        case arithmetic = "arithmetic overflow"
        /// Identity: ids, forged locations, budgets spent inside `require`.
        case identity = "identity"
        /// Where errors are located, and files the loader must accept or name.
        case locations = "locations and loading"
        /// Budgets: instructions, recursion, wall clock.
        case budgets = "budgets"
        /// Memory: hoarding at load and at run time.
        case memory = "memory"
        /// The classic sandbox escapes: os, io, debug, load, coroutines, _ENV, metatables.
        case escapes = "sandbox escapes"
    }

    /// What the hostile file's programme must decide.
    enum Want: Sendable {
        /// The file loads; deciding it is a `rule-error` at the marked line.
        case ruleError
        /// The file fails to load: a load problem at the marked line (its programme decides
        /// `rule-error` with that diagnostic).
        case loadProblem
    }

    /// What the case does, in a few words (also the test's argument name).
    let name: String
    /// The class of attack.
    let kind: Kind
    /// Whether the file loads.
    let want: Want
    /// The file's text with `{{ID}}` and one line marked `--!`.
    let template: String
    /// Words the rule error's message must contain, if any.
    let saying: String?
    /// Wall-clock seconds the case may add to a run (both copies, both businesses, lint).
    let seconds: Double
    /// Why the case still fails, when the fix belongs to code this suite's authors may not edit:
    /// the case runs on its own and its failures are recorded as a known issue.
    let knownIssue: String?

    var testDescription: String { "\(kind.rawValue): \(name)" }

    /// The marker of the line the rule error must name.
    static let marker = "--!"
    /// A template holding this names line 1 (the line a file with no declaration is
    /// reported at); it is a Lua comment.
    static let firstLineMarker = "--@1 "
    /// The id placeholder.
    static let idPlaceholder = "{{ID}}"

    /// The file's text for programme `id`.
    func source(id: String) -> String { template.replacingOccurrences(of: Self.idPlaceholder, with: id) }

    /// The file's bytes for programme `id`: its text in UTF-8, with each `{{FF}}` the byte 0xFF
    /// (which no Swift string can hold), for files that are not UTF-8.
    func bytes(id: String) -> Data {
        let parts = source(id: id).components(separatedBy: Self.invalidByte)
        var data = Data(parts[0].utf8)
        for part in parts.dropFirst() {
            data.append(0xFF)
            data.append(contentsOf: Array(part.utf8))
        }
        return data
    }

    /// The placeholder of a byte 0xFF.
    static let invalidByte = "{{FF}}"

    /// The 1-based line marked `--!` (1 when none is).
    var line: Int {
        if template.contains(Self.firstLineMarker) { return 1 }
        let lines = template.split(separator: "\n", omittingEmptySubsequences: false)
        return (lines.firstIndex { $0.contains(Self.marker) } ?? 0) + 1
    }

    /// Whether the case runs on its own rather than in a group: known issues (so they cannot
    /// hide another case's failure) and cases slow enough to spend most of a group's time.
    var runsAlone: Bool { knownIssue != nil || seconds > 3 }
}

// MARK: - Building cases

extension HostileCase {
    /// A programme whose one criterion's test body is `body` (after `prelude` at the file's top).
    /// Without a `--!` marker, the error must name the line of `test = function(b, p)`.
    /// With `atProgramme`, the error must name the line of `return programme {` (where the
    /// engine reports a variable kept between businesses).
    static func test(_ name: String, _ body: String, _ kind: Kind, prelude: String = "", atProgramme: Bool = false,
                     saying: String? = nil, seconds: Double = 1, knownIssue: String? = nil) -> HostileCase {
        let unmarked = !(body + prelude).contains(marker)
        let text = programmeText(name: name, prelude: prelude, test: body, award: "return pounds(100)",
                                 markProgramme: unmarked && atProgramme, markTest: unmarked && !atProgramme)
        return HostileCase(name: name, kind: kind, want: .ruleError, template: text, saying: saying, seconds: seconds,
                           knownIssue: knownIssue)
    }

    /// A programme whose award body is `body`. Without a marker, the error must name the line
    /// of `amount = function(b, p)`.
    static func award(_ name: String, _ body: String, _ kind: Kind, prelude: String = "", rounding: String = "none",
                      saying: String? = nil, seconds: Double = 1, knownIssue: String? = nil) -> HostileCase {
        let text = programmeText(name: name, prelude: prelude, test: "return true", award: body, rounding: rounding,
                                 markAward: !(body + prelude).contains(marker))
        return HostileCase(name: name, kind: kind, want: .ruleError, template: text, saying: saying, seconds: seconds,
                           knownIssue: knownIssue)
    }

    /// A whole file (`{{ID}}` for the id, `--!` on the line of the expected error).
    static func file(_ name: String, _ kind: Kind, _ want: Want, _ text: String, saying: String? = nil,
                     seconds: Double = 1, knownIssue: String? = nil) -> HostileCase {
        let header = text.contains(firstLineMarker) ? "" : "-- hostile case: \(name)\n"
        return HostileCase(name: name, kind: kind, want: want, template: header + text, saying: saying,
                    seconds: seconds, knownIssue: knownIssue)
    }

    /// A file whose programme declaration gets `fields` in place of its usual `open` line, after
    /// `prelude`: for declarations that must fail to load at `return programme {`.
    static func declaration(_ name: String, _ kind: Kind, fields: String, prelude: String = "", saying: String? = nil,
                            seconds: Double = 1, knownIssue: String? = nil) -> HostileCase {
        let text = programmeText(name: name, prelude: prelude, test: "return true", award: "return pounds(100)",
                                 open: fields, markProgramme: !(fields + prelude).contains(marker))
        return HostileCase(name: name, kind: kind, want: .loadProblem, template: text, saying: saying, seconds: seconds,
                           knownIssue: knownIssue)
    }

    /// The usual programme around a test and an award body.
    static func programmeText(name: String, prelude: String, test: String, award: String, rounding: String = "none",
                              open: String = #"open = { from = "2020-01-01" },"#,
                              markProgramme: Bool = false, markTest: Bool = false, markAward: Bool = false) -> String {
        func mark(_ line: String, _ on: Bool) -> String { on ? line + " " + marker : line }
        var lines = ["-- hostile case: \(name)"]
        if !prelude.isEmpty { lines.append(prelude) }
        lines += [
            mark("return programme {", markProgramme),
            "  id = \"\(idPlaceholder)\",",
            "  title = \"Hostile programme\",",
            "  summary = \"A rule file written to break the engine.\",",
            "  guidance = \"https://example.org/hostile\",",
            "  sources = { \"https://example.org/hostile\" },",
            "  " + open,
            "  criteria = {",
            "    { id = \"hostile\", text = \"A hostile test\", clause = \"Hostile 1\",",
            mark("      test = function(b, p)", markTest),
            test,
            "      end },",
            "  },",
            "  award = {",
            mark("    amount = function(b, p)", markAward),
            award,
            "    end,",
            "    maximum = pounds(1000),",
            "    rounding = \"\(rounding)\",",
            "  },",
            "}",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
