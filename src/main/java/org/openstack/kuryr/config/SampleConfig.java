package org.openstack.kuryr.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a commented sample kuryr.conf from option declarations, so the sample never drifts from
 * what the daemon reads.
 */
public final class SampleConfig {
  private static final int WIDTH = 78;

  private SampleConfig() {}

  /** The sample text: every option commented out with its help, type and default. */
  public static String render(List<Option<?>> options) {
    Map<String, List<Option<?>>> bySection = new LinkedHashMap<>();
    for (Option<?> option : options) {
      bySection.computeIfAbsent(option.section(), s -> new ArrayList<>()).add(option);
    }
    var out = new StringBuilder();
    bySection.forEach(
        (section, sectionOptions) -> {
          out.append('[').append(section).append("]\n\n");
          sectionOptions.forEach(option -> appendOption(out, option));
        });
    return out.toString();
  }

  private static <T> void appendOption(StringBuilder out, Option<T> option) {
    wrap(option.help()).forEach(line -> out.append("# ").append(line).append('\n'));
    out.append("# (").append(option.type().describe());
    if (!option.deprecatedNames().isEmpty()) {
      out.append("; formerly ").append(String.join(", ", option.deprecatedNames()));
    }
    out.append(")\n#").append(option.name()).append(" =");
    if (option.defaultValue() != null) {
      out.append(' ').append(option.type().format(option.defaultValue()));
    }
    out.append("\n\n");
  }

  private static List<String> wrap(String text) {
    var lines = new ArrayList<String>();
    var line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (!line.isEmpty() && line.length() + 1 + word.length() > WIDTH) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (!line.isEmpty()) {
        line.append(' ');
      }
      line.append(word);
    }
    if (!line.isEmpty()) {
      lines.add(line.toString());
    }
    return lines;
  }
}
