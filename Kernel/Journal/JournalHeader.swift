/// The first frame of a log: what produced it and how to rebuild the run.
public struct JournalHeader: Sendable, Equatable {
    /// Also says how the run's digests were computed (see ``digestDefinition``).
    public var formatVersion: UInt16 = JournalFormat.formatVersion
    public var schemaVersion: UInt16 = JournalFormat.schemaVersion
    /// Tool version, codec library versions, compiler: who wrote the file.
    public var buildIdentity: String
    public var mode: RunMode
    public var seed: UInt64
    public var startTime: Timestamp
    /// The configured end time (0 = none).
    public var endTime: Timestamp
    public var scenarioName: String
    /// The scenario file's text, byte for byte: a replay needs nothing but the log.
    public var scenarioText: String
    /// XXH64 of the scenario text.
    public var scenarioDigest: UInt64
    public var codec: BlockCodec
    public var level: Int32
    public var blockBytes: UInt32
    /// Topic names by ``TopicID`` raw value, as registered when recording started.
    public var topicNames: [String]
    /// Component names by ``ActorID`` raw value.
    public var componentNames: [String]

    public init(buildIdentity: String, mode: RunMode, seed: UInt64, startTime: Timestamp, endTime: Timestamp,
                scenarioName: String, scenarioText: String, codec: BlockCodec, level: Int32, blockBytes: UInt32,
                topicNames: [String], componentNames: [String]) {
        self.buildIdentity = buildIdentity
        self.mode = mode
        self.seed = seed
        self.startTime = startTime
        self.endTime = endTime
        self.scenarioName = scenarioName
        self.scenarioText = scenarioText
        scenarioDigest = XXH64.hash(Array(scenarioText.utf8))
        self.codec = codec
        self.level = level
        self.blockBytes = blockBytes
        self.topicNames = topicNames
        self.componentNames = componentNames
    }

    /// How the digests in this log (input fragments, checkpoints, trailer) were computed: a
    /// replay computes its own the same way to compare them.
    public var digestDefinition: DigestDefinition {
        // A decoded header's version was checked against the readable ones.
        DigestDefinition(journalFormatVersion: formatVersion) ?? .current
    }

    /// What the trace ids in this log name.
    public var traceIdentity: TraceIdentity { TraceIdentity(journalFormatVersion: formatVersion) }

    /// The header frame's checksum (XXH64 of its kind and fields). From format 3 on every block
    /// descriptor and the trailer repeat it, so a header edited or taken from another log (another
    /// seed, start, end or mode) no longer matches the body it sits on.
    public var frameDigest: UInt64 {
        let frame = encodeFrame()
        return frame.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: frame.count - 8, as: UInt64.self).littleEndian }
    }

    /// The magic that opens every log, right after the skippable-frame header: "METRONOM".
    static let magic: UInt64 = 0x4D4F_4E4F_5254_454D

    func encodeFrame() -> [UInt8] {
        MetadataFrame.encode(kind: JournalFormat.headerKind) { writer in
            writer.write(JournalHeader.magic)
            writer.write(formatVersion)
            writer.write(schemaVersion)
            writer.write(buildIdentity)
            writer.write(UInt8(RunMode.allCases.firstIndex(of: mode)!))
            writer.write(seed)
            writer.write(startTime)
            writer.write(endTime)
            writer.write(scenarioName)
            writer.write(scenarioText)
            writer.write(scenarioDigest)
            writer.write(codec.rawValue)
            writer.write(level)
            writer.write(blockBytes)
            writer.write(UInt32(topicNames.count))
            for name in topicNames { writer.write(name) }
            writer.write(UInt32(componentNames.count))
            for name in componentNames { writer.write(name) }
        }
    }

    static func decode(payload: [UInt8], offset: UInt64) throws(JournalError) -> JournalHeader {
        var reader = try MetadataFrame.open(payload: payload, expectedKind: JournalFormat.headerKind, offset: offset, what: "header")
        do {
            guard try reader.readUInt64() == magic else { throw JournalError.malformed(offset: offset, message: "not a Metronome log (bad magic)") }
            let format = try reader.readUInt16()
            guard JournalFormat.readableFormatVersions.contains(format) else {
                let versions = JournalFormat.readableFormatVersions.map(String.init)
                let readable = versions.dropLast().joined(separator: ", ") + " and " + versions.last!
                throw JournalError.malformed(offset: offset, message: "log format version \(format) is not supported (this build reads \(readable))")
            }
            let schema = try reader.readUInt16()
            guard schema == JournalFormat.schemaVersion else {
                throw JournalError.malformed(offset: offset, message: "record schema version \(schema) is not supported (this build reads \(JournalFormat.schemaVersion))")
            }
            let build = try reader.readString(maximumBytes: 4096)
            let modeIndex = Int(try reader.readUInt8())
            guard modeIndex < RunMode.allCases.count else { throw JournalError.malformed(offset: offset, message: "unknown run mode \(modeIndex)") }
            let seed = try reader.readUInt64()
            let start = try reader.readUInt64()
            let end = try reader.readUInt64()
            let name = try reader.readString(maximumBytes: 4096)
            let text = try reader.readString(maximumBytes: JournalFormat.maximumHeaderBytes)
            let scenarioDigest = try reader.readUInt64()
            let codecRaw = try reader.readUInt8()
            guard let codec = BlockCodec(rawValue: codecRaw) else { throw JournalError.malformed(offset: offset, message: "unknown codec \(codecRaw)") }
            let level = try reader.readInt32()
            let blockBytes = try reader.readUInt32()
            let topicCount = Int(try reader.readUInt32())
            guard topicCount <= 65_536 else { throw JournalError.malformed(offset: offset, message: "implausible topic count \(topicCount)") }
            var topics: [String] = []
            for _ in 0..<topicCount { topics.append(try reader.readString(maximumBytes: 4096)) }
            let componentCount = Int(try reader.readUInt32())
            guard componentCount <= 1 << 20 else { throw JournalError.malformed(offset: offset, message: "implausible component count \(componentCount)") }
            var components: [String] = []
            for _ in 0..<componentCount { components.append(try reader.readString(maximumBytes: 4096)) }
            var header = JournalHeader(buildIdentity: build, mode: RunMode.allCases[modeIndex], seed: seed, startTime: start, endTime: end,
                                       scenarioName: name, scenarioText: text, codec: codec, level: level, blockBytes: blockBytes,
                                       topicNames: topics, componentNames: components)
            guard header.scenarioDigest == scenarioDigest else {
                throw JournalError.malformed(offset: offset, message: "scenario text does not match its digest")
            }
            header.formatVersion = format
            header.schemaVersion = schema
            return header
        } catch let error as JournalError {
            throw error
        } catch let error as DecodingError {
            throw JournalError.malformed(offset: offset, message: "header: \(error)")
        } catch {
            throw JournalError.malformed(offset: offset, message: "header: \(error)")
        }
    }
}
