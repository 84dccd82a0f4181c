package dev.switchboard.triggers.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DestinationResolverTest {

    private final DestinationResolver resolver = new DestinationResolver(List.of(
            new RefMapping("Service", "default", "root", URI.create("http://10.0.0.5:8080")),
            new RefMapping("Service", "default", "slash", URI.create("http://10.0.0.6/")),
            new RefMapping("Service", "shop", "api", URI.create("https://api.example.com/v1/events"))));

    @ParameterizedTest(name = "{0}/{1} + {2} -> {3}")
    @CsvSource(
            nullValues = "-",
            value = {
                "-, root, -, http://10.0.0.5:8080",
                "-, root, /in, http://10.0.0.5:8080/in",
                "-, root, in, http://10.0.0.5:8080/in",
                "-, slash, a/b?x=1, http://10.0.0.6/a/b?x=1",
                "shop, api, -, https://api.example.com/v1/events",
                "shop, api, orders, https://api.example.com/v1/orders",
                "shop, api, /orders, https://api.example.com/orders",
                "-, unknown, /in, -",
                "other, root, -, -"
            })
    void resolvesRefThenRelativeUri(String namespace, String name, String uri, String expected) {
        Destination destination = new Destination(
                Optional.of(new Reference("v1", "Service", namespace, name)),
                Optional.ofNullable(uri).map(URI::create));

        assertThat(resolver.resolve(destination, "default"))
                .isEqualTo(Optional.ofNullable(expected).map(URI::create));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"http://example.com/hook", "https://example.com:8443/a?b=c"})
    void absoluteUriWithoutRefIsItself(String uri) {
        assertThat(resolver.resolve(Destination.of(URI.create(uri)), "default")).contains(URI.create(uri));
    }

    @ParameterizedTest(name = "kind {0}")
    @CsvSource({"Service, true", "KafkaSink, false"})
    void matchesOnKindToo(String kind, boolean resolved) {
        Destination destination =
                new Destination(Optional.of(new Reference("v1", kind, "default", "root")), Optional.empty());

        assertThat(resolver.resolve(destination, "default").isPresent()).isEqualTo(resolved);
    }
}
