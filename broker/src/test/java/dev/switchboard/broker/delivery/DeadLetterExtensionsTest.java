package dev.switchboard.broker.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import java.net.URI;
import java.util.Arrays;
import java.util.Base64;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class DeadLetterExtensionsTest {
    private static final URI SUBSCRIBER = URI.create("http://billing.shop:8080/in");

    @Test
    void keepsOnlyTheFirstKibibyteOfTheResponseBody() {
        byte[] body = new byte[2_000];
        Arrays.fill(body, (byte) 'x');

        CloudEvent dead = new DeadLetterExtensions().augment(Fixtures.event(), SUBSCRIBER, OptionalInt.of(500), body);

        byte[] kept =
                Base64.getDecoder().decode(dead.getExtension("knativeerrordata").toString());
        assertThat(kept).hasSize(1024).containsOnly((byte) 'x');
    }

    @Test
    void leavesOutCodeAndDataWhenThereWasNoAnswer() {
        CloudEvent dead =
                new DeadLetterExtensions().augment(Fixtures.event(), SUBSCRIBER, OptionalInt.empty(), new byte[0]);

        assertThat(dead.getExtensionNames())
                .contains("knativeerrordest")
                .doesNotContain("knativeerrorcode", "knativeerrordata");
        assertThat(dead.getExtension("knativeerrordest")).isEqualTo(SUBSCRIBER.toString());
    }

    @Test
    void changesNothingElseAboutTheEvent() {
        CloudEvent original = Fixtures.event();

        CloudEvent dead = new DeadLetterExtensions().augment(original, SUBSCRIBER, OptionalInt.of(400), new byte[] {1});

        assertThat(dead.getId()).isEqualTo(original.getId());
        assertThat(dead.getSubject()).isEqualTo(original.getSubject());
        assertThat(dead.getTime()).isEqualTo(original.getTime());
        assertThat(dead.getExtension("region")).isEqualTo("eu west");
        assertThat(dead.getData().toBytes()).isEqualTo(original.getData().toBytes());
        assertThat(dead.getExtensionNames())
                .containsExactlyInAnyOrder("region", "knativeerrordest", "knativeerrorcode", "knativeerrordata");
    }
}
