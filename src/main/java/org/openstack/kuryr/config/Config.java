package org.openstack.kuryr.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Option values read from one or more INI files. When several files set an option, the last file
 * wins, as with oslo.config's {@code --config-file} and {@code --config-dir}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Config {
  private final List<IniFile> files;

  private Config(List<IniFile> files) {
    this.files = List.copyOf(files);
  }

  /** A configuration with no files: every option has its default. */
  public static Config empty() {
    return new Config(List.of());
  }

  /** A configuration of already parsed files, later ones overriding earlier ones. */
  public static Config of(List<IniFile> files) {
    return new Config(files);
  }

  /**
   * Reads the given files, then the {@code *.conf} files of each directory in name order.
   *
   * @throws ConfigException when a file cannot be read or parsed
   */
  public static Config load(List<Path> configFiles, List<Path> configDirs) {
    var files = new ArrayList<IniFile>();
    for (Path file : configFiles) {
      files.add(read(file));
    }
    for (Path dir : configDirs) {
      for (Path file : confFilesIn(dir)) {
        files.add(read(file));
      }
    }
    return new Config(files);
  }

  private static IniFile read(Path file) {
    try {
      return IniFile.read(file);
    } catch (IOException e) {
      throw new ConfigException("failed to read config file " + file + ": " + e.getMessage(), e);
    }
  }

  private static List<Path> confFilesIn(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(p -> p.getFileName().toString().endsWith(".conf")).sorted().toList();
    } catch (IOException e) {
      throw new ConfigException("failed to list config dir " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The files read, in order of precedence (last wins). */
  public List<Path> sources() {
    return files.stream().map(IniFile::source).toList();
  }

  /**
   * The option's value: the last one written for it (under its name or a deprecated name), or its
   * default.
   *
   * @throws ConfigException when the written value is not valid for the option's type
   */
  public <T> T get(Option<T> option) {
    return raw(option).map(value -> parse(option, value)).orElse(option.defaultValue());
  }

  /** Whether a file sets the option (under its name or a deprecated name). */
  public boolean isSet(Option<?> option) {
    return raw(option).isPresent();
  }

  /**
   * Options written in the files but not declared, as messages naming file, line and option, so
   * that a typo does not silently leave a default in place.
   */
  public List<String> undeclared(Collection<Option<?>> declared) {
    Set<String> known = new HashSet<>();
    for (Option<?> option : declared) {
      known.add(key(option.section(), option.name()));
      option.deprecatedNames().forEach(n -> known.add(key(option.section(), n)));
    }
    var messages = new ArrayList<String>();
    for (IniFile file : files) {
      for (String section : file.sectionNames()) {
        file.section(section)
            .forEach(
                (name, values) -> {
                  if (!known.contains(key(section, name))) {
                    messages.add(
                        values.getFirst().location()
                            + ": unknown option ["
                            + section
                            + "] "
                            + name);
                  }
                });
      }
    }
    return messages;
  }

  private static String key(String section, String name) {
    return IniFile.normalizeSection(section) + "\0" + name;
  }

  private Optional<IniFile.Value> raw(Option<?> option) {
    for (IniFile file : files.reversed()) {
      var section = file.section(option.section());
      List<IniFile.Value> values = section.get(option.name());
      for (int i = 0; values == null && i < option.deprecatedNames().size(); i++) {
        values = section.get(option.deprecatedNames().get(i));
      }
      if (values != null) {
        return Optional.of(values.getLast());
      }
    }
    return Optional.empty();
  }

  private static <T> T parse(Option<T> option, IniFile.Value value) {
    try {
      return option.type().parse(value.text());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          value.location()
              + ": invalid value for "
              + option.qualifiedName()
              + ": "
              + e.getMessage(),
          e);
    }
  }
}
