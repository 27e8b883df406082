import Foundation

/// The broadband connection at the business's premises.
public struct Connectivity: Codable, Hashable, Sendable {
    /// Download speed available now (megabits per second).
    public var downloadMbps: Double?

    /// Creates connectivity facts; every fact defaults to unknown (nil).
    public init(downloadMbps: Double? = nil) {
        self.downloadMbps = downloadMbps
    }
}
