package dev.switchboard.broker.delivery;

import dev.switchboard.broker.codec.ContentMode;
import dev.switchboard.broker.codec.EventReader;
import dev.switchboard.broker.codec.ReadResult;
import dev.switchboard.triggers.model.ReplyMode;
import java.util.Map;

/**
 * Reads the reply event out of a subscriber's 2xx answer (docs/delivery.md "Reply"), binary or structured, with the
 * ingress's own {@link EventReader} so a reply passes exactly the checks a posted event passes.
 *
 * <p>An answer claims to be a CloudEvent when it has a {@code ce-} header or a {@code application/cloudevents}
 * media type; anything else (an empty body, plain JSON) is no reply. A batch is not a reply: the binding's
 * reply is one event. A body cut at the response limit is invalid.
 */
final class ReplyInspector {
    private final EventReader reader;

    ReplyInspector(EventReader reader) {
        this.reader = reader;
    }

    Reply inspect(Exchange.Answered answer, ReplyMode mode) {
        if (!claimsEvent(answer)) {
            return new Reply.None();
        }
        if (mode == ReplyMode.DISCARD) {
            return new Reply.Discarded();
        }
        if (answer.truncated()) {
            return new Reply.Invalid("the reply is larger than " + answer.body().length + " bytes");
        }
        ContentMode contentMode = ContentMode.of(answer.headers().get("content-type"));
        if (contentMode == ContentMode.BATCH) {
            return new Reply.Invalid("a reply is one event, not a batch");
        }
        ReadResult read = reader.read(contentMode, answer.headers(), answer.body());
        if (read.rejection().isPresent()) {
            return new Reply.Invalid(
                    "invalid reply event: " + read.rejection().get().message());
        }
        return new Reply.Event(read.events().get(0));
    }

    private static boolean claimsEvent(Exchange.Answered answer) {
        for (Map.Entry<String, String> header : answer.headers()) {
            String name = header.getKey();
            if (name.length() > 3 && name.regionMatches(true, 0, "ce-", 0, 3)) {
                return true;
            }
        }
        String contentType = answer.headers().get("content-type");
        return contentType != null && ContentMode.of(contentType) != ContentMode.BINARY;
    }
}
