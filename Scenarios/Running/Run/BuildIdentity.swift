import Foundation
import Kernel
import Messages
import ScenarioDefinition

/// Who built this binary: stored in every log header and printed by `metronome version`.
public enum BuildIdentity {
    public static let toolVersion = "0.2.0"

    /// `debug` or `release`: figures from a debug build are not comparable.
    public static var configuration: String {
        #if DEBUG
        "debug"
        #else
        "release"
        #endif
    }

    /// What the header of a log records; with the component types a package registered, their
    /// names and versions (`…; components: momentum@1`), which replay checks.
    public static var text: String {
        let base = "metronome \(toolVersion) \(configuration) (zstd \(BlockCodec.zstdLibraryVersion), lz4 \(BlockCodec.lz4LibraryVersion))"
        let components = ComponentRegistry.current.summary
        return components.isEmpty ? base : base + "; " + componentsMarker + components
    }

    static let componentsMarker = "components: "

    /// The registered component types a log's build identity names, as `(name, version, id)`; `id`
    /// is a message type's permanent id (`breakout@1#1`), nil for the other kinds.
    public static func components(in identity: String) -> [(name: String, version: UInt16, messageID: UInt16?)] {
        guard let range = identity.range(of: "; " + componentsMarker) else { return [] }
        return identity[range.upperBound...].split(separator: ",").compactMap { item in
            let parts = item.trimmingCharacters(in: .whitespaces).split(separator: "@")
            guard parts.count == 2 else { return nil }
            let versionAndID = parts[1].split(separator: "#")
            guard let version = UInt16(versionAndID[0]) else { return nil }
            if versionAndID.count == 2 {
                guard let id = UInt16(versionAndID[1]) else { return nil }
                return (String(parts[0]), version, id)
            }
            return versionAndID.count == 1 ? (String(parts[0]), version, nil) : nil
        }
    }

    /// Why this executable cannot replay a log recorded with `identity`, if it cannot: the
    /// registered component types of the executable that wrote it which are missing here, or here
    /// in another version (all of them named, so one message says which executable to use).
    public static func componentMismatch(recordedBy identity: String, log: String) -> String? {
        let registry = ComponentRegistry.current
        var missing: [String] = []
        for (name, version, messageID) in components(in: identity) {
            guard let here = registry.version(of: name) else {
                missing.append("'\(name)' version \(version)")
                continue
            }
            if here != version {
                return "\(log) was recorded with component type '\(name)' version \(version), and this executable has version \(here): a replay could not reproduce it (docs/extending.md)"
            }
            if let messageID, let type = registry.messageTypes.first(where: { $0.name == name }), type.typeID != messageID {
                return "\(log) was recorded with message type '\(name)' as id \(messageID), and this executable registers it as id \(type.typeID): its messages would be read as another type (docs/extending.md)"
            }
        }
        guard !missing.isEmpty else { return nil }
        let types = missing.count == 1 ? "component type " + missing[0] : "component types " + missing.joined(separator: ", ")
        return "\(log) was recorded with \(types) (written by \(identity)), which this executable does not register: replay it with the executable of the package that provides them (docs/extending.md)"
    }
}
