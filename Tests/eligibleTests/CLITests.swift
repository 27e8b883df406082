import Foundation
import Testing

/// End-to-end tests: run the built binary and check stdout, stderr and the exit code.
@Suite struct CheckCommandTests {
    @Test func mixedResultForMerseyVans() throws {
        let r = try CLI.run(["check", "examples/mersey-vans.yaml", "--as-of", "2021-06-01"])
        #expect(r.status == 0)
        #expect(r.stderr == "")
        #expect(r.stdout.contains("Eligible\n"))
        #expect(r.stdout.contains("Needs information\n"))
        #expect(r.stdout.contains("Not eligible\n"))
        #expect(r.stdout.contains("Plug-in Van Grant [plug-in-van-grant]: £6,000.00"))
        #expect(r.stdout.contains("has: address.ruralUrban = urban"))
        #expect(r.stdout.hasSuffix("would help settle 1 programme: recovery-grant\n"))
        #expect(!r.stdout.contains("\u{1B}["), "NO_COLOR output has no escape codes")
    }

    @Test func textSnapshots() throws {
        for example in ["mersey-vans.yaml", "rural-print.json"] {
            let r = try CLI.run(["check", "examples/\(example)", "--as-of", "2021-06-01"])
            #expect(r.status == 0)
            try expectSnapshot(r.stdout, named: "check-\(example.split(separator: ".")[0]).txt")
        }
    }

    @Test func jsonIsStableAndDocumented() throws {
        let r = try CLI.run(["check", "examples/mersey-vans.yaml", "--as-of", "2021-06-01", "--format", "json"])
        #expect(r.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(Set(json.keys) == ["asOf", "business", "engineVersion", "file", "nextQuestions", "programmes", "rulesDigest"])
        #expect(json["asOf"] as? String == "2021-06-01")
        let programmes = try #require(json["programmes"] as? [[String: Any]])
        #expect(programmes.first?["programme"] as? String == "plug-in-van-grant")
        #expect(programmes.first?["award"] as? Int == 600_000)
        #expect(programmes.map { $0["outcome"] as? String }.contains("needs-information"))
        let questions = try #require(json["nextQuestions"] as? [[String: Any]])
        #expect(questions.first?["fact"] as? String == "proposal.hire")
    }

    @Test func markdown() throws {
        let r = try CLI.run(["check", "examples/rural-print.json", "--as-of", "2021-06-01", "--format", "markdown"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("# Halton Rural Print Ltd\n"))
        #expect(r.stdout.contains("## Next questions"))
    }

    @Test func readsStdinAndFiltersProgrammes() throws {
        let yaml = try String(contentsOf: CLI.root.appendingPathComponent("examples/mersey-vans.yaml"), encoding: .utf8)
        let r = try CLI.run(["check", "-", "--as-of", "2021-06-01", "--programme", "start-up-grant"], stdin: yaml)
        #expect(r.status == 0)
        #expect(r.stdout.contains("Start-up Grant"))
        #expect(!r.stdout.contains("Plug-in Van Grant"))
    }

    @Test func typeErrorNamesTheFieldPath() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).yaml")
        try Data("name: X\nfleet:\n  - kind: van\n    fuel: disel\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let r = try CLI.run(["check", file.path, "--as-of", "2021-06-01"])
        #expect(r.status == 65)
        #expect(r.stdout == "")
        #expect(r.stderr.contains("\(file.path):4: fleet[0].fuel:"))
        #expect(r.stderr.contains("diesel"))
    }

    @Test func helpDocumentsEveryExitCode() throws {
        for command in [[], ["check"], ["explain"], ["programmes"], ["lint"], ["schema"], ["test"], ["diff"], ["batch"]] {
            let r = try CLI.run(command + ["--help"])
            #expect(r.status == 0)
            for code in ["0   success", "1   lint errors", "64  bad usage", "65  bad input data", "70  internal error", "130 eligible batch stopped"] {
                #expect(r.stdout.contains(code), "\(command): \(code)")
            }
        }
    }

    @Test func missingFile() throws {
        let r = try CLI.run(["check", "no/such/business.json"])
        #expect(r.status == 65)
        #expect(r.stdout == "")
        #expect(r.stderr == "eligible: no/such/business.json: no such file\n")
    }

    @Test func unknownProgramme() throws {
        let r = try CLI.run(["check", "examples/mersey-vans.yaml", "--programme", "free-money"])
        #expect(r.status == 65)
        #expect(r.stdout == "")
        #expect(r.stderr.contains("unknown programme 'free-money'"))
        #expect(r.stderr.contains("plug-in-van-grant"))
    }

    @Test func badAsOfIsUsage() throws {
        let r = try CLI.run(["check", "examples/mersey-vans.yaml", "--as-of", "2021-02-30"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--as-of"))
    }

    @Test func ruleSyntaxErrorNamesFileAndLine() throws {
        let project = try CLI.copyOfRules()
        defer { try? FileManager.default.removeItem(at: project) }
        let file = project.appendingPathComponent("rules/start-up-grant.lua")
        var lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
        lines[19] = "  params = {{{ oops"
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let business = CLI.root.appendingPathComponent("examples/mersey-vans.yaml").path
        let r = try CLI.run(["check", business, "--as-of", "2021-06-01"], in: project)
        #expect(r.status == 0, "other programmes are still decided")
        #expect(r.stdout.contains("Rule errors\n  ! start-up-grant [start-up-grant]\n      rules/start-up-grant.lua:21: '}' expected"))
        #expect(r.stderr.contains("eligible: start-up-grant could not be decided: rules/start-up-grant.lua:21:"))
        #expect(r.stdout.contains("Plug-in Van Grant [plug-in-van-grant]: £6,000.00"))

        let lint = try CLI.run(["lint"], in: project)
        #expect(lint.status == 1)
        #expect(lint.stdout.contains("rules/start-up-grant.lua:21: error: '}' expected"))
        #expect(lint.stderr.contains("rules: 1 error"))
    }

    @Test func rulesFromEnvironment() throws {
        let r = try CLI.run(["check", "examples/mersey-vans.yaml"], environment: ["ELIGIBLE_RULES": "no-such-rules"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("no-such-rules: no such rules directory"))
    }
}

@Suite struct ExplainCommandTests {
    @Test func snapshots() throws {
        let cases: [(String, [String])] = [
            ("mersey-vans.yaml", ["plug-in-van-grant", "recovery-grant"]),
            ("rural-print.json", ["start-up-grant", "gigabit-voucher"]),
        ]
        for (example, programmes) in cases {
            let r = try CLI.run(["explain", "examples/\(example)", "--as-of", "2021-06-01"] + programmes.flatMap { ["--programme", $0] })
            #expect(r.status == 0)
            #expect(r.stderr == "")
            try expectSnapshot(r.stdout, named: "explain-\(example.split(separator: ".")[0]).txt")
        }
    }

    @Test func needsAProgramme() throws {
        let r = try CLI.run(["explain", "examples/mersey-vans.yaml"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--programme"))
    }

    @Test func unknownProgramme() throws {
        let r = try CLI.run(["explain", "examples/mersey-vans.yaml", "--programme", "nope"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("known programmes: clean-vehicle-switch"))
    }

    @Test func json() throws {
        let r = try CLI.run(["explain", "examples/mersey-vans.yaml", "--programme", "plug-in-van-grant", "--as-of", "2021-12-15T07:00", "--format", "json"])
        #expect(r.status == 0)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(list.count == 1)
        #expect(list[0]["award"] as? Int == 500_000, "the large-van cap fell to £5,000 at 07:00 on 15 December 2021")
        #expect((list[0]["criteria"] as? [Any])?.count == 4)
    }
}

@Suite struct ProgrammesCommandTests {
    @Test func listsOpenAndClosed() throws {
        let r = try CLI.run(["programmes", "--as-of", "2021-06-01"])
        #expect(r.status == 0)
        #expect(r.stderr == "")
        #expect(r.stdout.contains("PROGRAMME"))
        #expect(r.stdout.contains("premises-retrofit"))
        let line = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("premises-retrofit ") })
        #expect(line.contains("closed"))
        #expect(line.contains("rules/premises-retrofit.lua:"))
    }

    @Test func json() throws {
        let r = try CLI.run(["programmes", "--as-of", "2021-06-01", "--format", "json"])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(list.count == 8)
        let van = try #require(list.first { $0["id"] as? String == "plug-in-van-grant" })
        #expect(van["open"] as? Bool == true)
        #expect(van["maximum"] as? Int == 600_000)
    }
}

@Suite struct LintCommandTests {
    @Test func shippedRulesHaveNoErrors() throws {
        let r = try CLI.run(["lint"])
        #expect(r.status == 0)
        #expect(!r.stdout.contains(": error:"))
        #expect(r.stderr.contains("rules: 0 errors"))
    }

    @Test func findsATypoInAFactName() throws {
        let project = try CLI.copyOfRules()
        defer { try? FileManager.default.removeItem(at: project) }
        let rules = project.appendingPathComponent("rules")
        let file = rules.appendingPathComponent("plug-in-van-grant.lua")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "co2GramsPerKm < p.max_co2_below", with: "co2GramsPerKM < p.max_co2_below")
            .write(to: file, atomically: true, encoding: .utf8)
        let r = try CLI.run(["lint", "rules"], in: project)
        #expect(r.status == 1)
        #expect(r.stdout.contains("rules/plug-in-van-grant.lua:48: error: criterion \"low-co2\" reads a fact the business model does not have"))
        #expect(r.stdout.contains("did you mean 'co2GramsPerKm'?"))
    }
}

@Suite struct SchemaCommandTests {
    @Test func jsonSchema() throws {
        let r = try CLI.run(["schema"])
        #expect(r.status == 0)
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
    }

    @Test func luaMatchesTheShippedFile() throws {
        let r = try CLI.run(["schema", "--format", "lua"])
        #expect(r.status == 0)
        let shipped = try String(contentsOf: CLI.root.appendingPathComponent("rules/types/eligible.lua"), encoding: .utf8)
        #expect(r.stdout == shipped, "run: eligible schema --format lua > rules/types/eligible.lua")
    }

    @Test func badFormatIsUsage() throws {
        let r = try CLI.run(["schema", "--format", "xml"])
        #expect(r.status == 64)
    }
}

@Suite struct HelpTests {
    @Test(arguments: ["check", "explain", "programmes", "lint", "schema"])
    func everyCommandHasAnExampleAndExitCodes(command: String) throws {
        let r = try CLI.run([command, "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Example:"))
        #expect(r.stdout.contains("65  bad input data"))
    }
}
