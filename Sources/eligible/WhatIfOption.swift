import ArgumentParser
import Eligibility

/// `--set PATH=VALUE` (repeatable): what-ifs on top of a business file, for this run only.
struct WhatIfOption: ParsableArguments {
    @Option(name: .customLong("set"),
            help: ArgumentHelp("Give a fact a value for this run only (repeatable; the file is not changed), read like a value in the file: --set employees=52 --set 'turnover=£600,000' --set proposal.hire='does not apply'.",
                               valueName: "PATH=VALUE"))
    var assignments: [String] = []

    /// Applies every `--set` to `facts`; all the ones that do not fit are reported at once,
    /// each naming its `--set` argument (bad input, 65).
    func apply(to facts: inout BusinessFacts) throws {
        var errors = [InputError]()
        for assignment in assignments {
            let source = "--set '\(assignment)'"
            guard let equals = assignment.firstIndex(of: "=") else {
                errors.append(InputError(file: source, message: "write PATH=VALUE, e.g. employees=12 or premises.epcBand=C"))
                continue
            }
            let path = assignment[..<equals].trimmingCharacters(in: .whitespaces)
            do {
                try facts.answer(path, text: String(assignment[assignment.index(after: equals)...]))
            } catch {
                errors.append(InputError(file: source, path: error.path, message: error.message))
            }
        }
        if !errors.isEmpty { throw InputErrors(errors) }
    }
}
