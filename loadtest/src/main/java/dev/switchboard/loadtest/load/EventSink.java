package dev.switchboard.loadtest.load;

import io.vertx.core.Future;
import java.util.List;

/** Where a run sends its events: one call per request, whose future says how it was answered. */
public interface EventSink {
    /**
     * Sends {@code events} as one request (a batch when there are several) and completes with the answer;
     * never fails: a transport failure is a {@link SendOutcome} too.
     */
    Future<SendOutcome> send(List<LoadEvent> events);

    /** Releases connections; pending sends are abandoned. */
    Future<Void> close();
}
