/// How a run gets its time and its inputs. One runtime serves all three.
public enum RunMode: String, Sendable, CaseIterable {
    /// Virtual time; inputs from sources (generators, files), admitted in time order.
    case simulate
    /// Wall time; inputs arrive through the thread-safe ``Inbox`` and are stamped by the kernel
    /// when it admits them.
    case live
    /// Virtual time; inputs from a recording, admitted at their recorded times.
    case replay
}
