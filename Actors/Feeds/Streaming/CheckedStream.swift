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
    private var spilled: RecordSpillReader?
    private var delivered = 0
    /// Records the file holds.
    let count: Int
    /// Its quotes and trades per symbol.
    let census: RecordCensus
    /// Whether the run reads the checked records back rather than the file.
    var readsSpill: Bool { spilled != nil }

    /// - Parameters:
    ///   - file: the data file's name, for errors.
    ///   - spilling: keep the checked records for the run (false: read the file twice; tests
    ///     compare the two).
    init(file: String, spilling: Bool = true, open: @escaping () throws -> Reader) throws {
        var first = try open()
        var count = 0
        var census = RecordCensus()
        var writer = spilling ? RecordSpillWriter() : nil
        while let record = try first.next() {
            count += 1
            census.count(record.message)
            if let spill = writer, !spill.append(record) { writer = nil }
        }
        self.count = count
        self.census = census
        self.open = open
        spilled = writer?.finish().map { RecordSpillReader(file: $0, origin: file) }
    }

    mutating func next(file: String) throws -> InputRecord? {
        let record: InputRecord?
        if spilled != nil {
            record = try spilled!.next()
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
