import DequeModule

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The only door into a live kernel from other threads: feed readers, signal handlers and
/// operators submit here; the kernel thread takes items out, stamps them and admits them.
///
/// Bounded: ``submit(topic:message:)`` blocks while the inbox is full (back-pressure, nothing
/// dropped) unless the inbox is closed.
public final class Inbox<Payload: KernelPayload>: @unchecked Sendable {
    public struct Item: Sendable {
        public var topic: TopicID
        public var message: Payload
    }

    var mutex = pthread_mutex_t()
    var changed = pthread_cond_t()
    var items: Deque<Item> = []
    var closed = false
    var failureText: String?
    var stopRequested = false
    public let capacity: Int

    public init(capacity: Int = 65_536) {
        precondition(capacity > 0)
        self.capacity = capacity
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&changed, nil)
    }

    deinit {
        pthread_cond_destroy(&changed)
        pthread_mutex_destroy(&mutex)
    }

    /// Offers an input. Thread-safe. Returns false if the inbox is closed.
    @discardableResult
    public func submit(topic: TopicID, message: Payload) -> Bool {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        while items.count >= capacity && !closed && !stopRequested {
            pthread_cond_wait(&changed, &mutex)
        }
        guard !closed && !stopRequested else { return false }
        items.append(Item(topic: topic, message: message))
        pthread_cond_broadcast(&changed)
        return true
    }

    /// No more inputs will come. Thread-safe. `failure` says why when the feed broke (a
    /// connection reset, a read error) instead of ending: the run then stops as
    /// ``StopReason/inputFailed``, not as a normal end. The first close wins.
    public func close(failure: String? = nil) {
        pthread_mutex_lock(&mutex)
        if !closed { failureText = failure }
        closed = true
        pthread_cond_broadcast(&changed)
        pthread_mutex_unlock(&mutex)
    }

    /// Why the feed broke, if it did (see ``close(failure:)``). Thread-safe.
    public var failure: String? {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return failureText
    }

    /// Asks the kernel to stop at the next opportunity. Thread-safe; callable from a signal-handling thread.
    public func requestStop() {
        pthread_mutex_lock(&mutex)
        stopRequested = true
        pthread_cond_broadcast(&changed)
        pthread_mutex_unlock(&mutex)
    }


    /// State seen by the kernel thread in one lock acquisition.
    struct Take {
        var item: Item?
        var closed: Bool
        var failed: Bool
        var stopRequested: Bool
    }

    func take() -> Take {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        let item = items.popFirst()
        if item != nil { pthread_cond_broadcast(&changed) }
        return Take(item: item, closed: closed, failed: failureText != nil, stopRequested: stopRequested)
    }

    /// Blocks until an item arrives, a stop is requested, or the wall clock reaches `deadline`
    /// (nanoseconds since the epoch, CLOCK_REALTIME; nil = no deadline).
    func wait(until deadline: Timestamp?) {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        guard items.isEmpty && !stopRequested else { return }
        if let deadline {
            var limit = timespec(tv_sec: Int(deadline / TimeUnits.nanosecondsPerSecond),
                                 tv_nsec: Int(deadline % TimeUnits.nanosecondsPerSecond))
            _ = pthread_cond_timedwait(&changed, &mutex, &limit)
        } else {
            pthread_cond_wait(&changed, &mutex)
        }
    }
}
