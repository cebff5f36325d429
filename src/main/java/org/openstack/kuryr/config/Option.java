package org.openstack.kuryr.config;

import java.util.List;
import java.util.Objects;

/**
 * The declaration of one configuration option: where it lives, its type, default and help. Each
 * option is declared once (see {@link KuryrOptions}); the sample file and the unknown-option
 * warnings are derived from the declarations.
 *
 * @param section INI section, e.g. {@code DEFAULT} or {@code neutron}
 * @param name option name
 * @param type how its text is parsed
 * @param defaultValue the value when unset; {@code null} means "no value" (the option is optional)
 * @param help one or two sentences for users
 * @param secret never logged nor shown when true
 * @param deprecatedNames older names read as this option, in the same section
 * @param <T> the parsed type
 */
public record Option<T>(
    String section,
    String name,
    OptionType<T> type,
    T defaultValue,
    String help,
    boolean secret,
    List<String> deprecatedNames) {

  /** Validates and copies the declaration. */
  public Option {
    Objects.requireNonNull(section, "section");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(help, "help");
    deprecatedNames = List.copyOf(deprecatedNames);
  }

  /** Starts a declaration. */
  public static <T> Builder<T> of(String section, String name, OptionType<T> type) {
    return new Builder<>(section, name, type);
  }

  /** The option as users write it, {@code [section] name}. */
  public String qualifiedName() {
    return "[" + section + "] " + name;
  }

  /** Builds an {@link Option}; not thread-safe. */
  public static final class Builder<T> {
    private final String section;
    private final String name;
    private final OptionType<T> type;
    private T defaultValue;
    private String help = "";
    private boolean secret;
    private List<String> deprecatedNames = List.of();

    private Builder(String section, String name, OptionType<T> type) {
      this.section = section;
      this.name = name;
      this.type = type;
    }

    /** The value used when the option is not set. */
    public Builder<T> defaultValue(T value) {
      this.defaultValue = value;
      return this;
    }

    /** What the option does, for the sample file. */
    public Builder<T> help(String text) {
      this.help = text;
      return this;
    }

    /** Marks the value as a secret: masked wherever configuration is shown. */
    public Builder<T> secret() {
      this.secret = true;
      return this;
    }

    /** Older names that are still read. */
    public Builder<T> deprecatedNames(String... names) {
      this.deprecatedNames = List.of(names);
      return this;
    }

    /** The declaration. */
    public Option<T> build() {
      return new Option<>(section, name, type, defaultValue, help, secret, deprecatedNames);
    }
  }
}
