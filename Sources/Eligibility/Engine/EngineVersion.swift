/// The engine's version, recorded in every decision.
public enum EngineVersion {
    /// The current version.
    public static let current = "0.1.0"
}
