package dev.switchboard.loadtest.load;

/**
 * The answer to one send (one request, which may carry a batch): the HTTP status, or for Kafka 202 when
 * the record was acknowledged; {@link #TRANSPORT_ERROR} with a reason when no status came back, and
 * {@link #BACKLOGGED} when the generator itself had too many requests outstanding to send it.
 */
public record SendOutcome(int status, String reason) {
    public static final int ACCEPTED = 202;
    public static final int TRANSPORT_ERROR = 0;
    public static final int BACKLOGGED = -1;

    public static SendOutcome accepted() {
        return new SendOutcome(ACCEPTED, "");
    }

    public static SendOutcome status(int status) {
        return new SendOutcome(status, "");
    }

    public static SendOutcome transportError(Throwable cause) {
        return new SendOutcome(TRANSPORT_ERROR, String.valueOf(cause.getMessage()));
    }

    public boolean isAccepted() {
        return status == ACCEPTED;
    }

    /** The key errors are counted under in reports: the status, {@code transport} or {@code backlogged}. */
    public String errorKey() {
        return switch (status) {
            case TRANSPORT_ERROR -> "transport";
            case BACKLOGGED -> "backlogged";
            default -> Integer.toString(status);
        };
    }
}
