package dev.switchboard.broker.app;

import dev.switchboard.broker.codec.PercentEncoder;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code switchboard send}: POSTs one CloudEvent (docs/cli.md) and exits 0 on 2xx, 1 otherwise. */
@Command(
        name = "send",
        mixinStandardHelpOptions = true,
        description = "POST one CloudEvent to a broker (binary mode unless --structured).")
final class SendCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--to", description = "Full URL to POST to (overrides --broker/--ingress).")
    URI to;

    @Option(names = "--broker", description = "Target broker as NAMESPACE/NAME (default: ${DEFAULT-VALUE}).")
    String broker = "default/default";

    @Option(names = "--ingress", description = "Ingress base URL (default: ${DEFAULT-VALUE}).")
    String ingress = "http://127.0.0.1:8080";

    @Option(names = "--type", required = true, description = "Event type.")
    String type;

    @Option(names = "--source", required = true, description = "Event source (URI-reference).")
    String source;

    @Option(names = "--id", description = "Event id (default: a random UUID).")
    String id;

    @Option(names = "--subject", description = "Event subject.")
    String subject;

    @Option(names = "--data", description = "Event data, sent as given.")
    String data;

    @Option(names = "--content-type", description = "datacontenttype of --data (default: application/json).")
    String contentType = "application/json";

    @Option(names = "--ext", description = "Extension attribute NAME=VALUE (repeatable).")
    Map<String, String> extensions = new LinkedHashMap<>();

    @Option(names = "--structured", description = "Send in structured mode (application/cloudevents+json).")
    boolean structured;

    @Option(names = "--timeout", description = "Request timeout (ISO-8601, default: ${DEFAULT-VALUE}).")
    Duration timeout = Duration.ofSeconds(30);

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CloudEvent event = event();
        HttpRequest request = structured ? structuredRequest(event) : binaryRequest(event);
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            err.println("send failed: " + e.getMessage());
            return 1;
        }
        PrintWriter target = response.statusCode() / 100 == 2 ? out : err;
        target.println(response.statusCode() + (response.body().isEmpty() ? "" : " " + response.body()));
        if (response.statusCode() / 100 == 2) {
            out.println("sent id " + event.getId() + " to " + target());
            return 0;
        }
        return 1;
    }

    private CloudEvent event() {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(id == null ? UUID.randomUUID().toString() : id)
                .withType(type)
                .withSource(URI.create(source));
        if (subject != null) {
            builder.withSubject(subject);
        }
        if (data != null) {
            builder.withDataContentType(contentType).withData(data.getBytes(StandardCharsets.UTF_8));
        }
        extensions.forEach(builder::withExtension);
        return builder.build();
    }

    private URI target() {
        return to != null ? to : URI.create(ingress.replaceAll("/+$", "") + "/" + broker);
    }

    private HttpRequest structuredRequest(CloudEvent event) {
        byte[] body = new JsonFormat().serialize(event);
        return HttpRequest.newBuilder(target())
                .timeout(timeout)
                .header("Content-Type", JsonFormat.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private HttpRequest binaryRequest(CloudEvent event) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target()).timeout(timeout);
        request.header("ce-specversion", event.getSpecVersion().toString());
        for (String name : event.getAttributeNames()) {
            Object value = event.getAttribute(name);
            if (value == null || name.equals("specversion")) {
                continue;
            }
            if (name.equals("datacontenttype")) {
                request.header("Content-Type", value.toString());
            } else {
                request.header("ce-" + name, PercentEncoder.encode(value.toString()));
            }
        }
        for (String name : event.getExtensionNames()) {
            request.header("ce-" + name, PercentEncoder.encode(String.valueOf(event.getExtension(name))));
        }
        byte[] body = event.getData() == null ? new byte[0] : event.getData().toBytes();
        return request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }
}
