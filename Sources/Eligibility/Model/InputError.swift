import Foundation

/// A problem with a business file (or an embedded business), pointing at where it is.
///
/// `path` names the fact the way a person reading the file would: root fields by name
/// (`employees`), nested fields with dots (`address.postcode`), and list elements by their
/// **0-based** index in brackets, as the array is written in the file (`fleet[1].fuel` is the
/// second vehicle). `description` reads like a compiler diagnostic:
///
///     business.json:12: fleet[0].fuel: expected one of diesel, petrol, ..., got "disel"
public struct InputError: Error, CustomStringConvertible, Hashable, Sendable {
    /// The file name as given by the caller (e.g. "business.json").
    public var file: String
    /// The 1-based line in the file where the problem is, when known.
    public var line: Int?
    /// The path of the fact concerned (empty for the whole document); see the type's documentation.
    public var path: String
    /// What is wrong, in plain English.
    public var message: String

    /// Creates an input error.
    public init(file: String, line: Int? = nil, path: String = "", message: String) {
        self.file = file
        self.line = line
        self.path = path
        self.message = message
    }

    /// `file:line: path: message`, leaving out the line or path when there is none.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if !path.isEmpty { text += path + ": " }
        return text + message
    }
}
