import Kernel
import Messages

/// A data file read once, whole, when the source is made: every row checked and the records
/// counted — so a bad row is refused before any input is admitted, and `validate` sees it. The
/// checked records go to an anonymous temporary file in a compact binary form
/// (``RecordSpillWriter``), and the run reads them back from there: the text is parsed once.
/// Where no temporary file can be had (or a record has no binary form), the file is read again,
/// streamed, as the run asks for inputs. Neither way holds more than a chunk in memory, so memory
/// stays flat as the file grows.
struct CheckedStream<Reader: RecordReader> {
    private let open: () throws -> Reader
    private var reader: Reader?
    /// The checked records being read, and the parts after it (``SplitCheck``); nil when the file
    /// is read again. (The part being read is kept out of the array: reading it in place there
    /// cost a uniqueness check and a call per record.)
    private var spilled: RecordSpillReader?
    private var laterParts: [RecordSpillReader] = []
    private var delivered = 0
    /// Records the file holds.
    let count: Int
    /// Its quotes and trades per symbol.
    let census: RecordCensus
    /// Whether the run reads the checked records back rather than the file.
    var readsSpill: Bool { spilled != nil }
    /// Whether the file was checked in parts (``SplitCheck``).
    let readsParts: Bool

    /// - Parameters:
    ///   - file: the data file's name, for errors.
    ///   - spilling: keep the checked records for the run (false: read the file twice; tests
    ///     compare the two).
    init(file: String, spilling: Bool = true, open: @escaping () throws -> Reader) throws {
        var reader = try open()
        // Without `givesUp` a check is never abandoned: it gives a part or throws.
        self.init(parts: [try CheckedPart.check(&reader, origin: file, spilling: spilling)!], open: open)
    }

    /// A file checked in parts (``SplitCheck``; one part: the whole file), their records read one
    /// part after the other. Parts after the first have their records kept.
    init(parts: [CheckedPart], open: @escaping () throws -> Reader) {
        var census = RecordCensus()
        for part in parts { census.merge(part.census) }
        self.census = census
        count = parts.reduce(0) { $0 + $1.count }
        readsParts = parts.count > 1
        spilled = parts.first?.spill
        laterParts = parts.dropFirst().compactMap(\.spill)
        self.open = open
    }

    mutating func next(file: String) throws -> InputRecord? {
        var record: InputRecord?
        if spilled != nil {
            record = try spilled!.next()
            while record == nil && !laterParts.isEmpty {
                spilled = laterParts.removeFirst()
                record = try spilled!.next()
            }
        } else {
            if reader == nil { reader = try open() }
            record = try reader!.next()
        }
        guard let record else {
            // The second pass must read what the first one counted: else the file changed under the run.
            guard delivered == count else {
                throw DataFileText.Failure(description: "\(file): the file changed while it was read (\(count) records checked, \(delivered) read)")
            }
            return nil
        }
        delivered += 1
        return record
    }
}
