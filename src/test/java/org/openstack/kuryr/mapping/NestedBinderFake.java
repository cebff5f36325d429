package org.openstack.kuryr.mapping;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openstack.kuryr.binding.BoundPort;
import org.openstack.kuryr.binding.DataplaneState;
import org.openstack.kuryr.binding.HostWiringException;
import org.openstack.kuryr.binding.PluggedInterface;
import org.openstack.kuryr.binding.PortBinder;

/**
 * A nested-mode binder for unit tests: records what is plugged (the devices on the "VM"), answers
 * {@link DataplaneState#NOT_OBSERVABLE} like the real nested binders, and can be made to fail.
 * Thread-safe.
 */
final class NestedBinderFake implements PortBinder {
  private final Map<String, BoundPort> plugged = new ConcurrentHashMap<>();
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private volatile boolean failPlug;

  /** The ports plugged now, by port ID. */
  Map<String, BoundPort> plugged() {
    return Map.copyOf(plugged);
  }

  /** Every plug and unplug so far, as {@code "plug <port id>"} and {@code "unplug <port id>"}. */
  List<String> calls() {
    return List.copyOf(calls);
  }

  /** Makes every plug fail from now on. */
  void failPlugs() {
    failPlug = true;
  }

  @Override
  public PluggedInterface plug(BoundPort port) {
    calls.add("plug " + port.portId());
    if (failPlug) {
      throw new HostWiringException("failed to plug port " + port.portId() + ": scripted", null);
    }
    plugged.put(port.portId(), port);
    return new PluggedInterface("eth0", containerDeviceName(port.portId()), port.macAddress());
  }

  @Override
  public void unplug(BoundPort port) {
    calls.add("unplug " + port.portId());
    plugged.remove(port.portId());
  }

  @Override
  public DataplaneState awaitDataplaneReady(BoundPort port, Duration timeout) {
    return DataplaneState.NOT_OBSERVABLE;
  }

  @Override
  public String containerDeviceName(String portId) {
    return "t_c" + portId.substring(0, 11);
  }

  @Override
  public String hostDeviceName(String portId) {
    return "eth0";
  }
}
