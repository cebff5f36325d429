package org.openstack.kuryr.binding.linux;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.openstack.kuryr.host.RecordingCommandRunner.Execution;

/**
 * Replays recorded commands to tell which devices and OVS ports they left behind. Knows only the
 * command forms the binding layer issues; state that existed before is not modelled.
 */
final class HostLedger {
  private final Set<String> devices = new TreeSet<>();
  private final Map<String, String> vethPeers = new HashMap<>();
  private final Set<String> ovsPorts = new TreeSet<>();

  static HostLedger replay(List<Execution> executions) {
    HostLedger ledger = new HostLedger();
    executions.forEach(ledger::apply);
    return ledger;
  }

  /** What was created and not removed again: device names, and OVS ports as "ovs:NAME". */
  Set<String> leftovers() {
    Set<String> all = new TreeSet<>(devices);
    ovsPorts.forEach(port -> all.add("ovs:" + port));
    return all;
  }

  private void apply(Execution execution) {
    List<String> argv = execution.command().argv();
    // Deletions count even when the batch reported missing devices: those are gone either way.
    if (argv.equals(List.of("ip", "-force", "-batch", "-"))) {
      execution.command().stdin().lines().forEach(this::applyBatchLine);
    } else if (execution.succeeded()) {
      applySuccessful(argv);
    }
  }

  private void applySuccessful(List<String> argv) {
    if (argv.size() > 3 && argv.subList(0, 3).equals(List.of("ip", "link", "add"))) {
      addLink(argv);
    } else if (argv.getFirst().equals("ovs-vsctl")) {
      applyVsctl(argv);
    }
  }

  private void addLink(List<String> argv) {
    String name =
        switch (argv.get(3)) {
          case "name" -> argv.get(4);
          case "link" -> argv.get(argv.indexOf("name") + 1);
          default -> argv.get(3);
        };
    devices.add(name);
    int peer = argv.indexOf("peer");
    if (peer > 0) {
      String peerName = argv.get(peer + 2);
      devices.add(peerName);
      vethPeers.put(name, peerName);
      vethPeers.put(peerName, name);
    }
  }

  private void applyBatchLine(String line) {
    String[] words = line.strip().split(" ");
    if (words.length == 4 && words[0].equals("link") && words[1].equals("del")) {
      devices.remove(words[3]);
      String peer = vethPeers.get(words[3]);
      if (peer != null) {
        devices.remove(peer);
      }
    }
  }

  private void applyVsctl(List<String> argv) {
    List<String> words = new ArrayList<>(argv);
    for (int i = 0; i < words.size(); i++) {
      if (words.get(i).equals("add-port")) {
        ovsPorts.add(words.get(i + 2));
      } else if (words.get(i).equals("del-port")) {
        ovsPorts.remove(words.get(i + 1));
      }
    }
  }
}
