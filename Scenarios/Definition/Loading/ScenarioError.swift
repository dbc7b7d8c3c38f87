/// A problem with a scenario file, located to the character: printed as
/// `file:line:column: error: message` followed by a hint, like a compiler diagnostic.
public struct ScenarioError: Error, CustomStringConvertible, Equatable {
    public var file: String
    /// 1-based; 0 when the problem concerns the whole file.
    public var line: Int
    /// 1-based; 0 when unknown.
    public var column: Int
    public var message: String
    public var hint: String?

    public init(file: String, line: Int, column: Int, message: String, hint: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    public var description: String {
        var text = line > 0 ? "\(file):\(line):\(column): error: \(message)" : "\(file): error: \(message)"
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }
}
