/// One row of the pipeline table (``PipelineTable``): a stage, the component that plays it, the
/// topics it subscribes to and the topics it publishes.
public struct PipelineStage: Sendable, Equatable {
    /// Which stage; the raw value is the component's name in the kernel (`agent.*`: one component
    /// per enabled agent, named `agent.<name>`).
    public enum Role: String, Sendable, CaseIterable {
        case inputGuard = "feed.guard"
        case agents = "agent.*"
        case blender, selector, sizer, policy, gate, router, trader, broker, portfolio
    }

    /// When a subscription applies to only some of a stage's components; the raw value is how the
    /// table in docs/architecture.md says it.
    public enum Condition: String, Sendable {
        /// Feature agents (not the EMA-cross agent).
        case featureAgent = "feature agents"
        /// A sizer or a trader that follows the selector's slates.
        case followsSlates = "following slates"
        /// A trader that follows the blender's forecasts.
        case followsForecasts = "following forecasts"
        /// A trader that follows the agents' signals.
        case followsSignals = "following signals"
        /// A stage with a package's component that receives the package's own messages
        /// (``PackageMessageReceiver``).
        case receivesPackageMessages = "receiving package messages"
    }

    /// A topic a stage subscribes to; `condition`: only the components it applies to.
    public struct Subscription: Sendable, Equatable {
        public let topic: String
        public let condition: Condition?

        public init(_ topic: String, when condition: Condition? = nil) {
            self.topic = topic
            self.condition = condition
        }
    }

    public let role: Role
    /// The component types that play the stage.
    public let components: [String]
    /// In the order each component subscribes: a topic's subscribers receive its messages in
    /// subscription order, and components subscribe in registration order, which is this table's.
    public let subscribes: [Subscription]
    public let publishes: [String]

    /// The component's name in the kernel (``Role``).
    public var name: String { role.rawValue }
}
