import Eligibility
import Foundation
import Testing

/// Issue 10's acceptance test, through the built binary on real files: a programme manager adds
/// a fact to a copy of the shipped vocabulary and a programme that uses it, and nothing else.
@Suite struct AddingAFactTests {
    static let newFact = """
            inPersonBusiness:
              type: yes/no
              meaning: Whether the business serves its customers face to face
              question: Does the business serve its customers face to face?
              example: yes

        """

    static let newProgramme = """
        -- A grant for businesses that serve customers face to face.
        return programme {
          id = "face-to-face-grant",
          title = "Face-to-Face Grant",
          summary = "A flat grant of {grant:pounds} for businesses that serve their customers face to face.",
          guidance = "https://example.org/face-to-face",
          sources = { "https://example.org/face-to-face/scheme.pdf" },
          open = { from = "2021-04-01", to = "2022-03-31" },
          params = { grant = pounds(1000) },
          criteria = {
            { id = "in-person", text = "Serves its customers face to face", clause = "Scheme 2.1",
              test = function(b, p) return b.inPersonBusiness end },
          },
          award = {
            amount = function(b, p) return p.grant, "A flat grant." end,
            maximum = pounds(1000),
          },
        }
        """

    /// A project directory with a copy of rules/ given the new fact (under business: facts:) and
    /// the new programme.
    static func project() throws -> URL {
        let project = try CLI.copyOfRules()
        let factsFile = project.appendingPathComponent("rules/facts.yaml")
        let text = try String(contentsOf: factsFile, encoding: .utf8)
        // The business's own facts: the first `facts:` two spaces in, under `business:`.
        let business = try #require(text.range(of: "\nbusiness:\n"), "the vocabulary has business:")
        let facts = try #require(text.range(of: "\n  facts:\n", range: business.upperBound..<text.endIndex), "business: has facts:")
        var edited = text
        edited.insert(contentsOf: newFact, at: facts.upperBound)
        try edited.write(to: factsFile, atomically: true, encoding: .utf8)
        try newProgramme.write(to: project.appendingPathComponent("rules/face-to-face-grant.lua"), atomically: true, encoding: .utf8)
        return project
    }

    @Test func aNewFactAndAProgrammeUsingItNeedNoProgrammer() throws {
        let project = try Self.project()
        defer { try? FileManager.default.removeItem(at: project) }

        // The editor annotations are regenerated from the copy's vocabulary.
        let lua = try CLI.run(["schema", "--format", "lua", "--rules", "rules"], in: project)
        #expect(lua.status == 0, "\(lua.stderr)")
        #expect(lua.stdout.contains("---@field inPersonBusiness boolean Whether the business serves its customers face to face\n"))
        try lua.stdout.write(to: project.appendingPathComponent("rules/types/eligible.lua"), atomically: true, encoding: .utf8)
        let schema = try CLI.run(["schema", "--rules", "rules"], in: project)
        #expect(schema.status == 0)
        #expect(schema.stdout.contains("\"inPersonBusiness\""))

        // Lint is clean for the new file.
        let lint = try CLI.run(["lint", "rules"], in: project)
        #expect(lint.status == 0, "\(lint.stdout)\(lint.stderr)")
        #expect(!lint.stdout.contains("face-to-face-grant.lua"), "\(lint.stdout)")
        #expect(!lint.stdout.contains("facts.yaml"), "\(lint.stdout)")
        #expect(!lint.stdout.contains("types/eligible.lua"), "\(lint.stdout)")
        #expect(lint.stderr.contains("rules: 0 errors"))

        // A business giving the new fact is eligible.
        try "name: Corner Cafe\ninPersonBusiness: yes\n".write(to: project.appendingPathComponent("business.yaml"), atomically: true, encoding: .utf8)
        let check = try CLI.run(["check", "business.yaml", "--rules", "rules", "--as-of", "2021-06-01"], in: project)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("Eligible\n  + Face-to-Face Grant [face-to-face-grant]: £1,000.00\n      A flat grant.\n"), "\(check.stdout)")
        let json = try CLI.run(["check", "business.yaml", "--rules", "rules", "--as-of", "2021-06-01", "--format", "json",
                                "--programme", "face-to-face-grant"], in: project)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let programmes = try #require(object["programmes"] as? [[String: Any]])
        #expect(programmes.map { $0["outcome"] as? String } == ["eligible"])
        #expect(programmes.first?["award"] as? Int == 100_000)

        // Saying no makes it ineligible, with the value read; not saying asks the vocabulary's question.
        try "name: Corner Cafe\ninPersonBusiness: no\n".write(to: project.appendingPathComponent("no.yaml"), atomically: true, encoding: .utf8)
        let no = try CLI.run(["check", "no.yaml", "--rules", "rules", "--as-of", "2021-06-01", "--programme", "face-to-face-grant"], in: project)
        #expect(no.stdout.contains("[face-to-face-grant]: 1 thing would have to change\n      needs: Serves its customers face to face\n"
            + "        has: Whether the business serves its customers face to face: no (inPersonBusiness)\n"), "\(no.stdout)")
        try "name: Corner Cafe\n".write(to: project.appendingPathComponent("unknown.yaml"), atomically: true, encoding: .utf8)
        let unknown = try CLI.run(["check", "unknown.yaml", "--rules", "rules", "--as-of", "2021-06-01", "--programme", "face-to-face-grant",
                                   "--format", "json"], in: project)
        let questions = try #require((try JSONSerialization.jsonObject(with: Data(unknown.stdout.utf8)) as? [String: Any])?["nextQuestions"] as? [[String: Any]])
        #expect(questions.first?["fact"] as? String == "inPersonBusiness")
        #expect(questions.first?["question"] as? String == "Does the business serve its customers face to face?")
        #expect(questions.first?["expected"] as? String == "yes or no")

        // The wrong type is bad input naming the file, line and fact.
        try "name: Corner Cafe\ninPersonBusiness: sometimes\n".write(to: project.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let bad = try CLI.run(["check", "bad.yaml", "--rules", "rules", "--as-of", "2021-06-01"], in: project)
        #expect(bad.status == 65)
        #expect(bad.stdout == "")
        #expect(bad.stderr == "eligible: bad.yaml:2: inPersonBusiness: expected yes or no, got \"sometimes\"\n")

        // The shipped rules, without the new fact, do not know it.
        let shipped = try CLI.run(["check", project.appendingPathComponent("business.yaml").path, "--as-of", "2021-06-01"])
        #expect(shipped.status == 65)
        #expect(shipped.stderr.contains(":2: inPersonBusiness: the business has no fact 'inPersonBusiness'"), "\(shipped.stderr)")
        // The CSV template has the new column (see also FactsCommandTests).
        let csv = try CLI.run(["facts", "--rules", "rules", "--template", "csv"], in: project)
        #expect(csv.stdout.split(separator: "\n").first?.split(separator: ",").contains("inPersonBusiness") == true)
    }

    @Test func everyProblemInABusinessFileIsReported() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("many-\(UUID().uuidString).yaml")
        try "name: X\nemployes: 3\nturnover: 12000.123\nfleet:\n  - fuel: disel\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let r = try CLI.run(["check", file.path, "--as-of", "2021-06-01"])
        #expect(r.status == 65)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(r.stderr)")
        #expect(lines.map { $0.hasPrefix("eligible: \(file.path):") } == [true, true, true])
        #expect(lines[0].contains(":2: employes: the business has no fact 'employes'; did you mean 'employees'?"))
        #expect(lines[1].contains(":3: turnover: "))
        #expect(lines[2].contains(":5: fleet[0].fuel: "))
    }

    @Test func moneyIsPoundsInTheBinaryToo() throws {
        let project = try Self.project()
        defer { try? FileManager.default.removeItem(at: project) }
        try """
            return programme {
              id = "turnover-cap", title = "Turnover Cap", summary = "S", guidance = "G", sources = { "https://example.org" },
              open = { from = "2021-01-01" },
              params = { cap = pounds(12000) },
              criteria = { { id = "small", text = "Turnover at most {cap:pounds}", clause = "1",
                             test = function(b, p) return b.turnover <= p.cap end } },
              award = { amount = function(b, p) return b.turnover // 100 end, maximum = pounds(1000) },
            }
            """.write(to: project.appendingPathComponent("rules/turnover-cap.lua"), atomically: true, encoding: .utf8)
        for (written, outcome) in [("12000", "eligible"), ("\"£12,000\"", "eligible"), ("\"12,000.00\"", "eligible"), ("12000.01", "ineligible")] {
            try "turnover: \(written)\n".write(to: project.appendingPathComponent("b.yaml"), atomically: true, encoding: .utf8)
            let r = try CLI.run(["check", "b.yaml", "--rules", "rules", "--as-of", "2021-06-01", "--programme", "turnover-cap", "--format", "json"], in: project)
            let programmes = try #require((try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])?["programmes"] as? [[String: Any]])
            #expect(programmes.first?["outcome"] as? String == outcome, "\(written)")
            if outcome == "eligible" { #expect(programmes.first?["award"] as? Int == 12_000, "1% of £12,000 is £120 (12000 pence)") }
        }
    }
}
