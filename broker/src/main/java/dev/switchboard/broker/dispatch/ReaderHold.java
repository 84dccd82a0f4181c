package dev.switchboard.broker.dispatch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What a broker's shared reader does about attached triggers that are full (docs/dispatch.md "Full triggers"). While
 * another attached trigger can still take records, each full one detaches, so one slow subscriber never slows the
 * others. When none can, the reader holds instead: it stops fetching until one of them has drained to half its
 * read-ahead. Detaching them all would gain nothing and cost a second read of every record: the shared reader would
 * go on fetching and decoding each one only to note it unread, and each catch-up reader would fetch it again (a lone
 * busy trigger's case: docs/benchmarks.md, "Hot path").
 *
 * <pre>
 *   after a batch:   an attached trigger full? ─no─▶ read on
 *                          │ yes
 *                          ├─ another attached one has room ─▶ DETACH the full ones
 *                          └─ none has room ─────────────────▶ HOLD: the reader stops fetching
 *   before a poll, holding: an attached trigger readable again, or none attached any more ─▶ read on
 * </pre>
 *
 * <p>A trigger is judged after the whole batch was handed out, so it takes at most one poll's records past its
 * read-ahead. Only its reader's thread uses it.
 */
final class ReaderHold {
    private boolean holding;

    /** After a batch was handed out: the full attached triggers to detach; none when the reader holds instead. */
    List<CursorState> afterBatch(Collection<CursorState> triggers) {
        List<CursorState> full = new ArrayList<>();
        boolean room = false;
        for (CursorState state : triggers) {
            if (state.attached()) {
                if (state.full()) {
                    full.add(state);
                } else {
                    room = true;
                }
            }
        }
        holding = !room && !full.isEmpty();
        return holding ? List.of() : full;
    }

    /** Before a poll: whether the reader still holds (no attached trigger is readable again). */
    boolean holds(Collection<CursorState> triggers) {
        if (holding) {
            boolean anyAttached = false;
            for (CursorState state : triggers) {
                if (state.attached()) {
                    anyAttached = true;
                    if (state.readable()) {
                        holding = false;
                        break;
                    }
                }
            }
            holding &= anyAttached;
        }
        return holding;
    }
}
