import Eligibility
import Foundation
import Testing

/// `eligible facts`: the vocabulary listed, and templates that the other commands accept.
@Suite struct FactsCommandTests {
    @Test func listsEveryFact() throws {
        let r = try CLI.run(["facts"])
        #expect(r.status == 0)
        #expect(r.stderr == "")
        let vocabulary = Shipped.rules.vocabulary
        #expect(r.stdout.hasPrefix("\(vocabulary.facts.count) facts in rules/facts.yaml\n"))
        for fact in vocabulary.facts {
            #expect(r.stdout.contains("\n\(fact.path): \(fact.type.name)"), "\(fact.path)")
            #expect(r.stdout.contains("    \(fact.meaning)\n"), "\(fact.path)")
        }
        #expect(r.stdout.contains("\npremises.rateableValue: money, dated (a history, read as at a day)\n"))
        #expect(r.stdout.contains("\nemployees: whole number (people), from 0 to 1000000\n"))
        #expect(r.stdout.contains("\nfleet[].fuel: one of fuels\n"))
    }

    @Test func jsonAndMarkdown() throws {
        let r = try CLI.run(["facts", "--format", "json"])
        #expect(r.status == 0)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(list.map { $0["path"] as? String } == Shipped.rules.vocabulary.facts.map(\.path))
        let employees = try #require(list.first { $0["path"] as? String == "employees" })
        #expect(employees["type"] as? String == "whole number")
        #expect(employees["unit"] as? String == "people")
        #expect(employees["minimum"] as? Double == 0)
        #expect(employees["dated"] as? Bool == false)
        let legalForm = try #require(list.first { $0["path"] as? String == "legalForm" })
        #expect((legalForm["values"] as? [[String: Any]])?.first?["value"] as? String == "soleTrader")

        let markdown = try CLI.run(["facts", "--format", "markdown"])
        #expect(markdown.stdout.hasPrefix("# Facts in `rules/facts.yaml`\n\n| Fact | Type | Meaning | Values |\n"))
        #expect(markdown.stdout.split(separator: "\n").count == Shipped.rules.vocabulary.facts.count + 3, "a title, the header, its rule and one row per fact")
    }

    @Test(arguments: ["yaml", "json"])
    func templatesAreBusinessFilesCheckAccepts(format: String) throws {
        let r = try CLI.run(["facts", "--template", format])
        #expect(r.status == 0)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("template-\(UUID().uuidString).\(format)")
        try r.stdout.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let check = try CLI.run(["check", file.path, "--as-of", "2021-06-01"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stderr == "")
        // Every fact with an example is in the template at that value.
        let facts = try BusinessFile.load(file, vocabulary: Shipped.rules.vocabulary)
        #expect(facts == FactTemplate.example(Shipped.rules.vocabulary))
        #expect(facts.value(at: "employees") == .integer(12))
        #expect(facts.value(at: "turnover") == .money(.pounds(450_000)), "money in pounds")
        if format == "yaml" {
            #expect(r.stdout.contains("# Headcount, counting working owners (people): a whole number from 0 to 1000000\nemployees: 12\n"))
        }
    }

    @Test func csvHeaderIsWhatBatchReads() throws {
        let r = try CLI.run(["facts", "--template", "csv"])
        #expect(r.status == 0)
        let columns = r.stdout.trimmingCharacters(in: .newlines).split(separator: ",").map(String.init)
        #expect(columns == FactTemplate.csvColumns(Shipped.rules.vocabulary))
        #expect(columns.contains("fleet[0].fuel") && columns.contains("fleet") && columns.contains("address.localAuthority"))
        // A register with that header and one row of the vocabulary's examples is decided, every
        // column read (an unknown column would reject the whole file).
        let row = columns.map { column -> String in
            guard let fact = Shipped.rules.vocabulary.fact(atPath: column), fact.type.recordType == nil, let example = fact.example else { return "" }
            return example.contains(",") ? "\"\(example)\"" : example
        }
        let register = FileManager.default.temporaryDirectory.appendingPathComponent("register-\(UUID().uuidString).csv")
        try (r.stdout + row.joined(separator: ",") + "\n").write(to: register, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: register) }
        let batch = try CLI.run(["batch", register.path, "--as-of", "2021-06-01", "--jobs", "1"])
        let first = try #require(batch.stdout.split(separator: "\n").first, "\(batch.stderr)")
        let line = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        #expect(line["line"] as? Int == 2)
        #expect(line["rejected"] == nil, "\(first)")
        #expect((line["decisions"] as? [Any])?.count == Shipped.ids.count)
        #expect(batch.status == 0, "\(batch.stdout)\(batch.stderr)")
        #expect(batch.stdout.split(separator: "\n").count == 1)
    }

    /// Issue 10: a fact added to a copy of the vocabulary is a CSV column at once, no rebuild.
    @Test func aFactAddedToACopyIsAColumn() throws {
        let project = try AddingAFactTests.project()
        defer { try? FileManager.default.removeItem(at: project) }
        let copy = try CLI.run(["facts", "--rules", "rules", "--template", "csv"], in: project)
        #expect(copy.status == 0, "\(copy.stderr)")
        let columns = copy.stdout.trimmingCharacters(in: .newlines).split(separator: ",").map(String.init)
        #expect(columns.contains("inPersonBusiness"))
        let shipped = try CLI.run(["facts", "--template", "csv"])
        #expect(!shipped.stdout.contains("inPersonBusiness"))
        let listing = try CLI.run(["facts", "--rules", "rules"], in: project)
        #expect(listing.stdout.contains("\ninPersonBusiness: yes/no\n    Whether the business serves its customers face to face\n"))
        let yaml = try CLI.run(["facts", "--rules", "rules", "--template", "yaml"], in: project)
        #expect(yaml.stdout.contains("\ninPersonBusiness: yes\n"))
    }

    @Test func badTemplateIsUsage() throws {
        let r = try CLI.run(["facts", "--template", "xml"])
        #expect(r.status == 64)
    }
}
