import Foundation

// The enumerations of the fact tree. Raw values are the exact strings used in business files
// and seen by rule scripts; `FactSchema` reads the allowed values from `allCases`.

/// The legal form the business trades under.
public enum LegalForm: String, Codable, Hashable, Sendable, CaseIterable {
    /// A self-employed individual.
    case soleTrader
    /// A partnership of individuals (ordinary partnership).
    case partnership
    /// A company limited by shares or guarantee.
    case limitedCompany
    /// A limited liability partnership (LLP).
    case limitedLiabilityPartnership
    /// A community interest company (CIC).
    case communityInterestCompany
    /// A registered charity.
    case charity
    /// A co-operative or community benefit society.
    case cooperative
    /// Any other form.
    case other
}

/// Whether an area is classed as rural or urban (ONS rural-urban classification).
public enum RuralUrban: String, Codable, Hashable, Sendable, CaseIterable {
    /// A rural area.
    case rural
    /// An urban area.
    case urban
}

/// How the business occupies its premises.
public enum Tenure: String, Codable, Hashable, Sendable, CaseIterable {
    /// The business owns the premises.
    case owned
    /// The business leases or rents the premises.
    case leased
    /// The business is run from the owner's home.
    case homeBased
}

/// Energy Performance Certificate band, A (most efficient) to G (least).
public enum EPCBand: String, Codable, Hashable, Sendable, CaseIterable {
    case A, B, C, D, E, F, G
}

/// The kind of a vehicle.
public enum VehicleKind: String, Codable, Hashable, Sendable, CaseIterable {
    /// A light goods vehicle (van).
    case van
    /// A hackney carriage or private-hire vehicle.
    case taxi
    /// A car.
    case car
    /// A minibus.
    case minibus
    /// A heavy goods vehicle (over 3,500 kg gross).
    case hgv
}

/// The fuel or power source of a vehicle.
public enum Fuel: String, Codable, Hashable, Sendable, CaseIterable {
    /// Diesel.
    case diesel
    /// Petrol.
    case petrol
    /// Self-charging hybrid.
    case hybrid
    /// Plug-in hybrid.
    case pluginHybrid
    /// Battery electric.
    case electric
    /// Hydrogen fuel cell.
    case hydrogen
    /// Liquefied petroleum gas.
    case lpg
}
