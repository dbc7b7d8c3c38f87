import Kernel
import Messages

/// A data file read twice: once whole when the source is made, checking every row and counting
/// the records — so a bad row is refused before any input is admitted, and `validate` sees it —
/// then again, streamed, as the run asks for inputs. Neither pass holds more than a chunk of the
/// file, so memory stays flat as the file grows.
struct CheckedStream<Reader: RecordReader> {
    private let open: () throws -> Reader
    private var reader: Reader?
    private var delivered = 0
    /// Records the file holds.
    let count: Int
    /// Its quotes and trades per symbol.
    let census: RecordCensus

    init(open: @escaping () throws -> Reader) throws {
        var first = try open()
        var count = 0
        var census = RecordCensus()
        while let record = try first.next() {
            count += 1
            census.count(record.message)
        }
        self.count = count
        self.census = census
        self.open = open
    }

    mutating func next(file: String) throws -> InputRecord? {
        if reader == nil { reader = try open() }
        guard let record = try reader!.next() else {
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
