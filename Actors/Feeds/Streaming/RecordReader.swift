import Kernel
import Messages

/// What reads a data file's records in file order, from its first line.
protocol RecordReader {
    mutating func next() throws -> InputRecord?
}
