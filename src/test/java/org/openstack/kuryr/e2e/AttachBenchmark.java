package org.openstack.kuryr.e2e;

import static org.openstack.kuryr.e2e.Docker.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.openstack.kuryr.neutron.NeutronClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * How fast a container gets its network from kuryr, on the test bed, next to Docker's own bridge
 * driver in the same run: {@code docker run --rm} one at a time (alternating the two drivers) and
 * 20 at once, with the port pool off and on; {@code docker network create} and {@code rm}; Neutron
 * requests per container from the daemon's own counters; the daemon's start-to-activation time and
 * resident memory. Writes {@code results.md} and {@code results.json}.
 *
 * <p>It measures and never judges: the targets are printed beside the figures, not asserted. It
 * holds the test runs' turn lock throughout, so nothing else drives this dockerd meanwhile; other
 * load on the machine still shows, and the load average is reported with the figures.
 *
 * <p>The daemon serves under a plugin name new to this dockerd, as after a restart of dockerd:
 * Docker asks a plugin for its capabilities only the first time it uses it in its lifetime.
 *
 * <p>Run by {@code scripts/bench}: {@code AttachBenchmark <output dir> [runs]}.
 */
final class AttachBenchmark {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  private static final int PARALLEL = 20;
  private static final int STARTS = 10;
  private static final Duration IDLE_BEFORE_RSS = Duration.ofSeconds(10);

  private final Path output;
  private final int runs;
  private final String plugin = "kuryrbench" + Integer.toHexString(random(0x1000, 0xffff));
  private final String prefix = "kb" + Integer.toHexString(random(0x1000, 0xffff));
  private final Map<String, Object> results = new LinkedHashMap<>();
  private final List<String> containers = new ArrayList<>();
  private final List<String> networks = new ArrayList<>();
  private KuryrDaemon daemon;

  private AttachBenchmark(Path output, int runs) {
    this.output = output;
    this.runs = runs;
  }

  public static void main(String[] args) throws Exception {
    Path output = Path.of(args.length > 0 ? args[0] : "target/benchmark");
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    Files.createDirectories(output);
    new AttachBenchmark(output, runs).run();
  }

  private void run() throws Exception {
    results.put("started", Instant.now().toString());
    results.put("machine", Machine.describe());
    results.put("load_average_before", Machine.loadAverage());
    daemon = KuryrDaemon.startAs(plugin, output.toAbsolutePath(), config(false));
    try {
      measureStart();
      measureNetworks();
      results.put("without_pool", measureContainers(false));
      results.put("with_pool", measureContainers(true));
      results.put("daemon_rss_after_runs_mb", residentMegabytes());
    } finally {
      Docker.removeQuietly(containers, networks);
      daemon.close();
    }
    results.put("load_average_after", Machine.loadAverage());
    results.put("finished", Instant.now().toString());
    JSON.writeValue(output.resolve("results.json").toFile(), results);
    Files.writeString(output.resolve("results.md"), Report.markdown(results, runs));
    System.out.println(Files.readString(output.resolve("results.md")));
  }

  private static String config(boolean pool) {
    return """
        [DEFAULT]
        debug = false
        [vif_pool]
        enabled = %s
        """
        .formatted(pool);
  }

  // ---------------------------------------------------------------- the daemon

  private void measureStart() throws InterruptedException {
    var starts = new ArrayList<Duration>();
    for (int i = 0; i < STARTS; i++) {
      daemon.restart();
      starts.add(daemon.startToServing());
    }
    Thread.sleep(IDLE_BEFORE_RSS);
    results.put("start_to_activate_ms", Stats.of(starts).toMap());
    results.put("daemon_rss_idle_mb", residentMegabytes());
    results.put("aot_cache", Files.exists(Path.of("target/kuryr.aot")));
  }

  private double residentMegabytes() {
    JsonNode memory = daemon.metrics().required("memory");
    return memory.required("resident_bytes").asLong() / (1024.0 * 1024.0);
  }

  // ---------------------------------------------------------------- networks

  private void measureNetworks() {
    var kuryrCreate = new ArrayList<Duration>();
    var kuryrRemove = new ArrayList<Duration>();
    var bridgeCreate = new ArrayList<Duration>();
    var bridgeRemove = new ArrayList<Duration>();
    for (int i = 0; i < runs; i++) {
      String kuryr = prefix + "-nk" + i;
      String bridge = prefix + "-nb" + i;
      kuryrCreate.add(timed(kuryrNetworkCommand(kuryr)));
      bridgeCreate.add(timed("network", "create", bridge));
      kuryrRemove.add(timed("network", "rm", kuryr));
      bridgeRemove.add(timed("network", "rm", bridge));
    }
    var figures = new LinkedHashMap<String, Object>();
    figures.put("kuryr_create_ms", Stats.of(kuryrCreate).toMap());
    figures.put("bridge_create_ms", Stats.of(bridgeCreate).toMap());
    figures.put("kuryr_rm_ms", Stats.of(kuryrRemove).toMap());
    figures.put("bridge_rm_ms", Stats.of(bridgeRemove).toMap());
    results.put("networks", figures);
  }

  private String[] kuryrNetworkCommand(String name) {
    String cidr = "10.9" + random(0, 10) + "." + random(1, 250) + ".0/24";
    return new String[] {
      "network", "create", "-d", plugin, "--ipam-driver", plugin, "--subnet", cidr, name
    };
  }

  // ---------------------------------------------------------------- containers

  private Map<String, Object> measureContainers(boolean pool) throws Exception {
    daemon.reconfigure(config(pool));
    daemon.restart();
    String kuryr = network(kuryrNetworkCommand(prefix + (pool ? "-pool" : "-nopool")));
    String bridge = network("network", "create", prefix + (pool ? "-brp" : "-brn"));
    var figures = new LinkedHashMap<String, Object>();
    if (pool) {
      figures.put("pool_filled_after_ms", awaitPoolFilled(kuryr).toMillis());
    }
    warmUp(kuryr, bridge);
    figures.putAll(alternatingRuns(kuryr, bridge));
    figures.put("parallel", parallelRuns(kuryr, bridge));
    removeNetworks(kuryr, bridge);
    return figures;
  }

  private String network(String... command) {
    String name = command[command.length - 1];
    docker(command);
    networks.add(name);
    return name;
  }

  private void removeNetworks(String... names) {
    for (String name : names) {
      docker("network", "rm", name);
      networks.remove(name);
    }
  }

  /** Waits until the pool's first batch is in: free ports and no refill running. */
  private Duration awaitPoolFilled(String network) throws InterruptedException {
    long start = System.nanoTime();
    String neutronNetwork;
    try (NeutronClient neutron = BedNeutron.client()) {
      neutronNetwork = BedNeutron.networkOf(neutron, Docker.networkId(network)).id();
    }
    long deadline = start + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      for (var subnet : daemon.metrics().required("port_pool").properties()) {
        JsonNode pool = subnet.getValue();
        if (subnet.getKey().startsWith(neutronNetwork + "/")
            && !pool.required("refilling").asBoolean()
            && pool.required("free").asInt() > 0) {
          return Duration.ofNanos(System.nanoTime() - start);
        }
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the port pool did not fill within 3 minutes");
  }

  private void warmUp(String kuryr, String bridge) {
    for (int i = 0; i < 2; i++) {
      docker("run", "--rm", "--net", kuryr, "busybox", "true");
      docker("run", "--rm", "--net", bridge, "busybox", "true");
    }
    awaitBackgroundIdle();
  }

  private Map<String, Object> alternatingRuns(String kuryr, String bridge) {
    var kuryrTimes = new ArrayList<Duration>();
    var bridgeTimes = new ArrayList<Duration>();
    var counts = new ArrayList<RequestCount>();
    for (int i = 0; i < runs; i++) {
      JsonNode before = daemon.metrics();
      kuryrTimes.add(timed("run", "--rm", "--net", kuryr, "busybox", "true"));
      bridgeTimes.add(timed("run", "--rm", "--net", bridge, "busybox", "true"));
      awaitBackgroundIdle();
      counts.add(RequestCount.between(before, daemon.metrics()));
    }
    var figures = new LinkedHashMap<String, Object>();
    Stats kuryrStats = Stats.of(kuryrTimes);
    Stats bridgeStats = Stats.of(bridgeTimes);
    figures.put("kuryr_run_ms", kuryrStats.toMap());
    figures.put("bridge_run_ms", bridgeStats.toMap());
    figures.put("ratio_of_medians", round(kuryrStats.median() / bridgeStats.median()));
    figures.put("neutron_requests_per_container", requestFigures(counts));
    return figures;
  }

  private static Map<String, Object> requestFigures(List<RequestCount> counts) {
    var figures = new LinkedHashMap<String, Object>();
    figures.put("total_max", counts.stream().mapToLong(RequestCount::total).max().orElse(0));
    figures.put(
        "on_docker_path_max",
        counts.stream().mapToLong(RequestCount::onDockersPath).max().orElse(0));
    figures.put(
        "dns_names_max", counts.stream().mapToLong(RequestCount::forDnsNames).max().orElse(0));
    figures.put("by_call_last_run", counts.getLast().byCall());
    return figures;
  }

  private void awaitBackgroundIdle() {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (RequestCount.backgroundBusy(daemon.metrics()) && System.nanoTime() < deadline) {
      pause(Duration.ofMillis(50));
    }
  }

  private Map<String, Object> parallelRuns(String kuryr, String bridge) throws Exception {
    var figures = new LinkedHashMap<String, Object>();
    ParallelRun onKuryr = burst(kuryr);
    ParallelRun onBridge = burst(bridge);
    figures.put("containers", PARALLEL);
    figures.put("kuryr_total_ms", onKuryr.total().toMillis());
    figures.put("kuryr_failed", onKuryr.failed());
    figures.put("kuryr_failures", onKuryr.failures());
    figures.put("bridge_total_ms", onBridge.total().toMillis());
    figures.put("bridge_failed", onBridge.failed());
    figures.put("bridge_failures", onBridge.failures());
    figures.put(
        "ratio_of_totals",
        round((double) onKuryr.total().toMillis() / onBridge.total().toMillis()));
    awaitBackgroundIdle();
    return figures;
  }

  /** A burst's total time and what the failed runs printed. */
  private record ParallelRun(Duration total, List<String> failures) {
    long failed() {
      return failures.size();
    }
  }

  /** 20 containers at once, each pinging a peer once with its first command. */
  private ParallelRun burst(String network) throws Exception {
    String peer = prefix + "-peer-" + network;
    docker("run", "-d", "--name", peer, "--net", network, "busybox", "sleep", "3600");
    containers.add(peer);
    String address = Docker.ipv4(peer, network);
    var runsAtOnce = new ArrayList<Future<Shell.Result>>();
    long start = System.nanoTime();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < PARALLEL; i++) {
        runsAtOnce.add(
            executor.submit(
                () ->
                    Docker.tryDocker(
                        "run", "--rm", "--net", network, "busybox", "ping", "-c", "1", "-W", "3",
                        address)));
      }
    }
    Duration total = Duration.ofNanos(System.nanoTime() - start);
    var failures = new ArrayList<String>();
    for (Future<Shell.Result> run : runsAtOnce) {
      Shell.Result result = run.get();
      if (!result.ok()) {
        failures.add(
            "exit " + result.exitCode() + ": " + (result.stdout() + result.stderr()).strip());
      }
    }
    docker("rm", "-f", peer);
    containers.remove(peer);
    return new ParallelRun(total, failures);
  }

  // ---------------------------------------------------------------- helpers

  private static Duration timed(String... dockerArgs) {
    long start = System.nanoTime();
    docker(dockerArgs);
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  private static int random(int from, int to) {
    return ThreadLocalRandom.current().nextInt(from, to);
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Median, minimum and maximum of some durations, in milliseconds. */
  record Stats(double median, double min, double max, int count) {
    static Stats of(List<Duration> durations) {
      List<Double> millis = durations.stream().map(d -> d.toNanos() / 1e6).sorted().toList();
      int n = millis.size();
      double median =
          n % 2 == 1 ? millis.get(n / 2) : (millis.get(n / 2 - 1) + millis.get(n / 2)) / 2;
      return new Stats(median, millis.getFirst(), millis.getLast(), n);
    }

    Map<String, Object> toMap() {
      var map = new LinkedHashMap<String, Object>();
      map.put("median", Math.round(median));
      map.put("min", Math.round(min));
      map.put("max", Math.round(max));
      map.put("n", count);
      return map;
    }
  }

  /** The machine the figures come from. */
  static final class Machine {
    private Machine() {}

    static Map<String, Object> describe() {
      var machine = new LinkedHashMap<String, Object>();
      machine.put("cpu", firstLine("/proc/cpuinfo", "model name"));
      machine.put("cores", Runtime.getRuntime().availableProcessors());
      machine.put("memory", firstLine("/proc/meminfo", "MemTotal"));
      machine.put("kernel", command("uname", "-r"));
      machine.put("os", firstLine("/etc/os-release", "PRETTY_NAME"));
      machine.put("docker", command("docker", "version", "-f", "{{.Server.Version}}"));
      machine.put("open_vswitch", command("ovs-vsctl", "--version").lines().findFirst().orElse(""));
      machine.put("neutron", command("dpkg-query", "-W", "-f", "${Version}", "python3-neutron"));
      machine.put("java", System.getProperty("java.vm.version"));
      return machine;
    }

    static String loadAverage() {
      try {
        return Files.readString(Path.of("/proc/loadavg")).strip();
      } catch (IOException e) {
        return "unknown";
      }
    }

    private static String firstLine(String file, String key) {
      try {
        return Files.readAllLines(Path.of(file)).stream()
            .filter(line -> line.startsWith(key))
            .map(line -> line.substring(line.indexOf(line.contains("=") ? '=' : ':') + 1).strip())
            .map(value -> value.replace("\"", ""))
            .findFirst()
            .orElse("unknown");
      } catch (IOException e) {
        return "unknown";
      }
    }

    private static String command(String... argv) {
      Shell.Result result = Shell.exec(Duration.ofSeconds(10), argv);
      return result.ok() ? result.stdout().strip() : "unknown";
    }
  }

  /** The Markdown report of the figures, with the targets beside them. */
  static final class Report {
    private Report() {}

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> results, int runs) {
      var md = new StringBuilder();
      var machine = (Map<String, Object>) results.get("machine");
      md.append("Command: `sudo scripts/bench ")
          .append(runs)
          .append("`, ")
          .append(results.get("started"))
          .append(" to ")
          .append(results.get("finished"))
          .append(".\n\n");
      md.append("Machine: ")
          .append(machine.get("cpu"))
          .append(", ")
          .append(machine.get("cores"))
          .append(" cores, ")
          .append(machine.get("memory"))
          .append(", ")
          .append(machine.get("os"))
          .append(", kernel ")
          .append(machine.get("kernel"))
          .append("; Docker ")
          .append(machine.get("docker"))
          .append(", ")
          .append(machine.get("open_vswitch"))
          .append(", Neutron ")
          .append(machine.get("neutron"))
          .append(" (ML2/OVN), Java ")
          .append(machine.get("java"))
          .append(". Load average ")
          .append(results.get("load_average_before"))
          .append(" before, ")
          .append(results.get("load_average_after"))
          .append(" after.\n\n");
      md.append(containerTable(results));
      md.append(daemonTable(results));
      md.append(networkTable(results));
      return md.toString();
    }

    @SuppressWarnings("unchecked")
    private static String containerTable(Map<String, Object> results) {
      var off = (Map<String, Object>) results.get("without_pool");
      var on = (Map<String, Object>) results.get("with_pool");
      BiFunction<String, Function<Map<String, Object>, Object>, String> both =
          (label, figure) -> "| " + label + " | " + figure.apply(off) + " | " + figure.apply(on);
      var md = new StringBuilder("| `docker run --rm` | without pool | with pool | target |\n");
      md.append("|---|---|---|---|\n")
          .append(both.apply("kuryr, ms (median / min / max)", f -> timing(f, "kuryr_run_ms")))
          .append(" | |\n")
          .append(both.apply("bridge, ms (median / min / max)", f -> timing(f, "bridge_run_ms")))
          .append(" | |\n")
          .append(both.apply("ratio of medians, kuryr / bridge", f -> f.get("ratio_of_medians")))
          .append(" | ≤ 3.0 without pool, ≤ 1.5 with |\n")
          .append(
              both.apply("Neutron requests per container (most)", f -> requests(f, "total_max")))
          .append(" | ≤ 6 without pool |\n")
          .append(both.apply("… while Docker waits", f -> requests(f, "on_docker_path_max")))
          .append(" | ≤ 3 with pool |\n")
          .append(both.apply("… and to name it in DNS (apart)", f -> requests(f, "dns_names_max")))
          .append(" | |\n")
          .append(both.apply("20 at once: kuryr total ms (failed)", f -> parallel(f, "kuryr")))
          .append(" | all reach their peer |\n")
          .append(both.apply("20 at once: bridge total ms (failed)", f -> parallel(f, "bridge")))
          .append(" | |\n")
          .append(both.apply("20 at once: ratio of totals", f -> parallel(f, "ratio")))
          .append(" | ≤ 2.0 |\n");
      md.append("\nNeutron requests of the last container, by plugin call: without pool `")
          .append(requests(off, "by_call_last_run"))
          .append("`; with pool `")
          .append(requests(on, "by_call_last_run"))
          .append("`. The pool's first batch was in ")
          .append(on.get("pool_filled_after_ms"))
          .append(" ms after `docker network create`.\n\n");
      failures(md, "without pool", off);
      failures(md, "with pool", on);
      return md.toString();
    }

    // What a container that failed in a burst printed, so that a failure can be told apart from
    // another (docker's own error, or the ping that got no answer).
    @SuppressWarnings("unchecked")
    private static void failures(StringBuilder md, String label, Map<String, Object> figures) {
      var parallel = (Map<String, Object>) figures.get("parallel");
      for (String driver : List.of("kuryr", "bridge")) {
        var failed = (List<String>) parallel.get(driver + "_failures");
        if (failed != null && !failed.isEmpty()) {
          md.append("Failed at once on ")
              .append(driver)
              .append(", ")
              .append(label)
              .append(": `")
              .append(String.join("`; `", failed).replace('\n', ' '))
              .append("`.\n\n");
        }
      }
    }

    @SuppressWarnings("unchecked")
    private static Object requests(Map<String, Object> figures, String key) {
      return ((Map<String, Object>) figures.get("neutron_requests_per_container")).get(key);
    }

    @SuppressWarnings("unchecked")
    private static String daemonTable(Map<String, Object> results) {
      var start = (Map<String, Object>) results.get("start_to_activate_ms");
      return "| daemon | figure | target |\n|---|---|---|\n"
          + row(
              "start to answering `/Plugin.Activate`, ms (median / min / max of "
                  + start.get("n")
                  + ")",
              triple(start),
              "≤ 500")
          + row("resident memory idle, MB", format(results.get("daemon_rss_idle_mb")), "< 103")
          + row(
              "resident memory after the runs, MB",
              format(results.get("daemon_rss_after_runs_mb")),
              "")
          + "\n";
    }

    @SuppressWarnings("unchecked")
    private static String networkTable(Map<String, Object> results) {
      var networks = (Map<String, Object>) results.get("networks");
      return "| networks, ms (median / min / max) | kuryr | bridge |\n|---|---|---|\n"
          + row(
              "`docker network create`",
              timing(networks, "kuryr_create_ms"),
              timing(networks, "bridge_create_ms"))
          + row(
              "`docker network rm`",
              timing(networks, "kuryr_rm_ms"),
              timing(networks, "bridge_rm_ms"));
    }

    @SuppressWarnings("unchecked")
    private static String timing(Map<String, Object> figures, String key) {
      return triple((Map<String, Object>) figures.get(key));
    }

    private static String triple(Map<String, Object> stats) {
      return stats.get("median") + " / " + stats.get("min") + " / " + stats.get("max");
    }

    @SuppressWarnings("unchecked")
    private static String parallel(Map<String, Object> figures, String driver) {
      var parallel = (Map<String, Object>) figures.get("parallel");
      if (driver.equals("ratio")) {
        return String.valueOf(parallel.get("ratio_of_totals"));
      }
      return parallel.get(driver + "_total_ms") + " (" + parallel.get(driver + "_failed") + ")";
    }

    private static String format(Object megabytes) {
      return String.format(Locale.ROOT, "%.0f", (Double) megabytes);
    }

    private static String row(Object... cells) {
      var row = new StringBuilder("|");
      for (Object cell : cells) {
        row.append(' ').append(cell).append(" |");
      }
      return row.append('\n').toString();
    }
  }
}
