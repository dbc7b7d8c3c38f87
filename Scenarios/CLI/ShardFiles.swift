import Foundation
import Scenarios

/// Finding and reading shard results for `metronome merge`.
enum ShardFiles {
    enum Shard {
        case chaos(ChaosShardResult)
        case sweep(SweepShardResult)
    }

    /// The files named, and in each folder named the shard results it holds (and its `shards/`
    /// folder's), in name order.
    static func find(_ arguments: [String]) throws -> [String] {
        var files: [String] = []
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                throw CommandFailure.badInput("metronome: error: merge: \(argument): no such file or folder")
            }
            guard isDirectory.boolValue else { files.append(argument); continue }
            var found: [String] = []
            for folder in [argument, argument + "/shards"] {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
                found += names.filter(isShardName).sorted().map { folder + "/" + $0 }
            }
            guard !found.isEmpty else {
                throw CommandFailure.badInput("metronome: error: merge: \(argument) holds no shard results (NAME-shard-i-of-n.json, shards/shard-i-of-n.json)")
            }
            files += found
        }
        return files
    }

    static func isShardName(_ name: String) -> Bool {
        guard name.hasSuffix(".json"), let range = name.range(of: "shard-", options: .backwards) else { return false }
        let tag = name[range.upperBound...].dropLast(5).split(separator: "-")
        return tag.count == 3 && Int(tag[0]) != nil && tag[1] == "of" && Int(tag[2]) != nil
    }

    private struct Kind: Decodable { var kind: String? }

    static func read(_ path: String) throws -> Shard {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure.badInput("metronome: error: merge: cannot read \(path)")
        }
        let kind = (try? JSONDecoder().decode(Kind.self, from: data))?.kind
        do {
            switch kind {
            case ChaosShardResult.kindName: return .chaos(try JSONDecoder().decode(ChaosShardResult.self, from: data))
            case SweepShardResult.kindName: return .sweep(try JSONDecoder().decode(SweepShardResult.self, from: data))
            default:
                throw CommandFailure.badInput("metronome: error: merge: \(path) is not a shard result: expected \"kind\": \"\(ChaosShardResult.kindName)\" or \"\(SweepShardResult.kindName)\"")
            }
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure.badInput("metronome: error: merge: \(path): a damaged \(kind ?? "") shard result (\(error))")
        }
    }
}
