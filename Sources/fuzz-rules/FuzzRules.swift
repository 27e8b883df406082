// libFuzzer target: rule-script loading and evaluation (`make fuzz`; see fuzz/README.md).
//
// Built with `-Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING`, `main` hands over to
// libFuzzer's driver. Built normally (`swift build`), it replays the files given as arguments
// through the same code path: `swift run fuzz-rules crash-<sha1>`.
import Eligibility
import Foundation
import LuaBridge

/// One input is the text of a programme's rule file, `rules/fuzz.lua`, next to the shipped
/// `rules/lib/`. Properties (a violation is a crash, which libFuzzer keeps):
/// 1. Loading and evaluating never throws and never crashes: whatever the script does, its
///    one programme decides (`rule-error` included), once.
/// 2. Evaluating the same business again on the same state decides exactly as the first time
///    (nothing leaks between evaluations), unless the script ran out of memory (which depends
///    on when the collector last ran).
enum FuzzRules {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    /// A scratch rules directory of this process: `fuzz.lua` plus a link to the shipped library.
    static let folder: URL = {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("eligible-fuzz-rules-\(ProcessInfo.processInfo.processIdentifier)")
            .appendingPathComponent("rules")
        try? FileManager.default.removeItem(at: folder)
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["lib", "facts.yaml"] {
            try! FileManager.default.createSymbolicLink(
                at: folder.appendingPathComponent(name),
                withDestinationURL: repository.appendingPathComponent("rules").appendingPathComponent(name))
        }
        return folder
    }()
    /// Small limits keep each input fast; the properties do not depend on them.
    static let limits = LuaLimits(instructionBudget: 200_000, memoryCapBytes: 16 << 20)
    /// The shipped rules' vocabulary (the scratch rules use the same file).
    static let vocabulary = try! RuleBook(directory: repository.appendingPathComponent("rules"), displayName: "rules").vocabulary
    static let businesses: [BusinessFacts] = [
        try! BusinessFile.load(repository.appendingPathComponent("examples").appendingPathComponent("mersey-vans.yaml"), vocabulary: vocabulary),
        BusinessFacts(vocabulary: vocabulary),
    ]
    static let asOf = try! AsOf(parsing: "2021-06-01T12:00")

    static func run(_ data: Data) {
        try! data.write(to: folder.appendingPathComponent("fuzz.lua"))
        let rules = try! RuleBook(directory: folder, displayName: "rules")
        let evaluator: Evaluator
        do {
            evaluator = try Evaluator(rules: rules, limits: limits)
        } catch {
            preconditionFailure("the evaluator could not be made: \(error)")
        }
        for business in businesses {
            let first: [Decision], second: [Decision]
            do {
                first = try evaluator.evaluate(business, asOf: asOf, explain: true)
                second = try evaluator.evaluate(business, asOf: asOf, explain: true)
            } catch {
                preconditionFailure("evaluate threw: \(error)")
            }
            precondition(first.count == 1, "one rule file, but \(first.count) decisions: \(first)")
            let memory = (first + second).contains { $0.error?.contains("memory") == true }
            precondition(memory || first == second, "a second evaluation differs:\n\(first)\n\(second)")
        }
    }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzRules.run(Data(bytes: data, count: size))
    return 0
}

/// libFuzzer's driver (SwiftPM links every executable's `main` to this module's entry point,
/// so the entry point starts the driver rather than letting libFuzzer's own `main` in).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt
#endif

@main enum Main {
    static func main() {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        let status = LLVMFuzzerRunDriver(&argc, &argv, fuzz)
        try? FileManager.default.removeItem(at: FuzzRules.folder.deletingLastPathComponent())
        exit(status)
        #else
        let paths = CommandLine.arguments.dropFirst()
        guard !paths.isEmpty else {
            print("usage: fuzz-rules FILE... (replays inputs; build with `make fuzz` to fuzz)")
            exit(2)
        }
        for path in paths {
            FuzzRules.run(FileManager.default.contents(atPath: path) ?? Data())
            print("\(path): ok")
        }
        try? FileManager.default.removeItem(at: FuzzRules.folder.deletingLastPathComponent())
        #endif
    }
}
