package dev.switchboard.triggers.filter;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.time.OffsetDateTime;

/** Canonical events shared by the filter tests. */
final class Events {

    private Events() {}

    /**
     * {@code type=com.example.order.created}, {@code source=https://shop.example/orders}, {@code
     * subject=order-42}, {@code time=2024-01-02T03:04:05.120Z}, extensions {@code region=eu} (string), {@code
     * empty=""} (string), {@code num=42} (integer), {@code flag=true} (boolean), {@code blob=[1,2,3]} (binary);
     * no {@code datacontenttype}, no {@code dataschema}.
     */
    static CloudEvent order() {
        return CloudEventBuilder.v1()
                .withId("e-1")
                .withSource(URI.create("https://shop.example/orders"))
                .withType("com.example.order.created")
                .withSubject("order-42")
                .withTime(OffsetDateTime.parse("2024-01-02T03:04:05.120Z"))
                .withExtension("region", "eu")
                .withExtension("empty", "")
                .withExtension("num", 42)
                .withExtension("flag", true)
                .withExtension("blob", new byte[] {1, 2, 3})
                .build();
    }

    /** Only the required attributes: {@code id=e-2}, {@code source=/minimal}, {@code type=a.b}. */
    static CloudEvent minimal() {
        return CloudEventBuilder.v1()
                .withId("e-2")
                .withSource(URI.create("/minimal"))
                .withType("a.b")
                .build();
    }
}
