package dev.switchboard.broker.app;

/** The ops API could not be asked or did not answer as expected; the message says what to do (docs/cli.md). */
final class OpsRequestException extends Exception {
    OpsRequestException(String message) {
        super(message);
    }
}
