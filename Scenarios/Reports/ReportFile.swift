import Foundation

/// Writing report files, with errors that say what is wrong in plain words.
public enum ReportFile {
    public static func write(_ value: some Encodable, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do { data = try encoder.encode(value) + Data("\n".utf8) } catch {
            throw CommandFailure.badInput("metronome: error: cannot encode \(path): \(error)")
        }
        try write(data, to: path)
    }

    public static func write(_ data: Data, to path: String) throws {
        try checkWritable(path, option: nil)
        guard FileManager.default.createFile(atPath: path, contents: data) else {
            throw CommandFailure.badInput("metronome: error: cannot write \(path): \(reason(for: path))")
        }
    }

    /// Fails early, with a readable reason, when `path` cannot be written: a directory, a missing
    /// parent that cannot be created, no permission.
    public static func checkWritable(_ path: String, option: String?) throws {
        let label = option.map { "\($0) " } ?? ""
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw CommandFailure.badInput("metronome: error: \(label)\(path) is a directory; give a file path")
        }
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw CommandFailure.badInput("metronome: error: \(label)cannot create the folder \(parent.path) for \(path)")
        }
        guard FileManager.default.isWritableFile(atPath: parent.path) else {
            throw CommandFailure.badInput("metronome: error: \(label)\(parent.path) is not writable")
        }
    }

    private static func reason(for path: String) -> String {
        FileManager.default.isWritableFile(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path) ? "the write failed" : "permission denied"
    }
}
