import Kernel
import Messages

/// A data file, or one part of it (``SplitCheck``), checked: every record read — so a bad row
/// throws here, before the run — counted by kind and symbol, and kept for the run in a spill
/// (``RecordSpillWriter``) when one could be had.
struct CheckedPart {
    /// The checked records; nil when they were not kept (not asked for, no temporary file, a
    /// record without a binary form): the run then reads the file again.
    var spill: RecordSpillReader?
    var count: Int
    var census: RecordCensus

    /// Reads `reader` to its end. `givesUp`, asked after each record with the count so far, can
    /// abandon the part (nil): a part checked beside another stops when the cut is given up.
    static func check<Reader: RecordReader>(_ reader: inout Reader, origin: String, spilling: Bool,
                                            givesUp: (inout Reader, Int) -> Bool = { _, _ in false }) throws -> CheckedPart? {
        var writer = spilling ? RecordSpillWriter() : nil
        var count = 0
        var census = RecordCensus()
        while let record = try reader.next() {
            count += 1
            census.count(record.message)
            // Not `if let`: binding the writer retained and released it once a record.
            if writer != nil && !writer!.append(record) { writer = nil }
            if givesUp(&reader, count) { return nil }
        }
        return CheckedPart(spill: writer?.finish().map { RecordSpillReader(file: $0, origin: origin) }, count: count, census: census)
    }
}
