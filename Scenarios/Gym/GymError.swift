/// An environment call that cannot go on, with the reason.
struct GymError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
