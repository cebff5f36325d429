package org.openstack.kuryr.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The daemon's memory as its figures show it: the Java heap, and what the kernel counts. */
final class MemoryFigures {
  private static final Path STATUS = Path.of("/proc/self/status");

  private MemoryFigures() {}

  /** Heap used, committed and maximum, and the resident set size (Linux only), in bytes. */
  static Map<String, Long> now() {
    Runtime runtime = Runtime.getRuntime();
    var figures = new LinkedHashMap<String, Long>();
    figures.put("heap_used_bytes", runtime.totalMemory() - runtime.freeMemory());
    figures.put("heap_committed_bytes", runtime.totalMemory());
    figures.put("heap_max_bytes", runtime.maxMemory());
    figures.put("resident_bytes", residentBytes());
    return figures;
  }

  // "VmRSS:     81234 kB"; -1 where the kernel does not say.
  private static long residentBytes() {
    try {
      return Files.readAllLines(STATUS).stream()
          .filter(line -> line.startsWith("VmRSS:"))
          .map(line -> line.replaceAll("[^0-9]", ""))
          .mapToLong(kilobytes -> Long.parseLong(kilobytes) * 1024)
          .findFirst()
          .orElse(-1);
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }
}
