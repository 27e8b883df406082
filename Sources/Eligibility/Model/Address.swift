import Foundation

/// Where the business trades from, with facts about its area.
public struct Address: Codable, Hashable, Sendable {
    /// UK postcode, e.g. "CH41 1AA".
    public var postcode: String?
    /// Local authority (council) name, e.g. "Wirral", "St Helens", "Liverpool".
    public var localAuthority: String?
    /// Index of Multiple Deprivation decile of the area: 1 (most deprived 10%) ... 10 (least).
    public var deprivationDecile: Int?
    /// Which edition of the deprivation index the decile comes from, e.g. "IoD2019".
    public var deprivationIndex: String?
    /// Whether the area is rural or urban.
    public var ruralUrban: RuralUrban?

    /// Creates an address; every fact defaults to unknown (nil).
    public init(
        postcode: String? = nil,
        localAuthority: String? = nil,
        deprivationDecile: Int? = nil,
        deprivationIndex: String? = nil,
        ruralUrban: RuralUrban? = nil
    ) {
        self.postcode = postcode
        self.localAuthority = localAuthority
        self.deprivationDecile = deprivationDecile
        self.deprivationIndex = deprivationIndex
        self.ruralUrban = ruralUrban
    }
}
