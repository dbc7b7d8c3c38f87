import Scenarios

/// Build identity: the tool's version and the codecs it links.
enum MetronomeVersion {
    static var text: String { BuildIdentity.text }
}
