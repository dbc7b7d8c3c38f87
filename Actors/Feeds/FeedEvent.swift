import Kernel
import Messages

/// One event of a feed another package registered (docs/extending.md): a quote, a trade or an
/// alternative datum, at the time the kernel admits it. Metronome puts it on the raw topic of its
/// kind, so it meets the input defense and the pipeline like any feed's.
public enum FeedEvent: Sendable, Equatable {
    case quote(Quote)
    case trade(Trade)
    case alternative(AltDatum)
}
