import Kernel
import Messages

extension Context {
    /// Subscribes this component to the topics of its stage's row of ``PipelineTable``, in the
    /// row's order; a conditional subscription only when `applies` says the condition holds for
    /// this component.
    public func subscribe(as role: PipelineStage.Role, when applies: (PipelineStage.Condition) -> Bool = { _ in false }) {
        for subscription in PipelineTable.stage(role).subscribes where subscription.condition.map(applies) ?? true {
            subscribe(topic(subscription.topic))
        }
    }

    /// The topic `name`, which this component publishes as `role`: the stage's row must list it.
    public func topic(_ name: String, publishedAs role: PipelineStage.Role) -> TopicID {
        precondition(PipelineTable.stage(role).publishes.contains(name), "\(role.rawValue) publishes \(name): add it to its row of PipelineTable")
        return topic(name)
    }
}
