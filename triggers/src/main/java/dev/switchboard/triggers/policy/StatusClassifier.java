package dev.switchboard.triggers.policy;

/**
 * The retryable-status table of docs/delivery.md "Outcome of an attempt", which follows the Knative Eventing data-plane
 * contract (https://github.com/knative/specs/blob/main/specs/eventing/data-plane.md#event-acknowledgement-and-delivery-retry)
 * and its Kafka broker ({@code WebClientCloudEventSender.isRetryableStatusCode}).
 *
 * <table>
 *   <caption>status to class</caption>
 *   <tr><th>status</th><th>class</th></tr>
 *   <tr><td>200–299</td><td>{@link StatusClass#DELIVERED}</td></tr>
 *   <tr><td>404, 408, 409, 429, 500 and above</td><td>{@link StatusClass#RETRY}</td></tr>
 *   <tr><td>every other 4xx, every 3xx (redirects are never followed), 1xx</td><td>{@link StatusClass#GIVE_UP}</td></tr>
 * </table>
 *
 * <p>Connection errors and timeouts are not statuses; they are always retried (see {@link DeliveryDecider}).
 */
public final class StatusClassifier {

    /** The class of {@code status}. */
    public StatusClass classify(int status) {
        if (status >= 200 && status <= 299) {
            return StatusClass.DELIVERED;
        }
        if (status >= 500 || status == 404 || status == 408 || status == 409 || status == 429) {
            return StatusClass.RETRY;
        }
        return StatusClass.GIVE_UP;
    }
}
