/// Constants of the log format (docs/log-format.md).
public enum JournalFormat {
    /// Format version of the logs this build writes. The version says how the digests in it are
    /// computed (``DigestDefinition``): 1 = record chain, 2–4 = record stream; from 3 on, every
    /// block descriptor and the trailer carry the header's digest (``bindsHeader(formatVersion:)``);
    /// from 4 on, trace ids are input ordinals (``TraceIdentity``); 5 is 4 with annotation records
    /// (a run that journals annotations writes it, any other run 4).
    public static let formatVersion: UInt16 = KernelConfiguration().journalFormatVersion
    /// The first format version whose logs may hold annotation records.
    public static let firstAnnotationFormatVersion: UInt16 = 5
    /// Every version this build reads, replays and verifies.
    public static let readableFormatVersions: [UInt16] = [1, 2, 3, 4, 5]

    /// Whether logs of this version bind their header to their body: descriptors and trailer hold
    /// the header frame's digest, and descriptors a flags field.
    public static func bindsHeader(formatVersion: UInt16) -> Bool { formatVersion >= 3 }

    /// Descriptor flag: the block holds inputs `log recover` brought back from the write-ahead
    /// file of a live run that died; their decisions and the block's checkpoint were never taken.
    public static let recoveredInputsFlag: UInt32 = 1
    /// Version of the record and message encoding (``MessageTag`` set).
    public static let schemaVersion: UInt16 = 1

    /// Magic of Metronome's metadata frames: a skippable frame magic (0x184D2A50–5F), which
    /// both zstd and lz4 tools skip.
    public static let skippableMagic: UInt32 = 0x184D_2A5E
    /// Magic of a zstd frame.
    public static let zstdMagic: UInt32 = 0xFD2F_B528
    /// Magic of an LZ4 frame.
    public static let lz4Magic: UInt32 = 0x184D_2204

    /// Kinds of metadata frames (the first four bytes of the payload, ASCII).
    public static let headerKind: UInt32 = 0x4448_544D      // "MTHD"
    public static let descriptorKind: UInt32 = 0x4442_544D  // "MTBD"
    public static let indexKind: UInt32 = 0x5849_544D       // "MTIX"
    public static let trailerKind: UInt32 = 0x5254_544D     // "MTTR"

    /// Upper bounds checked before anything is allocated: a crafted file cannot make a reader
    /// allocate more than this for one structure.
    public static let maximumHeaderBytes = 16 << 20
    public static let maximumDescriptorBytes = 4 << 10
    public static let maximumIndexBytes = 256 << 20
    public static let maximumTrailerBytes = 4 << 10
    public static let maximumBlockBytes = 64 << 20
    public static let maximumRecordPayloadBytes = 1 << 20

    /// Default uncompressed block size.
    public static let defaultBlockBytes = 1 << 20
}
