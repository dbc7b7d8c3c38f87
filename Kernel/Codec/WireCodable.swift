/// A value with a stable binary encoding (see ``BinaryWriter``).
///
/// The encoding of a type never changes once released: a new layout gets a new
/// ``MessageTag`` so that old logs stay readable.
public protocol WireCodable: Sendable {
    func encode(into writer: inout BinaryWriter)
    init(from reader: inout BinaryReader) throws(DecodingError)
}
