/// What one window of a walk-forward found: every grid point's in-sample figure, the point
/// chosen, and what that point did out of sample.
public struct WalkForwardStep: Sendable, Codable, Equatable {
    public var window: WalkForwardWindow
    /// ISO dates of the spans, for people.
    public var train: String
    public var test: String
    /// The in-sample value of the selection metric per grid point (nil: undefined for that point).
    public var in_sample: [Double?]
    public var chosen_point: Int
    /// `KEY=VALUE` of the chosen point.
    public var chosen: [String]
    /// The chosen point's run on the test span.
    public var out_of_sample: SweepRunResult
    /// The test run's basis returns (daily closes when the span covers two days or more).
    public var out_of_sample_returns: [Double]

    public init(window: WalkForwardWindow, train: String, test: String, in_sample: [Double?], chosen_point: Int, chosen: [String],
                out_of_sample: SweepRunResult, out_of_sample_returns: [Double]) {
        self.window = window
        self.train = train
        self.test = test
        self.in_sample = in_sample
        self.chosen_point = chosen_point
        self.chosen = chosen
        self.out_of_sample = out_of_sample
        self.out_of_sample_returns = out_of_sample_returns
    }
}
