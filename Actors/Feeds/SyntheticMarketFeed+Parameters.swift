import Kernel
import Messages

extension SyntheticMarketFeed {
    public struct Parameters: Sendable, Equatable {
        public var intervalNanoseconds: DurationNanoseconds
        public var drift: Double
        public var volatility: Double
        public var initialPrices: [Int64]
        /// Sector index per symbol (same length as `initialPrices`).
        public var sectors: [Int]
        public var sectorCorrelation: Double
        public var marketCorrelation: Double
        /// Jumps per symbol per trading year.
        public var jumpIntensity: Double
        public var jumpMean: Double
        public var jumpVolatility: Double
        public var stressedVolatilityMultiplier: Double
        /// Per interval: calm → stressed.
        public var stressProbability: Double
        /// Per interval: stressed → calm.
        public var recoveryProbability: Double
        public var spreadTicks: Int64
        public var maximumSize: Int64
        public var tradeProbability: Double
        public var latencyNanoseconds: DurationNanoseconds
        /// Alternative data and the latent factors behind it; nil = none.
        public var alternativeData: AlternativeData?
        /// A pull of each log price back toward its start (an Ornstein–Uhlenbeck term) with this
        /// half-life; nil = none (a random walk).
        public var meanReversionHalfLifeNanoseconds: DurationNanoseconds?
        /// Scripted events (regime changes, crashes, news shocks), in any order.
        public var events: [MarketEvent] = []
        /// Lead–lag: each sector's first symbol leads the sector's others, whose every return
        /// adds `leadLag` × the leader's return `leadLagDelayNanoseconds` earlier (0 = none).
        public var leadLag: Double = 0
        public var leadLagDelayNanoseconds: DurationNanoseconds = 60_000_000_000

        /// Latent per-symbol factors that move returns a little, and the noisy alternative data
        /// that reveal them (see docs/agents.md, "What the agents can find"):
        /// - alpha `a_i`: an AR(1) with unit variance and half-life `alphaHalfLifeNanoseconds`;
        ///   it adds `alphaStrength · a_i` of annual drift. Sentiment = a_i + N(0, sentimentNoise²);
        ///   fund flow = ½·previous flow + ½·a_i + N(0, flowNoise²); an insider filing (±1, the sign
        ///   of a_i + N(0, 1)) comes with probability `insiderProbability · (1 + |a_i|)`.
        /// - value `v_i` ~ N(0, 1), fixed for the run: adds `valueStrength · v_i` of annual drift.
        ///   Earnings yield = 5 % + 2 %·v_i + noise; book-to-price = 0.5 + 0.2·v_i + noise.
        /// - macro: a volatility index 15·(regime multiplier)·e^{N(0, 0.1²) − 0.25·m}, a credit
        ///   spread that follows it, and a slowly drifting interest rate; the stressed regime (and
        ///   its volatility) is what they announce. With `macroStrength` > 0, m is a market-wide
        ///   risk appetite (an AR(1) with unit variance and the alpha's half-life) adding
        ///   `macroStrength · m` of annual drift to every symbol; otherwise m = 0.
        /// - `valueHalfLifeNanoseconds`: nil keeps v_i fixed; a half-life makes it an AR(1) with
        ///   unit variance (re-ratings the fundamentals reveal).
        /// - `orderFlowTilt`: informed order flow. A trade is buyer-initiated with probability
        ///   ½ + ½·tilt·tanh(a_i), and the bid size is scaled by 1 + tilt·tanh(a_i), the ask size by
        ///   1 − tilt·tanh(a_i): the book and the tape lean the way the alpha drifts (0 = none).
        public struct AlternativeData: Sendable, Equatable {
            public var publishIntervalNanoseconds: DurationNanoseconds
            public var alphaHalfLifeNanoseconds: DurationNanoseconds
            public var alphaStrength: Double
            public var valueStrength: Double
            public var sentimentNoise: Double
            public var flowNoise: Double
            public var insiderProbability: Double
            public var macroStrength: Double = 0
            public var valueHalfLifeNanoseconds: DurationNanoseconds?
            public var orderFlowTilt: Double = 0

            public init(publishIntervalNanoseconds: DurationNanoseconds = 60_000_000_000,
                        alphaHalfLifeNanoseconds: DurationNanoseconds = 1_800_000_000_000, alphaStrength: Double = 1.0,
                        valueStrength: Double = 0.05, sentimentNoise: Double = 2.0, flowNoise: Double = 1.0,
                        insiderProbability: Double = 0.01) {
                self.publishIntervalNanoseconds = publishIntervalNanoseconds
                self.alphaHalfLifeNanoseconds = alphaHalfLifeNanoseconds
                self.alphaStrength = alphaStrength
                self.valueStrength = valueStrength
                self.sentimentNoise = sentimentNoise
                self.flowNoise = flowNoise
                self.insiderProbability = insiderProbability
            }
        }

        public init(intervalNanoseconds: DurationNanoseconds, drift: Double = 0, volatility: Double = 0.2, initialPrices: [Int64],
                    sectors: [Int], sectorCorrelation: Double = 0.5, marketCorrelation: Double = 0.2, jumpIntensity: Double = 0,
                    jumpMean: Double = 0, jumpVolatility: Double = 0.02, stressedVolatilityMultiplier: Double = 1,
                    stressProbability: Double = 0, recoveryProbability: Double = 1, spreadTicks: Int64 = 2, maximumSize: Int64 = 100,
                    tradeProbability: Double = 0, latencyNanoseconds: DurationNanoseconds = 0, alternativeData: AlternativeData? = nil) {
            self.alternativeData = alternativeData
            self.intervalNanoseconds = intervalNanoseconds
            self.drift = drift
            self.volatility = volatility
            self.initialPrices = initialPrices
            self.sectors = sectors
            self.sectorCorrelation = sectorCorrelation
            self.marketCorrelation = marketCorrelation
            self.jumpIntensity = jumpIntensity
            self.jumpMean = jumpMean
            self.jumpVolatility = jumpVolatility
            self.stressedVolatilityMultiplier = stressedVolatilityMultiplier
            self.stressProbability = stressProbability
            self.recoveryProbability = recoveryProbability
            self.spreadTicks = spreadTicks
            self.maximumSize = maximumSize
            self.tradeProbability = tradeProbability
            self.latencyNanoseconds = latencyNanoseconds
        }

        /// The correlation matrix the returns are drawn with (row-major, n × n).
        public var correlationMatrix: [Double] {
            let count = sectors.count
            var matrix = [Double](repeating: 0, count: count * count)
            for row in 0..<count {
                for column in 0..<count {
                    matrix[row * count + column] = row == column ? 1
                        : (sectors[row] == sectors[column] ? sectorCorrelation : marketCorrelation)
                }
            }
            return matrix
        }
    }
}
