import Kernel
import Messages

/// One step of a walk-forward: parameters are chosen on the training span and then run, locked,
/// on the test span that follows it (after the embargo).
public struct WalkForwardWindow: Sendable, Codable, Equatable {
    public var trainStart: Timestamp
    public var trainEnd: Timestamp
    public var testStart: Timestamp
    public var testEnd: Timestamp

    public init(trainStart: Timestamp, trainEnd: Timestamp, testStart: Timestamp, testEnd: Timestamp) {
        self.trainStart = trainStart
        self.trainEnd = trainEnd
        self.testStart = testStart
        self.testEnd = testEnd
    }

    /// The windows over [start, end): the first trains on [start, start + train), tests on
    /// [trainEnd + embargo, … + test); each next one moves by `step`. Rolling windows keep the
    /// training length; expanding ones keep the first training start. Only whole test spans count.
    public static func windows(start: Timestamp, end: Timestamp, trainNanoseconds: DurationNanoseconds, testNanoseconds: DurationNanoseconds,
                               stepNanoseconds: DurationNanoseconds, embargoNanoseconds: DurationNanoseconds,
                               expanding: Bool) -> [WalkForwardWindow] {
        precondition(trainNanoseconds > 0 && testNanoseconds > 0 && stepNanoseconds > 0)
        var windows: [WalkForwardWindow] = []
        var offset: DurationNanoseconds = 0
        while true {
            let (trainEnd, overflow) = start.addingReportingOverflow(offset + trainNanoseconds)
            guard !overflow else { break }
            let testStart = trainEnd + embargoNanoseconds
            let testEnd = testStart + testNanoseconds
            guard testEnd <= end else { break }
            windows.append(WalkForwardWindow(trainStart: expanding ? start : start + offset, trainEnd: trainEnd,
                                             testStart: testStart, testEnd: testEnd))
            offset += stepNanoseconds
        }
        return windows
    }
}
