import Foundation

/// Facts about the business's owner-founder, for inclusive-growth schemes.
public struct Owner: Codable, Hashable, Sendable {
    /// The owner's age (whole years).
    public var age: Int?
    /// Whether the owner lives in the region.
    public var livesInRegion: Bool?
    /// Whether the owner was unemployed before starting the business.
    public var previouslyUnemployed: Bool?

    /// Creates owner facts; every fact defaults to unknown (nil).
    public init(age: Int? = nil, livesInRegion: Bool? = nil, previouslyUnemployed: Bool? = nil) {
        self.age = age
        self.livesInRegion = livesInRegion
        self.previouslyUnemployed = previouslyUnemployed
    }
}
