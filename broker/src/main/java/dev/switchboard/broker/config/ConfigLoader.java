package dev.switchboard.broker.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Loads the server configuration (docs/configuration.md) from the config file, the environment and the flags of
 * {@code run}, with precedence flag &gt; env &gt; file &gt; default decided per key. Nothing is read from
 * the process: the environment and flags are handed in, so a load is a pure function of its inputs and
 * the file. Every problem is reported at once in one {@link ConfigException}.
 *
 * <pre>
 *   file ──▶ Layer ┐
 *   env  ──▶ Layer ├─ overriddenBy ─▶ effective Layer ─▶ ServerConfigBinder ─▶ ServerConfig
 *   flags ─▶ Layer ┘                                     (types, defaults, rules)
 * </pre>
 */
public final class ConfigLoader {

    /**
     * @param file the {@code --config} file, if any; else the file {@code SWITCHBOARD_CONFIG} names, if set
     * @param environment the process environment (only {@code SWITCHBOARD_*} variables are read)
     * @param flags key paths ({@link ConfigKey#path()}) to values, as mapped by the CLI from its flags;
     *     lists are comma-separated
     * @return the validated configuration; its {@link ServerConfig#warnings()} list what was adjusted or
     *     ignored
     * @throws ConfigException naming every invalid key, with {@code file:line:column} for file values
     */
    public ServerConfig load(Optional<Path> file, Map<String, String> environment, Map<String, String> flags)
            throws ConfigException {
        Problems problems = new Problems();
        Layer fromFile = file.or(() -> Optional.ofNullable(environment.get(EnvironmentSource.CONFIG_FILE_VARIABLE))
                        .filter(path -> !path.isBlank())
                        .map(Path::of))
                .map(f -> new ConfigFileSource(problems).read(f))
                .orElse(Layer.empty());
        Layer fromEnvironment = new EnvironmentSource(problems).read(environment);
        Layer fromFlags = new FlagSource(problems).read(flags);
        Layer effective = fromFile.overriddenBy(fromEnvironment).overriddenBy(fromFlags);
        ServerConfig config = new ServerConfigBinder(problems).bind(new Settings(effective, new ValueReader(problems)));
        problems.throwIfAny();
        return config;
    }
}
