package dev.switchboard.broker.app;

import dev.switchboard.triggers.model.ResourceId;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Calls the operations API of a running server (docs/operations.md) for the trigger commands: POSTs to {@code
 * /api/v1/namespaces/{ns}/triggers/{name}/{action}}, prints the answer, and turns 202 into exit code 0.
 */
final class OpsClient {
    static final int ACCEPTED = 202;

    private final URI ops;
    private final Duration timeout;
    private final Optional<Path> tokenFile;

    OpsClient(String ops, Duration timeout) {
        this(ops, timeout, Optional.empty());
    }

    /** @param tokenFile a file holding the bearer token the server's {@code ops.tokensFile} asks for (docs/operations.md) */
    OpsClient(String ops, Duration timeout, Optional<Path> tokenFile) {
        this.ops = URI.create(ops.replaceAll("/+$", ""));
        this.timeout = timeout;
        this.tokenFile = tokenFile;
    }

    /** POSTs {@code body} (JSON, or none when null) and returns 0 when the server answered 202, else 1. */
    int post(ResourceId trigger, String action, String body, PrintWriter out, PrintWriter err)
            throws InterruptedException {
        URI uri = URI.create(ops + "/api/v1/namespaces/" + encode(trigger.namespace()) + "/triggers/"
                + encode(trigger.name()) + "/" + action);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout);
        if (tokenFile.isPresent()) {
            try {
                String token = Files.readString(tokenFile.get(), StandardCharsets.UTF_8)
                        .strip();
                request.header("Authorization", "Bearer " + token);
            } catch (IOException e) {
                err.println(action + " failed: cannot read --token-file " + tokenFile.get() + " ("
                        + e.getClass().getSimpleName() + ")");
                err.flush();
                return 1;
            }
        }
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder()
                    .connectTimeout(timeout)
                    .build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            err.println(action + " failed: cannot reach " + ops + ": " + e.getMessage());
            err.flush();
            return 1;
        }
        PrintWriter target = response.statusCode() == ACCEPTED ? out : err;
        target.println(response.statusCode() + (response.body().isEmpty() ? "" : " " + response.body()));
        target.flush();
        return response.statusCode() == ACCEPTED ? 0 : 1;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
