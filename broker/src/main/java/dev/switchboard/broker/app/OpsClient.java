package dev.switchboard.broker.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.triggers.model.ResourceId;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
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
 * Calls the operations API of a running server (docs/operations.md) for the CLI: GETs a JSON body ({@code
 * triggers}, {@code brokers}, {@code describe}), and POSTs to {@code /api/v1/namespaces/{ns}/triggers/{name}/{action}},
 * printing the answer and turning 202 into exit code 0. Failures name the URL and where it came from.
 */
final class OpsClient {
    static final int ACCEPTED = 202;

    private final OpsAddress ops;
    private final Duration timeout;
    private final Optional<Path> tokenFile;

    /** @param tokenFile a file holding the bearer token the server's {@code ops.tokensFile} asks for (docs/operations.md) */
    OpsClient(OpsAddress ops, Duration timeout, Optional<Path> tokenFile) {
        this.ops = ops;
        this.timeout = timeout;
        this.tokenFile = tokenFile;
    }

    /**
     * GETs {@code path} and parses the JSON answer.
     *
     * @throws OpsRequestException when the server cannot be reached, answers other than 200, or not JSON
     */
    JsonNode get(String path) throws OpsRequestException, InterruptedException {
        URI url = ops.resolvePath(path);
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<String> response;
        try {
            response = send(request);
        } catch (IOException e) {
            throw new OpsRequestException(unreachable(url, e));
        }
        if (response.statusCode() != 200) {
            throw new OpsRequestException(url + " answered " + response.statusCode() + " " + response.body());
        }
        try {
            return new ObjectMapper().readTree(response.body());
        } catch (IOException e) {
            throw new OpsRequestException(url + " did not answer JSON: " + e.getMessage());
        }
    }

    /** POSTs {@code body} (JSON, or none when null) and returns 0 when the server answered 202, else 1. */
    int post(ResourceId trigger, String action, String body, PrintWriter out, PrintWriter err)
            throws InterruptedException {
        URI uri = ops.resolvePath("/api/v1/namespaces/" + encode(trigger.namespace()) + "/triggers/"
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
            response = send(request.build());
        } catch (IOException e) {
            err.println(action + " failed: " + unreachable(uri, e));
            err.flush();
            return 1;
        }
        PrintWriter target = response.statusCode() == ACCEPTED ? out : err;
        target.println(response.statusCode() + (response.body().isEmpty() ? "" : " " + response.body()));
        target.flush();
        return response.statusCode() == ACCEPTED ? 0 : 1;
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HttpClient.newBuilder()
                .connectTimeout(timeout)
                .build()
                .send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private String unreachable(URI url, IOException e) {
        String cause = e.getMessage() != null
                ? e.getMessage()
                : e instanceof ConnectException
                        ? "connection refused"
                        : e.getClass().getSimpleName();
        return "cannot reach the ops API at " + url + " (" + ops.origin() + "): " + cause
                + "\nis Switchboard running? pass its ops address with --ops URL, or its data folder with --data-dir DIR";
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
