/// A command's own failure, with the documented exit code.
public struct CommandFailure: Error {
    public var message: String
    public var exitCode: Int32

    public init(message: String, exitCode: Int32) {
        self.message = message
        self.exitCode = exitCode
    }

    public static func badInput(_ message: String) -> CommandFailure { CommandFailure(message: message, exitCode: 2) }
    public static func checkFailed(_ message: String) -> CommandFailure { CommandFailure(message: message, exitCode: 1) }
}
