package dev.switchboard.broker.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * Checks the raw Kafka properties of {@code kafka.client}, {@code kafka.producer} and {@code kafka.consumer}
 * (docs/configuration.md) with Kafka's own definitions, at load, so that a bad value stops {@code run} with exit code 2 and
 * a message naming the key instead of failing later inside a client:
 *
 * <ul>
 *   <li>Kafka config providers ({@code config.providers=file,dir}, {@code ${file:/path:key}}) are resolved as
 *       the clients will resolve them: an unreadable secret file, or a reference to a key the file lacks, is
 *       an error naming the property and the reference, never the secret;
 *   <li>every property a client knows is parsed and validated with that client's {@link ConfigDef}
 *       ({@code security.protocol=FOO}, a non-numeric {@code request.timeout.ms}); the message of a password
 *       property never carries its value;
 *   <li>{@code sasl.mechanism} must be one Kafka implements, unless a custom client callback handler is set;
 *   <li>the embedded Kafka listens PLAINTEXT on loopback only, so another {@code security.protocol} needs
 *       {@code kafka.bootstrapServers}.
 * </ul>
 *
 * Properties no client knows are left to Kafka, which ignores them with a warning (plugins read their own).
 */
final class KafkaPropertiesCheck {
    private static final Set<String> SASL_MECHANISMS =
            Set.of("GSSAPI", "PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "OAUTHBEARER");
    private static final Pattern UNRESOLVED = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+):[^}]*}");

    private final Problems problems;

    KafkaPropertiesCheck(Problems problems) {
        this.problems = problems;
    }

    /** Checks the three maps as the admin client, the producer and the consumers will each see them. */
    void check(
            Map<String, String> client,
            Map<String, String> producer,
            Map<String, String> consumer,
            Map<String, Origin> origins,
            boolean embedded) {
        Role admin = new Role(AdminClientConfig.configDef(), ConfigKey.KAFKA_CLIENT.path(), Map.of());
        Role producing = new Role(ProducerConfig.configDef(), ConfigKey.KAFKA_PRODUCER.path(), producer);
        Role consuming = new Role(ConsumerConfig.configDef(), ConfigKey.KAFKA_CONSUMER.path(), consumer);
        Map<String, String> reported = new HashMap<>();
        for (Role role : List.of(admin, producing, consuming)) {
            checkRole(role, client, origins, reported);
        }
        if (embedded) {
            refuseSecurityOnEmbedded(
                    Map.of(
                            ConfigKey.KAFKA_CLIENT.path(), client,
                            ConfigKey.KAFKA_PRODUCER.path(), producer,
                            ConfigKey.KAFKA_CONSUMER.path(), consumer),
                    origins,
                    reported);
        }
    }

    /**
     * One kind of client: its definition and its own raw properties ({@code own}, written under {@code ownPath}) applied over {@code kafka.client}.
     */
    private record Role(ConfigDef definition, String ownPath, Map<String, String> own) {
        String sectionOf(String property) {
            return own.containsKey(property) ? ownPath : ConfigKey.KAFKA_CLIENT.path();
        }
    }

    private void checkRole(
            Role role, Map<String, String> client, Map<String, Origin> origins, Map<String, String> reported) {
        Map<String, Object> raw = new HashMap<>(client);
        raw.putAll(role.own());
        Map<String, Object> resolved;
        try {
            resolved = new AbstractConfig(new ConfigDef(), raw, false).originals();
        } catch (ConfigException | IllegalArgumentException e) {
            String section = role.sectionOf(AbstractConfig.CONFIG_PROVIDERS_CONFIG);
            report(
                    reported,
                    section + "." + AbstractConfig.CONFIG_PROVIDERS_CONFIG,
                    "cannot resolve a config provider reference: " + e.getMessage(),
                    origins.get(section));
            return;
        }
        Set<String> providers = providers(raw);
        for (Map.Entry<String, Object> property : resolved.entrySet()) {
            String name = property.getKey();
            String section = role.sectionOf(name);
            String path = section + "." + name;
            Object value = property.getValue();
            Matcher unresolved = UNRESOLVED.matcher(String.valueOf(value));
            if (unresolved.find() && providers.contains(unresolved.group(1))) {
                report(
                        reported,
                        path,
                        "config provider reference " + unresolved.group() + " names a key its file does not hold",
                        origins.get(section));
                continue;
            }
            ConfigDef.ConfigKey key = role.definition().configKeys().get(name);
            if (key == null) {
                continue;
            }
            try {
                Object parsed = ConfigDef.parseType(name, value, key.type);
                if (key.validator != null) {
                    key.validator.ensureValid(name, parsed);
                }
            } catch (ConfigException e) {
                report(
                        reported,
                        path,
                        key.type == ConfigDef.Type.PASSWORD ? "is not a valid password value" : e.getMessage(),
                        origins.get(section));
            }
        }
        checkMechanism(role, resolved, origins, reported);
    }

    private void checkMechanism(
            Role role, Map<String, Object> resolved, Map<String, Origin> origins, Map<String, String> reported) {
        Object mechanism = resolved.get(SaslConfigs.SASL_MECHANISM);
        if (mechanism != null
                && !SASL_MECHANISMS.contains(mechanism.toString().strip())
                && !resolved.containsKey(SaslConfigs.SASL_CLIENT_CALLBACK_HANDLER_CLASS)) {
            String section = role.sectionOf(SaslConfigs.SASL_MECHANISM);
            report(
                    reported,
                    section + "." + SaslConfigs.SASL_MECHANISM,
                    "'" + mechanism
                            + "' is not a SASL mechanism Kafka implements (expected one of GSSAPI, PLAIN, SCRAM-SHA-256,"
                            + " SCRAM-SHA-512, OAUTHBEARER, or set sasl.client.callback.handler.class)",
                    origins.get(section));
        }
    }

    private void refuseSecurityOnEmbedded(
            Map<String, Map<String, String>> sections, Map<String, Origin> origins, Map<String, String> reported) {
        sections.forEach((section, properties) -> {
            String protocol = properties.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
            if (protocol != null && !protocol.strip().equalsIgnoreCase("PLAINTEXT")) {
                report(
                        reported,
                        section + "." + CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
                        "the embedded"
                                + " Kafka listens PLAINTEXT on loopback only; set kafka.bootstrapServers to reach a secured"
                                + " cluster, got '" + protocol + "'",
                        origins.get(section));
            }
        });
    }

    private void report(Map<String, String> reported, String path, String message, Origin origin) {
        if (reported.putIfAbsent(path, message) == null) {
            problems.error(path, message, origin == null ? Origin.defaults() : origin);
        }
    }

    private static Set<String> providers(Map<String, Object> raw) {
        Object names = raw.get(AbstractConfig.CONFIG_PROVIDERS_CONFIG);
        if (names == null) {
            return Set.of();
        }
        return Set.of(names.toString().strip().split("\\s*,\\s*"));
    }
}
