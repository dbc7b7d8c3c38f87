import Kernel
import Messages

/// Sectors numbered in first-seen order, for the exposures.
extension Portfolio {
    /// Sector index per instrument: sectors numbered by the first instrument that names them.
    /// - Complexity: O(instruments × sectors); a set-up time call.
    public static func sectorIndices(for instruments: [Instrument]) -> [Int] {
        let names = sectorNames(for: instruments)
        return instruments.map { instrument in names.firstIndex(of: instrument.sector)! }
    }

    /// The distinct sector names, in first-seen order: `sectorNames(for:)[i]` is sector `i` of
    /// ``sectorIndices(for:)``.
    public static func sectorNames(for instruments: [Instrument]) -> [String] {
        var names: [String] = []
        for instrument in instruments where !names.contains(instrument.sector) { names.append(instrument.sector) }
        return names
    }
}
