package org.openstack.kuryr.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of one INI file in the dialect oslo.config reads, so that existing kuryr.conf files
 * work unchanged: {@code [section]} headers, {@code key = value} or {@code key: value}, comments
 * starting with {@code #} or {@code ;}, indented continuation lines, and repeated keys (kept in
 * order, for multi-valued options).
 *
 * <p>Immutable and thread-safe. Section names are case-sensitive except {@code DEFAULT}, as in
 * oslo.config.
 */
public final class IniFile {
  private final Path source;
  private final Map<String, Map<String, List<Value>>> sections;

  private IniFile(Path source, Map<String, Map<String, List<Value>>> sections) {
    this.source = source;
    this.sections = sections;
  }

  /** A value as written, with the line it came from (for messages). */
  public record Value(String text, Path file, int line) {
    /** Where the value was written, as {@code file:line}. */
    public String location() {
      return file + ":" + line;
    }
  }

  /** Reads and parses a file. */
  public static IniFile read(Path file) throws IOException {
    return parse(file, Files.readString(file));
  }

  /**
   * Parses INI text.
   *
   * @throws ConfigException when a line is neither a section, an option, a comment nor a
   *     continuation
   */
  public static IniFile parse(Path source, String text) {
    var parser = new Parser(source);
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      parser.accept(lines[i], i + 1);
    }
    return new IniFile(source, parser.sections);
  }

  /** The file this was read from. */
  public Path source() {
    return source;
  }

  /** Section names in file order. */
  public List<String> sectionNames() {
    return List.copyOf(sections.keySet());
  }

  /** The options of a section, in file order; empty when the section is absent. */
  public Map<String, List<Value>> section(String name) {
    return sections.getOrDefault(normalizeSection(name), Map.of());
  }

  static String normalizeSection(String name) {
    return name.equalsIgnoreCase("DEFAULT") ? "DEFAULT" : name;
  }

  private static final class Parser {
    private final Path source;
    private final Map<String, Map<String, List<Value>>> sections = new LinkedHashMap<>();
    private Map<String, List<Value>> current;
    private List<Value> lastValues;

    Parser(Path source) {
      this.source = source;
    }

    void accept(String raw, int lineNumber) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        return;
      }
      if (Character.isWhitespace(raw.charAt(0)) && lastValues != null) {
        continueValue(line, lineNumber);
      } else if (line.startsWith("[")) {
        startSection(line, lineNumber);
      } else {
        addOption(line, lineNumber);
      }
    }

    private void startSection(String line, int lineNumber) {
      if (!line.endsWith("]") || line.length() < 3) {
        throw error(lineNumber, "malformed section header '" + line + "'");
      }
      String name = normalizeSection(line.substring(1, line.length() - 1).strip());
      current = sections.computeIfAbsent(name, n -> new LinkedHashMap<>());
      lastValues = null;
    }

    private void addOption(String line, int lineNumber) {
      int separator = firstSeparator(line);
      if (separator <= 0) {
        throw error(lineNumber, "expected 'name = value', got '" + line + "'");
      }
      if (current == null) {
        throw error(lineNumber, "option outside of a section");
      }
      String key = line.substring(0, separator).strip();
      String value = line.substring(separator + 1).strip();
      lastValues = current.computeIfAbsent(key, k -> new ArrayList<>());
      lastValues.add(new Value(value, source, lineNumber));
    }

    // oslo.config (through Python's parser) lets a continuation line extend the last value,
    // joined with a newline.
    private void continueValue(String line, int lineNumber) {
      Value last = lastValues.removeLast();
      String joined = last.text().isEmpty() ? line : last.text() + "\n" + line;
      lastValues.add(new Value(joined, last.file(), last.line()));
    }

    private static int firstSeparator(String line) {
      int equals = line.indexOf('=');
      int colon = line.indexOf(':');
      if (equals < 0) {
        return colon;
      }
      return colon < 0 ? equals : Math.min(equals, colon);
    }

    private ConfigException error(int lineNumber, String what) {
      return new ConfigException(source + ":" + lineNumber + ": " + what);
    }
  }
}
