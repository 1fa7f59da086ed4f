#if canImport(Glibc)
import Glibc
#endif
import Dispatch

/// Turns SIGINT and SIGTERM into one call of `handler` (on a private queue), so that the
/// program can shut down cleanly: stop the engine with a last commit, stop agents, restore
/// the terminal.
public final class SignalWatcher: @unchecked Sendable {
    private var sources: [any DispatchSourceSignal] = []
    private var fired = false
    private let queue = DispatchQueue(label: "switchboard.signals")

    public init(signals: [Int32] = [SIGINT, SIGTERM], handler: @escaping @Sendable (Int32) -> Void) {
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [weak self] in
                guard let self, !self.fired else { return }
                self.fired = true
                handler(number)
            }
            source.resume()
            sources.append(source)
        }
    }

    public func cancel() {
        for source in sources { source.cancel() }
        sources.removeAll()
    }
}
