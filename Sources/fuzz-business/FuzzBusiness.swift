// libFuzzer target: business decoding and evaluation (`make fuzz`; see fuzz/README.md).
//
// Built with `-Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING`, `main` hands over to
// libFuzzer's driver. Built normally (`swift build`), it replays the files given as arguments
// through the same code path, so a crasher can be reproduced without the fuzzer:
// `swift run fuzz-business crash-<sha1>`.
import Eligibility
import Foundation

/// One input, checked against these properties (a violation is a crash, which libFuzzer keeps):
/// 1. Decoding the bytes as a business file (JSON or YAML, told apart by the text) either gives
///    `BusinessFacts` or throws `InputErrors` naming the file; nothing else, and no crash.
/// 2. Decoded facts survive a round trip through their own YAML and JSON business files unchanged.
/// 3. The shipped rules decide a decoded business without any `rule-error`, with `explain` on
///    and off giving the same outcomes.
/// 4. For one line of JSON (a batch row), the batch path and `BusinessFile.decode` agree.
enum FuzzBusiness {
    static let rulesDirectory: URL = {
        if let path = ProcessInfo.processInfo.environment["ELIGIBLE_RULES"] { return URL(fileURLWithPath: path) }
        // Sources/fuzz-business/FuzzBusiness.swift -> the repository's rules/.
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("rules")
    }()
    nonisolated(unsafe) static let evaluator = try! Evaluator(rules: RuleBook(directory: rulesDirectory, displayName: "rules"))
    static let dates = ["2020-06-01", "2021-06-01", "2023-01-15"].map { try! AsOf(parsing: $0) }

    static var vocabulary: Vocabulary { evaluator.vocabulary }

    static func run(_ data: Data) {
        let business: BusinessFacts
        do {
            business = try BusinessFile.decode(data, fileName: "fuzz", vocabulary: vocabulary)
        } catch let errors as InputErrors {
            for error in errors.errors { precondition(error.file == "fuzz" && !error.message.isEmpty, "bad error: \(error)") }
            precondition(!errors.errors.isEmpty, "an empty error list")
            checkJSONLine(data)
            return
        } catch {
            preconditionFailure("BusinessFile.decode threw something else: \(error)")
        }
        checkJSONLine(data)

        for (text, name) in [(business.yamlText(), "fuzz.yaml"), (business.jsonText(), "fuzz.json")] {
            let again = try! BusinessFile.decode(Data(text.utf8), fileName: name, vocabulary: vocabulary)
            precondition(again == business, "round trip through \(name) changed the business:\n\(text)")
        }

        for asOf in dates {
            let decisions = try! evaluator.evaluate(business, asOf: asOf)
            let explained = try! evaluator.evaluate(business, asOf: asOf, explain: true)
            for decision in decisions {
                precondition(decision.outcome != .ruleError, "\(decision.programme): \(decision.error ?? "")")
            }
            precondition(decisions.map(\.outcome) == explained.map(\.outcome), "explain changed an outcome")
        }
    }

    /// A single line is also a JSON Lines row: the batch reader's fast path must agree with the
    /// general decoder (same business, or both an error).
    static func checkJSONLine(_ data: Data) {
        guard !data.isEmpty, !data.contains(0x0A), !data.contains(0x0D) else { return }
        let general = try? BusinessFile.decode(data, fileName: "fuzz.jsonl", vocabulary: vocabulary)
        let row: BusinessFacts?
        do {
            row = try data.withUnsafeBytes {
                try BusinessFile.decodeJSONLine($0.bindMemory(to: UInt8.self), fileName: "fuzz.jsonl", line: 1, vocabulary: vocabulary)
            }
        } catch let errors as InputErrors {
            for error in errors.errors { precondition(error.line == 1, "a row error without its line: \(error)") }
            row = nil
        } catch {
            preconditionFailure("decodeJSONLine threw something else: \(error)")
        }
        precondition(row == general, "batch row and file decoding disagree:\n\(String(describing: row))\n\(String(describing: general))")
    }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzBusiness.run(Data(bytes: data, count: size))
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
        // The dictionary gains the vocabulary's names and values (see FuzzDictionary).
        let arguments = FuzzDictionary.expandingDictionary(in: CommandLine.arguments, vocabulary: FuzzBusiness.vocabulary)
        var cArguments: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        var argc = CInt(arguments.count)
        exit(cArguments.withUnsafeMutableBufferPointer { buffer in
            guard var argv = buffer.baseAddress else { return 2 }
            return LLVMFuzzerRunDriver(&argc, &argv, fuzz)
        })
        #else
        let paths = CommandLine.arguments.dropFirst()
        guard !paths.isEmpty else {
            print("usage: fuzz-business FILE... (replays inputs; build with `make fuzz` to fuzz)")
            exit(2)
        }
        for path in paths {
            FuzzBusiness.run(FileManager.default.contents(atPath: path) ?? Data())
            print("\(path): ok")
        }
        #endif
    }
}
