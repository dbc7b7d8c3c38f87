import Foundation
import Kernel
import Messages
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#endif

/// `metronome feed serve`: streams a feed over TCP in the live protocol, paced in real time (or
/// faster). Every connection gets the whole feed from its start, on its own sending thread; the
/// connection is closed at the end of the feed.
///
/// Back-pressure: when the socket's send buffer is full the channel stops being writable and the
/// sender waits, so a slow reader slows the feed instead of growing memory.
public final class FeedServer: @unchecked Sendable {
    /// What one connection was sent.
    public struct Sent: Sendable {
        public var lines: UInt64
        public var wallNanoseconds: UInt64
    }

    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private var channel: (any Channel)?
    private let makeSource: @Sendable () throws -> any FeedLineSource
    private let pacing: FeedPacing
    private let lock = NSLock()
    private var finished: [Sent] = []
    private var failures: [String] = []
    private let connectionEnded = DispatchSemaphore(value: 0)

    public init(pacing: FeedPacing, makeSource: @escaping @Sendable () throws -> any FeedLineSource) {
        self.pacing = pacing
        self.makeSource = makeSource
    }

    /// Binds and starts accepting; returns the bound port (useful with port 0).
    public func start(host: String, port: Int) throws -> Int {
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(FeedConnectionHandler { [self] in
                        // Started once the connection is active: the sender watches `isActive`.
                        let thread = Thread { [self] in self.stream(to: channel) }
                        thread.name = "metronome.feed.sender"
                        thread.start()
                    })
                }
            }
        do {
            let bound = try bootstrap.bind(host: host, port: port).wait()
            channel = bound
            return bound.localAddress?.port ?? port
        } catch {
            throw LiveFeedError.cannotListen("\(host):\(port)", "\(error)")
        }
    }

    /// Blocks until a connection's stream ends; returns what it sent, or throws its failure.
    public func waitForConnection() throws -> Sent {
        connectionEnded.wait()
        return try lock.withLock {
            if let failure = failures.first { throw LiveFeedError.cannotOpen("the feed", failure) }
            return finished.last!
        }
    }

    public func shutdown() {
        if let channel { try? channel.close().wait() }
        channel = nil
        try? group.syncShutdownGracefully()
    }

    private func stream(to channel: any Channel) {
        let started = WallClock.wallTime()
        var sent: UInt64 = 0
        defer {
            channel.close(promise: nil)
            lock.withLock { finished.append(Sent(lines: sent, wallNanoseconds: WallClock.wallTime() &- started)) }
            connectionEnded.signal()
        }
        do {
            var source = try makeSource()
            var batch: [UInt8] = []
            batch.reserveCapacity(1 << 16)
            var firstTime: Timestamp?
            var lastWrite: EventLoopFuture<Void>?
            func flush() throws {
                guard !batch.isEmpty else { return }
                var buffer = channel.allocator.buffer(capacity: batch.count)
                buffer.writeBytes(batch)
                batch.removeAll(keepingCapacity: true)
                let write = channel.writeAndFlush(buffer)
                lastWrite = write
                // Back-pressure: wait for the socket instead of queueing without bound.
                if !channel.isWritable { try write.wait() }
            }
            while let time = try source.nextTime() {
                if firstTime == nil { firstTime = time }
                let due = started &+ pacing.offset(index: sent, time: time, firstTime: firstTime!)
                var now = WallClock.wallTime()
                if due > now {
                    // Lines due within 50 µs go out together; otherwise send what we have and wait.
                    if due - now > 50_000 || batch.count > 32_768 {
                        try flush()
                        now = WallClock.wallTime()
                        if due > now + 100_000 {
                            var pause = timespec(tv_sec: Int((due - now - 60_000) / 1_000_000_000), tv_nsec: Int((due - now - 60_000) % 1_000_000_000))
                            nanosleep(&pause, nil)
                        }
                        while WallClock.wallTime() < due {}
                        now = WallClock.wallTime()
                    }
                }
                try source.appendNext(stamp: now, to: &batch)
                sent &+= 1
                if batch.count > 65_536 { try flush() }
                // The client went away (a live run stopped early): the stream simply ends.
                if !channel.isActive { return }
            }
            try flush()
            try lastWrite?.wait()
        } catch is ChannelError {
            return  // the client closed the connection mid-write
        } catch is IOError {
            return
        } catch {
            lock.withLock { failures.append("\(error)") }
        }
    }
}

/// Starts a connection's sender when the connection becomes active; ignores what the client sends.
private final class FeedConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let onActive: () -> Void

    init(onActive: @escaping () -> Void) { self.onActive = onActive }

    func channelActive(context: ChannelHandlerContext) {
        onActive()
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {}
}
