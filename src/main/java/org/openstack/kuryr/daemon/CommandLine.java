package org.openstack.kuryr.daemon;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openstack.kuryr.config.ConfigException;

/**
 * The daemon's command line, in oslo.config's style so that existing service files work: {@code
 * --config-file PATH} (repeatable) and {@code --config-dir DIR}; without either, {@code
 * /etc/kuryr/kuryr.conf} when it exists. {@code --sample-config} prints a commented sample
 * configuration and exits.
 *
 * @param configFiles files read in order, later ones overriding earlier ones
 * @param configDirs directories whose {@code *.conf} files are read after the files
 * @param sampleConfig print the sample configuration instead of running
 */
record CommandLine(List<Path> configFiles, List<Path> configDirs, boolean sampleConfig) {
  static final Path DEFAULT_CONFIG = Path.of("/etc/kuryr/kuryr.conf");

  static CommandLine parse(String... args) {
    var files = new ArrayList<Path>();
    var dirs = new ArrayList<Path>();
    boolean sample = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config-file" -> files.add(Path.of(value(args, ++i, "--config-file")));
        case "--config-dir" -> dirs.add(Path.of(value(args, ++i, "--config-dir")));
        case "--sample-config" -> sample = true;
        default ->
            throw new ConfigException(
                "unknown argument '"
                    + args[i]
                    + "': expected --config-file PATH, --config-dir DIR"
                    + " or --sample-config");
      }
    }
    if (files.isEmpty() && dirs.isEmpty() && Files.exists(DEFAULT_CONFIG)) {
      files.add(DEFAULT_CONFIG);
    }
    return new CommandLine(files, dirs, sample);
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new ConfigException(option + " needs a value");
    }
    return args[index];
  }
}
