import Foundation
import NIOCore
import NIOPosix

/// Reads a live feed from a TCP server (`metronome feed serve`, or any NDJSON source) with
/// SwiftNIO, on one event-loop thread, into a ``LiveFeedIngest``.
///
/// Back-pressure: the handler hands each chunk to the ingest, whose inbox blocks when the kernel
/// falls behind; the event loop then stops reading and TCP flow control slows the sender.
public final class TCPFeedClient: @unchecked Sendable {
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private var channel: (any Channel)?

    public init() {}

    /// Connects, retrying until `timeoutNanoseconds` has passed (the server may still be starting).
    public func connect(host: String, port: Int, ingest: LiveFeedIngest, timeoutNanoseconds: UInt64) throws {
        let bootstrap = ClientBootstrap(group: group)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(FeedReadHandler(ingest: ingest))
                }
            }
        let deadline = DispatchTime.now().uptimeNanoseconds + timeoutNanoseconds
        while true {
            do {
                channel = try bootstrap.connect(host: host, port: port).wait()
                return
            } catch {
                if DispatchTime.now().uptimeNanoseconds >= deadline {
                    throw LiveFeedError.cannotConnect("tcp://\(host):\(port)", "\(error)")
                }
                usleep(100_000)
            }
        }
    }

    /// Closes the connection (if open) and stops the event loop.
    public func shutdown() {
        if let channel { try? channel.close().wait() }
        channel = nil
        try? group.syncShutdownGracefully()
    }
}

/// Hands each chunk to the ingest; the end of the stream finishes it.
private final class FeedReadHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let ingest: LiveFeedIngest
    private var finished = false
    /// The error that broke the connection, if any: the feed then ends as failed, not closed.
    private var failure: String?

    init(ingest: LiveFeedIngest) { self.ingest = ingest }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        let open = buffer.withUnsafeReadableBytes { ingest.consume($0) }
        if !open { context.close(promise: nil) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        FileHandle.standardError.write(Data("metronome: feed connection error: \(error)\n".utf8))
        if failure == nil { failure = "\(error)" }
        context.close(promise: nil)
    }

    private func finish() {
        guard !finished else { return }
        finished = true
        ingest.finish(failure: failure)
    }
}
